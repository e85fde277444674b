package io.kilowire.core.loadmanagement.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteEnergyTest {
  private static LocalTime t(String hhmm) {
    return LocalTime.parse(hhmm);
  }

  @Test
  void aClearSkyDayPeaksAtSolarNoonAndIsDarkAtNight() {
    PvProfile day = new PvProfile.ClearSky(100, t("06:00"), t("20:00"));
    assertThat(day.kwAt(t("13:00"))).isCloseTo(100, within(1e-9));
    assertThat(day.kwAt(t("09:30"))).isCloseTo(100 * Math.sin(Math.PI / 4), within(1e-9));
    assertThat(day.kwAt(t("05:59"))).isZero();
    assertThat(day.kwAt(t("20:00"))).isZero();
    assertThat(day.kwAt(t("06:00"))).isZero();
  }

  @Test
  void aSeriesIsLinearBetweenItsPointsAndDarkOutsideThem() {
    PvProfile s =
        new PvProfile.Series(
            List.of(
                new PvProfile.Point(t("07:00"), 0),
                new PvProfile.Point(t("12:00"), 10),
                new PvProfile.Point(t("18:00"), 4)));
    assertThat(s.kwAt(t("09:30"))).isCloseTo(5, within(1e-9));
    assertThat(s.kwAt(t("15:00"))).isCloseTo(7, within(1e-9));
    assertThat(s.kwAt(t("18:00"))).isCloseTo(4, within(1e-9));
    assertThat(s.kwAt(t("18:01"))).isZero();
    assertThat(s.peakKw()).isEqualTo(10);
  }

  @Test
  void theDarkestCloudOverTheArrayDimsIt() {
    PvArray pv =
        new PvArray(
            new PvProfile.ClearSky(10, t("06:00"), t("20:00")),
            List.of(
                new CloudDip(t("12:00"), t("12:30"), 0.5),
                new CloudDip(t("12:20"), t("12:40"), 0.2)));
    assertThat(pv.kwAt(t("13:00"))).isCloseTo(10, within(1e-9));
    assertThat(pv.kwAt(t("12:10"))).isCloseTo(0.5 * pv.profile().kwAt(t("12:10")), within(1e-9));
    assertThat(pv.kwAt(t("12:25"))).isCloseTo(0.2 * pv.profile().kwAt(t("12:25")), within(1e-9));
    assertThat(pv.kwAt(t("12:40"))).isCloseTo(pv.profile().kwAt(t("12:40")), within(1e-9));
  }

  @Test
  void aTariffPeriodHoldsUntilTheNextAndTheLastWrapsPastMidnight() {
    Tariff tariff =
        new Tariff(
            List.of(
                new Tariff.Period(t("07:00"), 0.30, 0.08),
                new Tariff.Period(t("22:00"), 0.20, 0.05)));
    assertThat(tariff.at(t("07:00")).importPerKwh()).isEqualTo(0.30);
    assertThat(tariff.at(t("21:59")).importPerKwh()).isEqualTo(0.30);
    assertThat(tariff.at(t("23:00")).exportPerKwh()).isEqualTo(0.05);
    assertThat(tariff.at(t("03:00")).importPerKwh()).isEqualTo(0.20);
  }

  @Test
  void eachEvseTakesTheSiteModeUnlessItSaysOtherwise() {
    SiteEnergy e =
        SiteEnergy.builder()
            .pv(new PvArray(new PvProfile.ClearSky(10, t("06:00"), t("20:00")), List.of()))
            .mode(ChargingMode.SOLAR_FIRST)
            .evses(Map.of("2", new EvseEnergy(ChargingMode.SOLAR_ONLY, true)))
            .build();
    assertThat(e.modeOf("1")).isEqualTo(ChargingMode.SOLAR_FIRST);
    assertThat(e.modeOf("2")).isEqualTo(ChargingMode.SOLAR_ONLY);
    assertThat(e.phaseSwitching("1")).isFalse();
    assertThat(e.phaseSwitching("2")).isTrue();
    assertThat(e.usesSolar()).isTrue();
    assertThat(SiteEnergy.NONE.usesSolar()).isFalse();
    assertThat(ChargingMode.byLabel("solar-only")).isEqualTo(ChargingMode.SOLAR_ONLY);
  }

  @Test
  void theBatterySplitsItsRoundTripEvenlyBetweenTheTwoWays() {
    Battery b = new Battery(200, 50, 60, 10, 90, 0.81, 50);
    assertThat(b.oneWayEfficiency()).isCloseTo(0.9, within(1e-12));
  }

  @Test
  void aRunningBatteryFollowsItsSetpointWithinItsLimitsAndStopsAtItsBounds() {
    // 10 kWh, 5 kW each way, 20..80 %, 81 % round trip (90 % each way), at 21 %
    BatteryState b = new BatteryState(new Battery(10, 5, 5, 20, 80, 0.81, 21));
    b.follow(9_000);
    assertThat(b.powerW()).isEqualTo(5_000);
    b.run(36); // 0.05 kWh out of the socket: 0.0556 kWh out of the cells
    assertThat(b.socPercent()).isCloseTo(21 - 0.05 / 0.9 / 10 * 100, within(1e-9));
    b.run(600); // down to its reserve: it stops there
    assertThat(b.socPercent()).isEqualTo(20);
    assertThat(b.powerW()).isZero();
    b.follow(2_000);
    assertThat(b.powerW()).as("no discharge at the reserve").isZero();
    b.follow(-2_000);
    assertThat(b.powerW()).isEqualTo(-2_000);
    b.run(1_800); // 1 kWh in: 0.9 kWh stored
    assertThat(b.socPercent()).isCloseTo(29, within(1e-9));
    b.run(36_000); // full at 80 %
    assertThat(b.socPercent()).isEqualTo(80);
    assertThat(b.powerW()).isZero();
  }

  @Test
  void badFieldsAreNamed() {
    LocalTime six = t("06:00");
    assertThatThrownBy(() -> new PvProfile.ClearSky(0, six, t("20:00")))
        .hasMessage("pv.peakKw: must be above 0, not 0");
    assertThatThrownBy(() -> new PvProfile.ClearSky(5, t("20:00"), six))
        .hasMessage("pv.sunset: must be after pv.sunrise (20:00)");
    assertThatThrownBy(
            () ->
                new PvProfile.Series(
                    List.of(new PvProfile.Point(t("12:00"), 1), new PvProfile.Point(six, 0))))
        .hasMessage("pv.series[1].t: must come after 12:00");
    assertThatThrownBy(() -> new PvProfile.Series(List.of(new PvProfile.Point(six, -1))))
        .hasMessage("pv.series[0].kw: must be from 0 to 1000000, not -1");
    assertThatThrownBy(() -> new CloudDip(t("12:00"), t("11:00"), 0.5))
        .hasMessage("pv.clouds.until: must be after its from (12:00)");
    assertThatThrownBy(() -> new CloudDip(t("11:00"), t("12:00"), 1.5))
        .hasMessage("pv.clouds.share: must be from 0 to 1, not 1.5");
    assertThatThrownBy(() -> new Battery(0, 5, 5, 10, 90, 0.9, 50))
        .hasMessage("battery.capacityKwh: must be above 0, not 0");
    assertThatThrownBy(() -> new Battery(10, 5, 5, 90, 10, 0.9, 50))
        .hasMessage("battery.maxSoc: must be above battery.minSoc (90)");
    assertThatThrownBy(() -> new Battery(10, 5, 5, 10, 90, 1.2, 50))
        .hasMessage("battery.roundTripEfficiency: must be above 0 and at most 1, not 1.2");
    assertThatThrownBy(() -> new Battery(10, 5, 5, 20, 90, 0.9, 10))
        .hasMessage("battery.initialSoc: must be from 20 to 90, not 10");
    assertThatThrownBy(() -> new Battery(10, -1, 5, 20, 90, 0.9, 50))
        .hasMessage("battery.maxChargeKw: must be from 0 to 1000000, not -1");
    assertThatThrownBy(
            () ->
                new Tariff(List.of(new Tariff.Period(six, 0.3, 0), new Tariff.Period(six, 0.2, 0))))
        .hasMessage("tariffs[1].from: must come after 06:00");
    assertThatThrownBy(() -> SiteEnergy.builder().exportLimitKw(-2.0).build())
        .hasMessage("exportLimitKw: must be from 0 to 1000000, not -2");
    assertThatThrownBy(() -> SiteEnergy.builder().mode(ChargingMode.SOLAR_ONLY).build())
        .hasMessage(
            "chargingMode: solar-first and solar-only need a pv section (no sun, no surplus)");
    assertThatThrownBy(
            () ->
                SiteEnergy.builder()
                    .evses(Map.of("1", new EvseEnergy(ChargingMode.SOLAR_FIRST, false)))
                    .build())
        .hasMessageStartingWith("chargingMode: solar-first and solar-only need a pv section");
    assertThatThrownBy(
            () -> new SolarRules(Duration.ofMinutes(1), Duration.ofMinutes(-1), Duration.ZERO, 1))
        .hasMessage("solar.stopAfter: must not be negative");
    assertThatThrownBy(
            () -> new SolarRules(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO, 1))
        .hasMessage("solar.readingStaleAfter: must be longer than zero");
    assertThatThrownBy(() -> ChargingMode.byLabel("sunny"))
        .hasMessage("expected grid, solar-first, solar-only or cost, not 'sunny'");
  }
}
