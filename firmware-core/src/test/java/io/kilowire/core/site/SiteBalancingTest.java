package io.kilowire.core.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.BudgetSource;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.Station;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SiteBalancing} on a real {@link Station} in virtual time: readings step the balancer, the
 * allocation becomes the station's local limit, the allocation's next step needs no reading, a
 * silent meter means the safe budget and a reported fallback, the fallback cap is the EV's maximum.
 */
class SiteBalancingTest {
  private static final List<Phase> THREE = List.of(Phase.L1, Phase.L2, Phase.L3);

  private final StationScenario sc = new StationScenario(OcppVersion.V201);
  private final Counting scheduler = new Counting(sc.clock);
  private final List<Allocation> steps = new ArrayList<>();
  private Station station;

  private static SiteConfig site() {
    return site(32);
  }

  private static SiteConfig site(double rampStepA) {
    return SiteConfig.builder(40)
        .safetyMarginA(2)
        .evses(
            List.of(
                new EvseSlot("CS/1", null, THREE, 32, 32, 0),
                new EvseSlot("CS/2", null, THREE, 32, 16, 0)))
        .meterStaleAfter(Duration.ofSeconds(10))
        .meterFallbackBudgetA(12.0)
        .ramp(Duration.ofSeconds(5), rampStepA)
        .build();
  }

  private SiteBalancing balancing(FallbackConfig fallback) {
    return balancing(site(), fallback);
  }

  private SiteBalancing balancing(SiteConfig site, FallbackConfig fallback) {
    station = sc.startOnline();
    return SiteBalancing.builder(site, scheduler)
        .station("CS/1", station, 1)
        .station("CS/2", station, 2)
        .fallback(fallback)
        .listener(
            (a, r) -> {
              steps.add(a);
              // The EVs take what they are offered at once.
              sc.hardware.draw(1, Math.min(32, station.currentLimit(1)));
            })
        .build();
  }

  /** The site meter: the building's load plus what EVSE 1's EV draws (on all three phases). */
  private SiteReading reading(double buildingA) {
    double a = buildingA + station.meterReading(1).currentA().l1();
    return new SiteReading(sc.clock.now(), new PerPhase(a, a, a), 3 * a * 230);
  }

  @Test
  void eachReadingStepsAndTheAllocationBecomesTheLocalLimitRampingOnItsOwnTimer() {
    SiteBalancing b = balancing(site(10), FallbackConfig.defaults());
    b.start();
    assertThat(station.localLimit(1)).isEqualTo(0.0);
    sc.startCharging(1, StationScenario.TOKEN, 0);

    b.reading(reading(10));
    assertThat(station.localLimit(1)).as("a start rises by one ramp step").isEqualTo(10.0);
    Allocation first = steps.get(steps.size() - 1);
    assertThat(first.source()).isEqualTo(BudgetSource.METER);
    // the session's start already stepped once: the next rise is due at most one interval on
    assertThat(first.nextStep())
        .isAfter(sc.clock.now())
        .isBeforeOrEqualTo(sc.clock.now().plusSeconds(5));

    // No reading for 5 s: the ramp's own timer raises the limit.
    int before = b.steps();
    sc.advance(Duration.ofSeconds(5));
    assertThat(b.steps()).isEqualTo(before + 1);
    assertThat(station.localLimit(1)).isEqualTo(20.0);
    // A reading in between leaves the ramp's timer in place: up to the budget (40 - 2 - 10).
    sc.advance(Duration.ofSeconds(1));
    b.reading(reading(10));
    assertThat(station.localLimit(1)).isEqualTo(20.0);
    sc.advance(Duration.ofSeconds(4));
    assertThat(b.steps()).isEqualTo(before + 3);
    assertThat(station.localLimit(1)).isEqualTo(28.0);
    assertThat(station.currentLimit(1)).isEqualTo(28.0);
    assertThat(station.localLimit(2)).isEqualTo(0.0);
    assertThat(scheduler.pending()).isLessThanOrEqualTo(1);
  }

  @Test
  void moreBuildingLoadLowersTheLimitAtOnce() {
    SiteBalancing b = balancing(FallbackConfig.defaults());
    b.start();
    sc.startCharging(1, StationScenario.TOKEN, 0);
    b.reading(reading(10));
    sc.advance(Duration.ofSeconds(5));
    b.reading(reading(10));
    assertThat(station.localLimit(1)).isEqualTo(28.0);

    sc.advance(Duration.ofSeconds(1));
    b.reading(reading(25));
    assertThat(station.localLimit(1)).isEqualTo(13.0);
    assertThat(station.currentLimit(1)).isEqualTo(13.0);
  }

  @Test
  void aSilentMeterGivesTheSafeBudgetAtMeterStaleAfterAndTheStationReportsIt() {
    SiteBalancing b = balancing(FallbackConfig.defaults());
    b.start();
    sc.startCharging(1, StationScenario.TOKEN, 0);
    for (int i = 0; i < 6; i++) {
      b.reading(reading(5));
      sc.advance(Duration.ofSeconds(1));
    }
    assertThat(station.localLimit(1)).isEqualTo(32.0);
    assertThat(station.fallbackConditions()).isEmpty();
    Instant last = b.latestReading().at();

    // The meter goes silent: 10 s after its last reading the budget is the safe one, by the timer.
    sc.advance(Duration.between(sc.clock.now(), last.plusSeconds(10)).plusMillis(1));
    Allocation stale = steps.get(steps.size() - 1);
    assertThat(stale.source()).isEqualTo(BudgetSource.METER_FALLBACK);
    assertThat(station.localLimit(1)).isEqualTo(12.0);
    assertThat(station.fallbackConditions()).containsExactly(FallbackCondition.SITE_METER_STALE);

    // It is back: the budget follows the meter again, and the station reports the end.
    b.reading(reading(5));
    assertThat(steps.get(steps.size() - 1).source()).isEqualTo(BudgetSource.METER);
    assertThat(station.fallbackConditions()).isEmpty();
    assertThat(scheduler.pending()).isLessThanOrEqualTo(1);
  }

  @Test
  void theFallbackCapIsTheEvsMaximumAndAProfileBelowTheAllocationStillWins() {
    SiteBalancing b =
        balancing(new FallbackConfig(Duration.ofSeconds(15), Duration.ofSeconds(30), 8.0, 6));
    b.start();
    sc.startCharging(1, StationScenario.TOKEN, 0);
    b.reading(reading(5));
    sc.advance(Duration.ofSeconds(5));
    b.reading(reading(5));
    assertThat(station.localLimit(1)).isEqualTo(32.0);

    sc.drop();
    b.reading(reading(5));
    assertThat(station.localLimit(1)).as("the cap folded into evMaxA").isEqualTo(8.0);
    assertThat(station.currentLimit(1)).isEqualTo(8.0);
  }

  @Test
  void aStaticSiteNeedsNoMeterAndDoesNotWatchOne() {
    station = sc.startOnline();
    SiteConfig fixed =
        SiteConfig.builder(40)
            .mode(io.kilowire.core.loadmanagement.AllocationMode.STATIC)
            .staticBudgetA(20)
            .evses(List.of(new EvseSlot("CS/1", null, THREE, 32, 32, 0)))
            .build();
    SiteBalancing b = SiteBalancing.builder(fixed, scheduler).station("CS/1", station, 1).build();
    b.start();
    // no reading ever comes: the session's start alone makes the balancing step
    sc.startCharging(1, StationScenario.TOKEN, 20);
    sc.advance(Duration.ofSeconds(1));
    assertThat(station.localLimit(1)).isEqualTo(20.0);
    sc.advance(Duration.ofMinutes(1));
    assertThat(station.localLimit(1)).isEqualTo(20.0);
    assertThat(station.fallbackConditions()).isEmpty();
  }

  @Test
  void aFrozenEvseMeterCountsAsNoDrawOnceItsReadingIsStale() {
    SiteBalancing b = balancing(site(), FallbackConfig.defaults());
    b.start();
    sc.startCharging(1, StationScenario.TOKEN, 0);
    sc.hardware.draw(1, 20);
    b.reading(reading(10));
    // EVSE 1's meter stops at 20 A while its EV stops drawing; the site meter sees only the
    // building, 25 A on a 40 A fuse with a 2 A margin
    sc.hardware.freezeMeter(1);
    sc.advance(Duration.ofSeconds(20));
    SiteReading building = new SiteReading(sc.clock.now(), new PerPhase(25, 25, 25), 3 * 25 * 230);

    Allocation a = b.reading(building);

    // 40 - 2 - 25 = 13 A, not the 33 A that "25 A minus the frozen 20 A" would leave
    assertThat(a.buildingA()).isEqualTo(PhaseCurrents.all(25));
    assertThat(a.availableA()).isEqualTo(PhaseCurrents.all(13));
    // and the EV, seen drawing nothing, keeps the minimum until it draws again
    assertThat(a.limitA("CS/1")).isBetween(6.0, 13.0);
  }

  @Test
  void aRepeatedReadingDoesNotKeepTheStationsMeterWatchdogFresh() {
    SiteBalancing b = balancing(FallbackConfig.defaults());
    b.start();
    // a meter whose clock runs 10 min ahead, then freezes
    SiteReading now = reading(10);
    SiteReading once =
        new SiteReading(now.at().plus(Duration.ofMinutes(10)), now.currentA(), now.powerW());
    b.reading(once);
    for (int i = 0; i < 30; i++) {
      sc.advance(Duration.ofSeconds(1));
      b.reading(once); // a frozen meter repeating its last measurement
    }
    assertThat(station.fallbackConditions())
        .contains(io.kilowire.core.fallback.FallbackCondition.SITE_METER_STALE);
    assertThat(b.step().source())
        .isEqualTo(io.kilowire.core.loadmanagement.BudgetSource.METER_FALLBACK);
  }

  @Test
  void afterCloseNothingIsAppliedAndNoTimerIsLeft() {
    SiteBalancing b = balancing(site(10), FallbackConfig.defaults());
    b.start();
    sc.startCharging(1, StationScenario.TOKEN, 0);
    b.reading(reading(10));
    double limit = station.localLimit(1);
    b.close();
    sc.advance(Duration.ofMinutes(1));
    assertThat(station.localLimit(1)).isEqualTo(limit);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aBindingTheSiteDoesNotHaveIsRefused() {
    Station s = sc.startOnline();
    assertThatThrownBy(() -> SiteBalancing.builder(site(), scheduler).station("CS/9", s, 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CS/9");
    assertThatThrownBy(
            () ->
                SiteBalancing.builder(site(), scheduler)
                    .station("CS/1", s, 1)
                    .station("CS/1", s, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  /** Counts the balancing's timers that have neither run nor been cancelled. */
  private static final class Counting implements TaskScheduler {
    private final TaskScheduler inner;
    private int pending;

    Counting(TaskScheduler inner) {
      this.inner = inner;
    }

    int pending() {
      return pending;
    }

    @Override
    public Instant now() {
      return inner.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      pending++;
      boolean[] done = new boolean[1];
      Cancellable c =
          inner.schedule(
              delay,
              () -> {
                if (!done[0]) {
                  done[0] = true;
                  pending--;
                  task.run();
                }
              });
      return () -> {
        if (!done[0]) {
          done[0] = true;
          pending--;
          c.cancel();
        }
      };
    }
  }
}
