package io.kilowire.emulator.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.emulator.site.SiteFileParser.SiteFileException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The site file's PV, battery, export limit, tariffs and charging modes. */
class SiteEnergyFileTest {
  private static final String SITE =
      """
      gridLimitA: 100
      timezone: Europe/Berlin
      chargingMode: solar-first
      pv:
        peakKw: 100
        sunrise: "05:30"
        sunset: "21:00"
        clouds:
          - {from: "11:00", until: "11:20", share: 0.2}
      battery: {capacityKwh: 200, maxChargeKw: 50, maxDischargeKw: 60, minSoc: 10, maxSoc: 95,
                roundTripEfficiency: 0.92, initialSoc: 40}
      exportLimitKw: 30
      tariffs:
        - {from: "07:00", importPerKwh: 0.31, exportPerKwh: 0.08}
        - {from: "22:00", importPerKwh: 0.19}
      solar: {startAfter: 2m, stopAfter: 10m, readingStaleAfter: 20s, urgentShare: 0.6}
      evses:
        - {station: 1}
        - {station: 2, chargingMode: solar-only, phaseSwitching: true}
        - {station: 3, chargingMode: grid}
      """;

  private static SiteFile yaml(String text) {
    return SiteFileParser.parse(text, true, "test.yaml");
  }

  @Test
  void theEnergySectionsBecomeTheCoreSiteEnergy() {
    SiteEnergy e = yaml(SITE).config().energy();

    assertThat(e.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(e.mode()).isEqualTo(ChargingMode.SOLAR_FIRST);
    assertThat(e.modeOf("1/1")).isEqualTo(ChargingMode.SOLAR_FIRST);
    assertThat(e.modeOf("2/1")).isEqualTo(ChargingMode.SOLAR_ONLY);
    assertThat(e.modeOf("3/1")).isEqualTo(ChargingMode.GRID);
    assertThat(e.phaseSwitching("2/1")).isTrue();
    assertThat(e.phaseSwitching("1/1")).isFalse();
    assertThat(e.pv().profile())
        .isEqualTo(new PvProfile.ClearSky(100, LocalTime.of(5, 30), LocalTime.of(21, 0)));
    assertThat(e.pvKwAt(LocalTime.of(11, 10)))
        .isCloseTo(0.2 * e.pv().profile().kwAt(LocalTime.of(11, 10)), within(1e-9));
    assertThat(e.battery()).isEqualTo(new Battery(200, 50, 60, 10, 95, 0.92, 40));
    assertThat(e.exportLimitKw()).isEqualTo(30.0);
    assertThat(e.tariff().at(LocalTime.of(12, 0)).importPerKwh()).isEqualTo(0.31);
    assertThat(e.tariff().at(LocalTime.of(3, 0)).importPerKwh()).isEqualTo(0.19);
    assertThat(e.tariff().at(LocalTime.of(3, 0)).exportPerKwh()).isZero();
    assertThat(e.solar())
        .isEqualTo(
            new SolarRules(
                Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofSeconds(20), 0.6));
  }

  @Test
  void withoutTheSectionsASiteHasNoPvNoBatteryAndChargesFromTheGrid() {
    SiteEnergy e = yaml("gridLimitA: 40\nevses: [{station: 1}]\n").config().energy();

    assertThat(e.pv()).isNull();
    assertThat(e.battery()).isNull();
    assertThat(e.tariff()).isNull();
    assertThat(e.mode()).isEqualTo(ChargingMode.GRID);
    assertThat(e.solar()).isEqualTo(SolarRules.DEFAULTS);
  }

  @Test
  void aSeriesAndBatteryDefaults() {
    SiteEnergy e =
        yaml("""
                gridLimitA: 40
                evses: [{station: 1}]
                pv: {series: [{t: "07:00", kw: 0}, {t: "13:00", kw: 9}, {t: "19:00", kw: 0}]}
                battery: {capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5}
                """)
            .config()
            .energy();

    assertThat(e.pvKwAt(LocalTime.of(10, 0))).isCloseTo(4.5, within(1e-9));
    // reserve 10 %, up to 100 %, 90 % round trip, starting at the reserve
    assertThat(e.battery()).isEqualTo(new Battery(10, 5, 5, 10, 100, 0.9, 10));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "chargingMode: sunny|chargingMode: expected grid, solar-first, solar-only or cost, not 'sunny'",
        "chargingMode: solar-only|chargingMode: solar-first and solar-only need a pv section",
        "chargingMode: cost|chargingMode: cost needs a tariffs section",
        "pv: {}|pv: expected either peakKw (with sunrise, sunset) or series",
        "pv: {peakKw: 0}|pv.peakKw: expected a number from 0.01 to 1000000, not 0",
        "pv: {peakKw: 5, sunrise: '20:00', sunset: '06:00'}"
            + "|pv.sunset: must be after pv.sunrise (20:00)",
        "pv: {peakKw: 5, sunrise: dawn}|pv.sunrise: expected a time of day",
        "pv: {peakKw: 5, series: [{t: '07:00', kw: 1}]}"
            + "|pv.peakKw: give either series or peakKw (with sunrise, sunset)",
        "pv: {series: [{t: '12:00', kw: 1}, {t: '07:00', kw: 0}]}"
            + "|pv.series[1].t: must come after 12:00",
        "pv: {series: [{t: '12:00', kw: -1}]}|pv.series[0].kw: expected a number from 0",
        "pv: {peakKw: 5, clouds: [{from: '12:00', until: '11:00', share: 0.5}]}"
            + "|pv.clouds[0].until: must be after from (12:00)",
        "pv: {peakKw: 5, clouds: [{from: '11:00', until: '12:00', share: 2}]}"
            + "|pv.clouds[0].share: expected a number from 0 to 1, not 2",
        "pv: {peakKw: 5, colour: blue}|pv.colour: unknown field",
        "battery: {maxChargeKw: 5, maxDischargeKw: 5}|battery.capacityKwh: required",
        "battery: {capacityKwh: 10, maxChargeKw: -5, maxDischargeKw: 5}"
            + "|battery.maxChargeKw: expected a number from 0 to 1000000, not -5",
        "battery: {capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, minSoc: 80, maxSoc: 20}"
            + "|battery.maxSoc: must be above battery.minSoc (80)",
        "battery: {capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, initialSoc: 5}"
            + "|battery.initialSoc: must be from 10 to 100, not 5",
        "battery: {capacityKwh: 10, maxChargeKw: 5, maxDischargeKw: 5, roundTripEfficiency: 0}"
            + "|battery.roundTripEfficiency: expected a number from 0.01 to 1, not 0",
        "exportLimitKw: -1|exportLimitKw: expected a number from 0 to 1000000, not -1",
        "tariffs: []|tariffs: expected at least one entry",
        "tariffs: [{from: '07:00'}]|tariffs[0].importPerKwh: required",
        "tariffs: [{from: '22:00', importPerKwh: 0.2}, {from: '07:00', importPerKwh: 0.3}]"
            + "|tariffs[1].from: must come after 22:00",
        "solar: {stopAfter: later}|solar.stopAfter: expected a duration",
        "solar: {readingStaleAfter: 0s}|solar.readingStaleAfter: must be longer than zero",
        "solar: {urgentShare: 0}|solar.urgentShare: expected a number from 0.01 to 1, not 0",
        "solar: {startAfter: 1m, sunny: true}|solar.sunny: unknown field",
      })
  void aBadEnergyFieldIsNamed(String field, String message) {
    assertThatThrownBy(() -> yaml("gridLimitA: 40\nevses: [{station: 1}]\n" + field + "\n"))
        .isInstanceOf(SiteFileException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{station: 1, chargingMode: sunny}"
            + "|evses[0].chargingMode: expected grid, solar-first, solar-only or cost",
        "{station: 1, wiring: L2, phaseSwitching: true}"
            + "|evses[0].phaseSwitching: needs a three-phase EVSE",
        "{station: 1, phaseSwitching: maybe}|evses[0].phaseSwitching: expected true or false",
      })
  void aBadEvseEnergyFieldIsNamed(String evse, String message) {
    assertThatThrownBy(() -> yaml("gridLimitA: 40\nevses: [" + evse + "]\n"))
        .isInstanceOf(SiteFileException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void solarModesNeedTheSiteMeter() {
    assertThatThrownBy(
            () ->
                yaml(
                    """
                    gridLimitA: 40
                    mode: static
                    chargingMode: solar-first
                    pv: {peakKw: 5}
                    evses: [{station: 1}]
                    """))
        .isInstanceOf(SiteFileException.class)
        .hasMessage(
            "site: chargingMode solar-first or solar-only needs mode DYNAMIC: the site meter"
                + " measures the surplus");
  }
}
