package io.kilowire.emulator.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.emulator.site.SiteFileParser.SiteFileException;
import io.kilowire.emulator.station.EvModel;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The site file's V2G peak and the arrivals that can feed back. */
class SiteV2gFileTest {
  private static final String ARRIVAL =
      "{at: \"18:00\", station: 1, batteryKwh: 60, soc: 70, targetSoc: 90, maxA: 16,"
          + " departure: \"07:30\"";

  private static SiteFile yaml(String text) {
    return SiteFileParser.parse(text, true, "test.yaml");
  }

  private static String site(String v2g, String arrivalExtra) {
    return "gridLimitA: 25\nevses: [{station: 1}]\narrivals:\n  - "
        + ARRIVAL
        + arrivalExtra
        + "}\n"
        + v2g;
  }

  @Test
  void thePeakAndTheV2gEvBecomeTheSiteAndTheEvModel() {
    SiteFile site =
        yaml(
            site(
                "v2g: {from: \"17:30\", until: \"21:00\", dischargeA: 10}\n",
                ", v2g: {maxA: 12, minSoc: 40}"));

    assertThat(site.v2g())
        .isEqualTo(new SiteFile.V2gPeak(LocalTime.of(17, 30), LocalTime.of(21, 0), 10));
    EvModel ev = site.arrivals().get(0).ev();
    assertThat(ev.v2g()).isTrue();
    assertThat(ev.maxDischargeA()).isEqualTo(12);
    assertThat(ev.minSocPercent()).isEqualTo(40);
  }

  @Test
  void withoutTheSectionsNothingFeedsBackAndAV2gEvDischargesUpToItsMaximum() {
    SiteFile plain = yaml(site("", ""));
    assertThat(plain.v2g()).isNull();
    assertThat(plain.arrivals().get(0).ev().v2g()).isFalse();

    EvModel ev = yaml(site("", ", v2g: {minSoc: 30}")).arrivals().get(0).ev();
    assertThat(ev.maxDischargeA()).isEqualTo(16);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v2g: {from: \"17:00\", until: \"21:00\"}||v2g.dischargeA: required",
        "v2g: {from: \"17:00\", dischargeA: 5}||v2g.until: required",
        "v2g: {from: \"17:00\", until: \"17:00\", dischargeA: 5}||v2g.until: must differ from",
        "v2g: {from: \"7pm\", until: \"21:00\", dischargeA: 5}||v2g.from: expected a time of day",
        "v2g: {from: \"17:00\", until: \"21:00\", dischargeA: 0}"
            + "||v2g.dischargeA: expected a number from 1 to 1000",
        "v2g: {from: \"17:00\", until: \"21:00\", dischargeA: 5, setpoint: 3}||v2g.setpoint: unknown",
        "|, v2g: {maxA: 12}|arrivals[0].v2g.minSoc: required",
        "|, v2g: {minSoc: 95}|arrivals[0].v2g.minSoc: must be below the EV's target (90.0 %)",
        "|, v2g: {minSoc: 30, maxA: 0}|arrivals[0].v2g.maxA: expected a number from 1",
        "|, v2g: {minSoc: 30, power: 3}|arrivals[0].v2g.power: unknown field",
      })
  void aBadV2gFieldIsNamed(String v2g, String arrival, String message) {
    assertThatThrownBy(
            () -> yaml(site(v2g == null ? "" : v2g + "\n", arrival == null ? "" : arrival)))
        .isInstanceOf(SiteFileException.class)
        .hasMessageContaining(message);
  }
}
