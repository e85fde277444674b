package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** ClockCtrlr.TimeZone: a region or an offset Java's time-zone rules know, else refused by name. */
class V21ClockVariablesTest {
  private static final ValueType<String> TYPE = V21ClockVariables.TIME_ZONE.actual().type();

  @Test
  void aRegionAnOffsetAndUtcAreZones() {
    assertThat(V21ClockVariables.zone(TYPE.parse("Europe/Berlin")))
        .isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(V21ClockVariables.zone(TYPE.parse("+05:30")))
        .isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(V21ClockVariables.zone(V21ClockVariables.TIME_ZONE.actual().defaultValue()))
        .isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void anUnknownZoneIsRefusedSayingWhatIsExpected() {
    assertThatThrownBy(() -> TYPE.parse("Mars/Olympus_Mons"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("not a time zone")
        .hasMessageContaining("Mars/Olympus_Mons");
  }
}
