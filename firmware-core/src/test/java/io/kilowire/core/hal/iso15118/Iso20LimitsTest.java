package io.kilowire.core.hal.iso15118;

import static io.kilowire.core.hal.iso15118.Composites.T0;
import static io.kilowire.core.hal.iso15118.Composites.THREE_230;
import static io.kilowire.core.hal.iso15118.Composites.amps;
import static io.kilowire.core.hal.iso15118.Composites.p;
import static io.kilowire.core.hal.iso15118.Composites.watts;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.smartcharging.CompositeSchedule;
import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Iso20LimitsTest {
  @Nested
  class ScheduledMode {
    @Test
    void periodsBecomeEntriesWithDurationsSummingTo24Hours() {
      CompositeSchedule c = amps(T0, 7200, p(0, "32"), p(1600, "16"), p(3600, "0"));
      PowerSchedule s =
          Iso20Limits.powerSchedule(
              c, T0.plusSeconds(1000), null, THREE_230, PowerSchedule.MAX_ENTRIES);

      assertThat(s.timeAnchor()).isEqualTo(T0.plusSeconds(1000));
      assertThat(s.entries())
          .extracting(PowerScheduleEntry::duration)
          .containsExactly(600L, 2000L, 83_800L);
      assertThat(s.entries().get(0).power().quantity()).isEqualByComparingTo("22080");
      assertThat(s.entries().get(1).power().quantity()).isEqualByComparingTo("11040");
      assertThat(s.entries().get(2).power().quantity()).isEqualByComparingTo("0");
      assertThat(s.coverage()).isEqualTo(86_400);
    }

    @Test
    void aDepartureTimeSetsTheCoverageWithoutADayCapPerEntry() {
      PowerSchedule s =
          Iso20Limits.powerSchedule(
              watts(T0, 0, p(0, "150000")), T0, T0.plusSeconds(200_000), THREE_230, 1024);
      assertThat(s.entries()).hasSize(1);
      assertThat(s.entries().get(0).duration()).isEqualTo(200_000L);
      assertThat(s.entries().get(0).power().quantity()).isEqualByComparingTo("150000");
    }

    @Test
    void theEvsEntryLimitMergesToTheMinimum() {
      CompositeSchedule c = amps(T0, 0, p(0, "32"), p(100, "10"), p(200, "32"));
      PowerSchedule s = Iso20Limits.powerSchedule(c, T0, null, THREE_230, 2);
      assertThat(s.entries()).hasSize(2);
      assertThat(s.entries().get(0).power().quantity()).isEqualByComparingTo("6900");
      assertThat(s.entries().get(0).duration()).isEqualTo(200L);
    }
  }

  @Nested
  class DynamicMode {
    @Test
    void theAcTargetActivePowerIsTheLimitInForceInWatts() {
      CompositeSchedule c = amps(T0, 600, p(0, "16"), p(300, "10", 1));
      assertThat(Iso20Limits.evseTargetActivePower(c, T0, THREE_230).quantity())
          .isEqualByComparingTo("11040");
      assertThat(Iso20Limits.evseTargetActivePower(c, T0.plusSeconds(300), THREE_230).quantity())
          .isEqualByComparingTo("2300");
    }

    @Test
    void dcMaximumChargePowerAndCurrent() {
      DcChargeLimits l =
          Iso20Limits.dcChargeLimits(
              watts(T0, 600, p(0, "350000")),
              T0,
              THREE_230,
              BigDecimal.valueOf(800),
              BigDecimal.valueOf(500));
      assertThat(l.maximumChargePower().quantity()).isEqualByComparingTo("350000");
      assertThat(l.maximumChargeCurrent().quantity()).isEqualByComparingTo("437.5");
    }
  }
}
