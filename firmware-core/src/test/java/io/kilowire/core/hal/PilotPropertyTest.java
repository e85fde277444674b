package io.kilowire.core.hal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random limit sequences; the seed is in the test name and in every failure message. */
class PilotPropertyTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40).map(i -> i * 7919L);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theSignalledCurrentNeverExceedsTheLimitAndEveryOutputIsAChange(long seed) {
    Random random = new Random(seed);
    VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    Recorder out = new Recorder(scheduler);
    PilotConfig config =
        PilotConfig.builder()
            .phases(random.nextBoolean() ? 1 : 3)
            .pauseMode(random.nextBoolean() ? PauseMode.CONSTANT_HIGH : PauseMode.FULL_DUTY)
            .raiseInterval(Duration.ofMillis(random.nextInt(10_000)))
            .minPauseTime(Duration.ofSeconds(random.nextInt(120)))
            .build();
    PilotController c = new PilotController(config, scheduler, out);
    c.onCpState(CpState.C);
    double limit = Double.MAX_VALUE;
    for (int step = 0; step < 2_000; step++) {
      scheduler.advance(Duration.ofMillis(random.nextInt(8_000)));
      String where = "seed " + seed + " step " + step;
      assertThat(c.signalledAmps()).as(where).isLessThanOrEqualTo(limit);
      double l1 = randomAmps(random);
      double l2 = randomAmps(random);
      double l3 = randomAmps(random);
      c.setLimit(l1, l2, l3);
      limit = config.phases() == 1 ? l1 : Math.min(l1, Math.min(l2, l3));
      assertThat(c.signalledAmps()).as(where).isLessThanOrEqualTo(limit);
      if (limit < 6) {
        assertThat(c.signalledAmps()).as(where).isZero();
      }
    }
    for (int i = 1; i < out.pilots.size(); i++) {
      assertThat(out.pilots.get(i))
          .as("seed %d output %d", seed, i)
          .isNotEqualTo(out.pilots.get(i - 1));
    }
  }

  private static double randomAmps(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextDouble() * 7; // around the 6 A edge
      case 1 -> 50 + random.nextDouble() * 4; // around the 51-52.5 A gap
      case 2 -> 78 + random.nextDouble() * 4; // around 80 A
      default -> random.nextDouble() * 100;
    };
  }
}
