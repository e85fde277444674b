package io.kilowire.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FallbackMonitorTest {
  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private static final FallbackConfig CONFIG =
      new FallbackConfig(Duration.ofSeconds(15), Duration.ofSeconds(30), 16.0, 8);

  private static FallbackEvent event(
      Instant at, FallbackCondition condition, boolean active, String detail) {
    return new FallbackEvent(at, condition, active, detail);
  }

  @Nested
  class Csms {
    @Test
    void anOutageIsAnEntryAndAReconnectAnExitAtTheirInstants() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.watchSiteMeter(false, T0);
      m.csmsConnection(T0.plusSeconds(5), false);
      m.csmsConnection(T0.plusSeconds(65), true);

      assertThat(m.evaluate(T0.plusSeconds(70)))
          .containsExactly(
              event(T0.plusSeconds(5), FallbackCondition.CSMS_OFFLINE, true, "CSMS lost"),
              event(T0.plusSeconds(65), FallbackCondition.CSMS_OFFLINE, false, "CSMS reachable"));
      assertThat(m.evaluate(T0.plusSeconds(71))).isEmpty();
    }

    @Test
    void whileOfflineTheOfflineCapAppliesAndTheDurationIsKnown() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      assertThat(m.capA()).isNull();
      assertThat(m.offlineFor(T0)).isNull();

      m.csmsConnection(T0, false);
      m.evaluate(T0);

      assertThat(m.active()).containsExactly(FallbackCondition.CSMS_OFFLINE);
      assertThat(m.capA()).isEqualTo(16.0);
      assertThat(m.offlineFor(T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
      assertThat(m.offlineSince()).isEqualTo(T0);
    }

    @Test
    void aRepeatedStateIsNoEvent() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.watchSiteMeter(false, T0);
      m.csmsConnection(T0, true);
      assertThat(m.evaluate(T0)).isEmpty();

      m.csmsConnection(T0.plusSeconds(1), false);
      assertThat(m.evaluate(T0.plusSeconds(1))).hasSize(1);
      m.csmsConnection(T0.plusSeconds(2), false); // told again: still the same outage
      assertThat(m.evaluate(T0.plusSeconds(2))).isEmpty();
      assertThat(m.offlineSince()).isEqualTo(T0.plusSeconds(1));
    }
  }

  @Nested
  class SiteMeter {
    @Test
    void aSilentMeterBecomesStaleAtItsDeadlineAndFreshWithTheNextReading() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.siteMeterReading(T0.plusSeconds(2), T0.plusSeconds(3));
      assertThat(m.nextDeadline()).isEqualTo(T0.plusSeconds(17));
      assertThat(m.evaluate(T0.plusSeconds(16))).isEmpty();

      assertThat(m.evaluate(T0.plusSeconds(17)))
          .containsExactly(
              event(
                  T0.plusSeconds(17),
                  FallbackCondition.SITE_METER_STALE,
                  true,
                  "site meter silent"));
      assertThat(m.nextDeadline()).isNull();

      m.siteMeterReading(T0.plusSeconds(40), T0.plusSeconds(41));
      assertThat(m.evaluate(T0.plusSeconds(41)))
          .containsExactly(
              event(
                  T0.plusSeconds(41),
                  FallbackCondition.SITE_METER_STALE,
                  false,
                  "site meter heard again"));
      assertThat(m.nextDeadline()).isEqualTo(T0.plusSeconds(55));
    }

    @Test
    void aReadingThatArrivesAlreadyStaleDoesNotEndTheCondition() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.evaluate(T0.plusSeconds(20));
      m.siteMeterReading(T0.plusSeconds(1), T0.plusSeconds(30));
      assertThat(m.evaluate(T0.plusSeconds(30))).isEmpty();
      assertThat(m.active()).containsExactly(FallbackCondition.SITE_METER_STALE);
    }

    @Test
    void aLateEvaluationStillDatesTheEntryAtTheDeadline() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.siteMeterReading(T0.plusSeconds(60), T0.plusSeconds(60));
      assertThat(m.evaluate(T0.plusSeconds(60)))
          .extracting(FallbackEvent::at, FallbackEvent::active, FallbackEvent::detail)
          .containsExactly(
              tuple(T0.plusSeconds(15), true, "no site meter yet"),
              tuple(T0.plusSeconds(60), false, "site meter heard again"));
    }

    @Test
    void aStaleMeterImposesNoCapOfItsOwn() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.evaluate(T0.plusSeconds(20));
      assertThat(m.isActive(FallbackCondition.SITE_METER_STALE)).isTrue();
      assertThat(m.capA()).isNull();
    }
  }

  @Nested
  class Controller {
    @Test
    void aSilentControllerGivesTheSafeShareUntilItIsHeardAgain() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.watchSiteMeter(false, T0);
      assertThat(m.nextDeadline()).isNull();
      m.watchController(true, T0);
      m.controllerHeard(T0.plusSeconds(10));
      assertThat(m.nextDeadline()).isEqualTo(T0.plusSeconds(40));

      m.evaluate(T0.plusSeconds(40));
      assertThat(m.capA()).isEqualTo(8.0);

      m.csmsConnection(T0.plusSeconds(41), false);
      assertThat(m.capA()).isEqualTo(8.0);

      m.controllerHeard(T0.plusSeconds(50));
      assertThat(m.evaluate(T0.plusSeconds(50)))
          .extracting(FallbackEvent::condition, FallbackEvent::active)
          .containsExactly(
              tuple(FallbackCondition.CSMS_OFFLINE, true),
              tuple(FallbackCondition.CONTROLLER_LOST, false));
      assertThat(m.capA()).isEqualTo(16.0);
    }

    @Test
    void anUnwatchedControllerIsNeverLost() {
      FallbackMonitor m = new FallbackMonitor(CONFIG, T0);
      m.watchSiteMeter(false, T0);
      assertThat(m.evaluate(T0.plus(Duration.ofHours(1)))).isEmpty();
      m.watchController(true, T0.plus(Duration.ofHours(1)));
      assertThat(m.nextDeadline()).isEqualTo(T0.plus(Duration.ofHours(1)).plusSeconds(30));
    }
  }
}
