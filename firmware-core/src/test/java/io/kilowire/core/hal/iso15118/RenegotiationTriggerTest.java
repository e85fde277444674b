package io.kilowire.core.hal.iso15118;

import static io.kilowire.core.hal.iso15118.Composites.T0;
import static io.kilowire.core.hal.iso15118.Composites.amps;
import static io.kilowire.core.hal.iso15118.Composites.p;
import static io.kilowire.core.hal.iso15118.Composites.watts;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.CompositeSchedule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RenegotiationTriggerTest {
  private final CompositeSchedule before = amps(T0, 600, p(0, "32"), p(300, "16"));
  private final CompositeSchedule lower = amps(T0, 600, p(0, "32"), p(300, "10"));

  @Nested
  class AChangedCompositeIsAnnouncedInTheSessionsProtocol {
    @Test
    void iso2GetsReNegotiation() {
      assertThat(RenegotiationTrigger.decide(before, lower, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.RENEGOTIATION);
    }

    @Test
    void iso20GetsScheduleRenegotiation() {
      assertThat(RenegotiationTrigger.decide(before, lower, HlcProtocol.ISO15118_20))
          .isEqualTo(Notification.SCHEDULE_RENEGOTIATION);
    }

    @Test
    void withoutHighLevelCommunicationNothingIsSent() {
      assertThat(RenegotiationTrigger.decide(before, lower, HlcProtocol.NONE))
          .isEqualTo(Notification.NONE);
    }

    @Test
    void theFirstCompositeCountsAsAChange() {
      assertThat(RenegotiationTrigger.decide(null, before, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.RENEGOTIATION);
    }

    @Test
    void aChangedPhaseCountIsAChange() {
      CompositeSchedule onePhase = amps(T0, 600, p(0, "32"), p(300, "16", 1));
      assertThat(RenegotiationTrigger.decide(before, onePhase, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.RENEGOTIATION);
    }

    @Test
    void aChangedUnitIsAChange() {
      assertThat(
              RenegotiationTrigger.decide(
                  watts(T0, 600, p(0, "22080")),
                  amps(T0, 600, p(0, "32")),
                  HlcProtocol.ISO15118_20))
          .isEqualTo(Notification.SCHEDULE_RENEGOTIATION);
    }

    @Test
    void aNewLimitBeyondThePreviousEndIsAChange() {
      // The EV was told 16 A holds after 600 s; a drop at 610 s breaks that promise.
      CompositeSchedule rolled =
          amps(T0.plusSeconds(30), 600, p(0, "32"), p(270, "16"), p(580, "8"));
      assertThat(RenegotiationTrigger.decide(before, rolled, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.RENEGOTIATION);
    }
  }

  @Nested
  class NoOpChangesAreTolerated {
    @Test
    void theSameCompositeIsNoChange() {
      assertThat(RenegotiationTrigger.decide(before, before, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.NONE);
    }

    @Test
    void anotherDecimalScaleIsNoChange() {
      CompositeSchedule scaled = amps(T0, 600, p(0, "32.0"), p(300, "16.00"));
      assertThat(RenegotiationTrigger.decide(before, scaled, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.NONE);
    }

    @Test
    void aRecomputationWithASlidingStartAndTheSameLimitsIsNoChange() {
      CompositeSchedule rolled = amps(T0.plusSeconds(30), 600, p(0, "32"), p(270, "16"));
      assertThat(RenegotiationTrigger.decide(before, rolled, HlcProtocol.ISO15118_20))
          .isEqualTo(Notification.NONE);
    }

    @Test
    void aRecomputationAfterAPeriodEndedIsNoChange() {
      CompositeSchedule rolled = amps(T0.plusSeconds(400), 600, p(0, "16"));
      assertThat(RenegotiationTrigger.decide(before, rolled, HlcProtocol.ISO15118_2))
          .isEqualTo(Notification.NONE);
    }
  }
}
