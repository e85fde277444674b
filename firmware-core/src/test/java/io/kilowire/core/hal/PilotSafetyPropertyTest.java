package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sessions (limits, CP states, meter readings, HLC, fault inputs) checked against the
 * safety invariants of SPEC-FACTS E.3/E.4 after every event. The seed is in the test name.
 */
class PilotSafetyPropertyTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 30).map(i -> i * 104_729L);
  }

  /** Tracks the effects and checks that each one is a change. */
  private static final class Watch implements PilotOutput {
    final VirtualScheduler scheduler;
    final long seed;
    @Nullable PilotSignal pilot;
    @Nullable Boolean contactor;
    @Nullable Instant stoppedOfferingAt;

    Watch(VirtualScheduler scheduler, long seed) {
      this.scheduler = scheduler;
      this.seed = seed;
    }

    @Override
    public void pilot(PilotSignal signal) {
      assertThat(signal).as("seed %d: repeated pilot output", seed).isNotEqualTo(pilot);
      boolean wasOffering = pilot != null && offers(pilot);
      if (wasOffering && !offers(signal)) {
        stoppedOfferingAt = scheduler.now();
      }
      pilot = signal;
    }

    @Override
    public void contactor(boolean closed) {
      assertThat(closed).as("seed %d: repeated contactor output", seed).isNotEqualTo(contactor);
      contactor = closed;
    }

    static boolean offers(PilotSignal s) {
      return s.offersCurrent() || s.equals(PilotSignal.HLC);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theContactorIsOnlyClosedWhileTheEvAsksAndNeverLongerThanSixSecondsAfterAPause(long seed) {
    Random random = new Random(seed);
    VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    Watch watch = new Watch(scheduler, seed);
    PilotController c = new PilotController(PilotConfig.defaults(), scheduler, watch);
    CpState cp = CpState.A;
    double limit = 0;
    int closedSteps = 0;
    for (int step = 0; step < 3_000; step++) {
      String where = "seed " + seed + " step " + step;
      switch (random.nextInt(10)) {
        case 0, 1 -> {
          limit = random.nextDouble() * 40;
          c.setLimit(limit);
        }
        case 2 -> {
          cp = CpState.values()[random.nextInt(4)];
          c.onCpState(cp);
        }
        case 3 -> {
          if (random.nextInt(10) == 0) {
            c.setHlcActive(random.nextBoolean());
          }
        }
        case 4 -> {
          if (random.nextInt(20) == 0) {
            c.onFaultInputs(random.nextInt(3) == 0, random.nextInt(3) == 0);
          } else if (random.nextInt(5) == 0) {
            c.clearFault();
          }
        }
        default -> {
          double a = random.nextDouble() * 45;
          c.onMeter(
              new MeterReading(
                  scheduler.now(), 0, 0, new PerPhase(a, a, a), new PerPhase(230, 230, 230), null));
        }
      }
      scheduler.advance(Duration.ofMillis(random.nextInt(4_000)));
      assertThat(c.signalledAmps()).as(where).isLessThanOrEqualTo(limit);
      if (c.contactorClosed()) {
        closedSteps++;
        assertThat(cp.requestsEnergy()).as(where + ": closed while EV in " + cp).isTrue();
        if (!Watch.offers(c.pilot())) {
          assertThat(watch.stoppedOfferingAt).as(where).isNotNull();
          assertThat(Duration.between(watch.stoppedOfferingAt, scheduler.now()))
              .as(where + ": closed too long after the pause")
              .isLessThanOrEqualTo(Duration.ofSeconds(6));
        }
      }
    }
    assertThat(closedSteps)
        .as("seed %d: the walk never charged; the check was vacuous", seed)
        .isPositive();
  }
}
