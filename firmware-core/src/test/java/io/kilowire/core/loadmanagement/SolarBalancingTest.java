package io.kilowire.core.loadmanagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.EvseEnergy;
import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.PvProfile;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.metering.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The solar modes and the battery's dispatch in the pure {@link LoadBalancer}. */
class SolarBalancingTest {
  private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");
  private static final Instant NIGHT = Instant.parse("2026-06-01T23:00:00Z");
  private static final double V = 230;
  private static final PvArray PV =
      new PvArray(new PvProfile.ClearSky(25, LocalTime.of(6, 0), LocalTime.of(20, 0)), List.of());
  private static final SolarRules RULES =
      new SolarRules(Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(15), 0.5);

  private static SiteEnergy.Builder energy(ChargingMode mode) {
    return SiteEnergy.builder().zone(ZoneOffset.UTC).pv(PV).mode(mode).solar(RULES);
  }

  private static LoadBalancer balancer(double fuseA, SiteEnergy energy, EvseSlot... slots) {
    return new LoadBalancer(Sites.dynamic(fuseA, slots).energy(energy).build());
  }

  /** The grid meter's net reading: the building and the EVs, less what the PV and battery give. */
  private static SiteReadings readings(
      Instant at,
      double buildingA,
      double evDrawA,
      @Nullable Double pvW,
      @Nullable BatteryReading battery) {
    double supplied = ((pvW == null ? 0 : pvW) + (battery == null ? 0 : battery.powerW())) / 3 / V;
    double net = buildingA + evDrawA - supplied;
    return new SiteReadings(
        new SiteReading(at, new PerPhase(net, net, net), net * 3 * V),
        pvW == null ? null : new PvReading(at, pvW),
        battery);
  }

  private static EvseDemand ev(String id, Instant start, double drawA) {
    return Sites.ev(id, start, 3, PhaseCurrents.all(drawA));
  }

  @Test
  void aSolarOnlyEvStartsOnceTheSurplusHasCarriedItsMinimumForStartAfter() {
    LoadBalancer lb = balancer(63, energy(ChargingMode.SOLAR_ONLY).build(), Sites.slot("1", 32));
    // 10 kW of sun over a 10 A building: 13.5 A x phases of surplus, short of 3 x 6 A
    Allocation a =
        lb.stepOn(NOON, readings(NOON, 10, 0, 10_000.0, null), List.of(ev("1", NOON, 0)));
    assertThat(a.limitA("1")).isZero();
    assertThat(a.waiting()).containsExactly("1");
    assertThat(a.surplusW()).isCloseTo(10_000 - 30 * V, within(1e-6));

    // 23 kW: 100 A x phases of sun, 70 of them surplus; the EV waits the hold out
    Instant t = NOON.plusSeconds(1);
    a = lb.stepOn(t, readings(t, 10, 0, 23_000.0, null), List.of(ev("1", NOON, 0)));
    assertThat(a.limitA("1")).isZero();
    assertThat(a.nextStep()).isEqualTo(t.plusSeconds(15)); // the PV reading's staleness first
    Instant held = t.plusSeconds(60);
    for (Instant s = t.plusSeconds(10); !s.isAfter(held); s = s.plusSeconds(10)) {
      a = lb.stepOn(s, readings(s, 10, 0, 23_000.0, null), List.of(ev("1", NOON, 0)));
      assertThat(a.limitA("1")).as("at %s", s).isEqualTo(s.isBefore(held) ? 0 : 23.3);
    }
  }

  @Test
  void aSolarOnlyEvKeepsTheMinimumThroughACloudAndStopsAfterStopAfter() {
    LoadBalancer lb =
        balancer(
            63,
            energy(ChargingMode.SOLAR_ONLY).solar(RULES.withStartAfter(Duration.ZERO)).build(),
            Sites.slot("1", 32));
    Allocation a =
        lb.stepOn(NOON, readings(NOON, 10, 0, 23_000.0, null), List.of(ev("1", NOON, 0)));
    assertThat(a.limitA("1")).isEqualTo(23.3);
    Instant cloud = NOON.plusSeconds(5);
    a = lb.stepOn(cloud, readings(cloud, 10, 23.3, 5_000.0, null), List.of(ev("1", NOON, 23.3)));
    assertThat(a.limitA("1")).isEqualTo(6);
    assertThat(a.nextStep()).isEqualTo(cloud.plusSeconds(15));
    Instant almost = cloud.plusSeconds(299);
    a = lb.stepOn(almost, readings(almost, 10, 6, 5_000.0, null), List.of(ev("1", NOON, 6)));
    assertThat(a.limitA("1")).isEqualTo(6);
    Instant over = cloud.plusSeconds(300);
    a = lb.stepOn(over, readings(over, 10, 6, 5_000.0, null), List.of(ev("1", NOON, 6)));
    assertThat(a.limitA("1")).isZero();
    assertThat(a.waiting()).containsExactly("1");
  }

  @Test
  void aPhaseSwitchingEvseStartsOnOnePhaseAndGoesToThreeWhenTheSunHolds() {
    SiteEnergy e =
        energy(ChargingMode.SOLAR_ONLY)
            .evses(Map.of("1", new EvseEnergy(null, true)))
            .solar(RULES.withStartAfter(Duration.ZERO))
            .build();
    LoadBalancer lb = balancer(63, e, Sites.slot("1", 32));
    // 10 kW of sun: 13.5 A of surplus, enough for one phase at 13.4 A, not for three at 6 A
    Allocation a =
        lb.stepOn(NOON, readings(NOON, 10, 0, 10_000.0, null), List.of(ev("1", NOON, 0)));
    assertThat(a.phases()).containsEntry("1", 1);
    assertThat(a.limitA("1")).isEqualTo(13.4);
    assertThat(a.commandedA()).isEqualTo(new PhaseCurrents(13.4, 0, 0));
    Instant sunny = NOON.plusSeconds(5);
    a = lb.stepOn(sunny, readings(sunny, 10, 4.5, 23_000.0, null), List.of(ev("1", NOON, 4.5)));
    assertThat(a.phases()).containsEntry("1", 3);
    assertThat(a.limitA("1")).isEqualTo(23.3);
  }

  @Test
  void solarFirstTakesTheMinimumFromTheGridAndTheSurplusAboveIt() {
    LoadBalancer lb = balancer(63, energy(ChargingMode.SOLAR_FIRST).build(), Sites.slot("1", 32));
    Allocation night =
        lb.stepOn(NIGHT, readings(NIGHT, 10, 0, 0.0, null), List.of(ev("1", NIGHT, 0)));
    assertThat(night.limitA("1")).isEqualTo(6);
    Instant noon = NIGHT.plus(Duration.ofHours(13));
    Allocation day =
        lb.stepOn(noon, readings(noon, 10, 6, 23_000.0, null), List.of(ev("1", NIGHT, 6)));
    // 6 A from the grid and the 70 A x phases of surplus: 6 + 23.3
    assertThat(day.limitA("1")).isEqualTo(29.3);
  }

  @Test
  void gridEvsIgnoreTheSurplusAndSolarEvsShareIt() {
    SiteEnergy e =
        energy(ChargingMode.GRID)
            .evses(
                Map.of(
                    "2", new EvseEnergy(ChargingMode.SOLAR_ONLY, false),
                    "3", new EvseEnergy(ChargingMode.SOLAR_ONLY, false)))
            .solar(RULES.withStartAfter(Duration.ZERO))
            .build();
    LoadBalancer lb =
        balancer(100, e, Sites.slot("1", 32), Sites.slot("2", 32), Sites.slot("3", 32));
    Allocation a =
        lb.stepOn(
            NOON,
            readings(NOON, 10, 0, 23_000.0, null),
            List.of(ev("1", NOON, 0), ev("2", NOON, 0), ev("3", NOON, 0)));
    assertThat(a.limitA("1")).isEqualTo(32);
    assertThat(a.limitA("2")).isEqualTo(11.6);
    assertThat(a.limitA("3")).isEqualTo(11.6);
  }

  @Test
  void aStalePvReadingCountsAsZeroProductionForTheFuse() {
    // a 32 A fuse, a 30 A building and 20 kW of sun (29 A per phase) feeding it, all day long
    PvArray flat =
        new PvArray(
            new PvProfile.Series(
                List.of(
                    new PvProfile.Point(LocalTime.of(6, 0), 20),
                    new PvProfile.Point(LocalTime.of(20, 0), 20))),
            List.of());
    LoadBalancer lb = balancer(32, energy(ChargingMode.GRID).pv(flat).build(), Sites.slot("1", 32));
    Allocation fresh =
        lb.stepOn(NOON, readings(NOON, 30, 0, 20_000.0, null), List.of(ev("1", NOON, 0)));
    assertThat(fresh.availableA().l1()).isCloseTo(32 - 30 + 20_000.0 / 3 / V, within(1e-6));
    assertThat(fresh.limitA("1")).isEqualTo(30.9);
    // the PV's reading goes stale while its production still shows in the net reading: the sun
    // is no longer counted on
    Instant later = NOON.plusSeconds(16);
    SiteReadings net = readings(later, 30, 30.9, 20_000.0, null);
    SiteReadings stalePv = new SiteReadings(net.grid(), new PvReading(NOON, 20_000), null);
    Allocation stale = lb.stepOn(later, stalePv, List.of(ev("1", NOON, 30.9)));
    assertThat(stale.availableA().l1()).isCloseTo(2, within(1e-6));
    assertThat(stale.limitA("1")).isZero();
  }

  @Test
  void withoutAnyPvReadingTheClearSkyIsWhatTheNetReadingMayHide() {
    LoadBalancer lb = balancer(32, energy(ChargingMode.GRID).build(), Sites.slot("1", 32));
    // no PV meter at all: the sun at noon (24.4 kW clear sky) may vanish behind a cloud
    SiteReadings netOnly = SiteReadings.grid(readings(NOON, 30, 0, 20_000.0, null).grid());
    Allocation a = lb.stepOn(NOON, netOnly, List.of(ev("1", NOON, 0)));
    double clearSkyA = PV.profile().kwAt(LocalTime.NOON) * 1000 / 3 / V;
    assertThat(a.availableA().l1())
        .isCloseTo(Math.max(0, 32 - (30 - 29 + clearSkyA)), within(1e-6));
    assertThat(a.limitA("1")).isZero();
  }

  @Test
  void aStaleGridMeterLeavesWhatTheBuildingLeavesWithoutTheSun() {
    LoadBalancer lb =
        new LoadBalancer(
            Sites.dynamic(32, Sites.slot("1", 32))
                .meterFallbackBudgetA(25.0)
                .energy(energy(ChargingMode.GRID).build())
                .build());
    lb.stepOn(NOON, readings(NOON, 20, 0, 20_000.0, null), List.of(ev("1", NOON, 0)));
    // the grid meter falls silent; the PV meter still reads 20 kW
    Instant later = NOON.plusSeconds(20);
    SiteReadings gridStale =
        new SiteReadings(
            readings(NOON, 20, 0, 20_000.0, null).grid(), new PvReading(later, 20_000), null);
    Allocation a = lb.stepOn(later, gridStale, List.of(ev("1", NOON, 12)));
    assertThat(a.source()).isEqualTo(BudgetSource.METER_FALLBACK);
    assertThat(a.availableA().l1()).isCloseTo(12, within(1e-6)); // 32 - 20, not the safe 25
    assertThat(a.limitA("1")).isEqualTo(12);
  }

  @Test
  void aSolarEvWhoseDepartureTheSunCannotMeetGetsGridPowerInTime() {
    LoadBalancer lb = balancer(63, energy(ChargingMode.SOLAR_ONLY).build(), Sites.slot("1", 32));
    EvseDemand patient = ev("1", NIGHT, 0);
    assertThat(lb.stepOn(NIGHT, readings(NIGHT, 10, 0, 0.0, null), List.of(patient)).limitA("1"))
        .isZero();
    // 20 kWh by 01:00: 14.5 A on three phases, more than half its 16 A: urgent, from the grid
    EvseDemand leaving =
        Sites.withDeadline(
            new EvseDemand("1", true, NIGHT, 3, 16, PhaseCurrents.ZERO, 0, null, null),
            NIGHT.plus(Duration.ofHours(2)),
            20_000.0);
    Instant t = NIGHT.plusSeconds(1);
    Allocation a = lb.stepOn(t, readings(t, 10, 0, 0.0, null), List.of(leaving));
    assertThat(a.limitA("1")).isEqualTo(14.4);
    // 4 kWh by then is 2.9 A: the sun may still bring it, so it waits
    LoadBalancer calm = balancer(63, energy(ChargingMode.SOLAR_ONLY).build(), Sites.slot("1", 32));
    EvseDemand modest =
        Sites.withDeadline(
            new EvseDemand("1", true, NIGHT, 3, 16, PhaseCurrents.ZERO, 0, null, null),
            NIGHT.plus(Duration.ofHours(2)),
            4_000.0);
    assertThat(calm.stepOn(t, readings(t, 10, 0, 0.0, null), List.of(modest)).limitA("1")).isZero();
  }

  private static SiteEnergy withBattery(double socPercent) {
    return energy(ChargingMode.GRID)
        .battery(new Battery(20, 10, 10, 10, 90, 0.9, socPercent))
        .build();
  }

  @Test
  void theBatteryDischargesForGridEvsShortOfTheFuseAndCountsOnceARreadingShowsIt() {
    LoadBalancer lb = balancer(32, withBattery(50), Sites.slot("1", 32));
    BatteryReading idle = new BatteryReading(NIGHT, 0, 50);
    Allocation a = lb.stepOn(NIGHT, readings(NIGHT, 20, 0, 0.0, idle), List.of(ev("1", NIGHT, 0)));
    assertThat(a.limitA("1")).isEqualTo(12);
    // the EV wants 20 A more on three phases: 13.8 kW, the battery gives its 10 kW
    assertThat(a.batteryW()).isEqualTo(10_000);
    Instant t = NIGHT.plusSeconds(2);
    BatteryReading giving = new BatteryReading(t, 10_000, 50);
    a = lb.stepOn(t, readings(t, 20, 12, 0.0, giving), List.of(ev("1", NIGHT, 12)));
    assertThat(a.limitA("1")).isEqualTo(26.4); // 12 + 10 kW / 3 / 230
    assertThat(a.batteryW()).isEqualTo(10_000);
    // its reading goes stale: no discharge counted, and it is told to stop
    Instant late = t.plusSeconds(16);
    SiteReadings stale =
        new SiteReadings(readings(late, 20, 26.4, 0.0, giving).grid(), null, giving);
    a = lb.stepOn(late, stale, List.of(ev("1", NIGHT, 26.4)));
    assertThat(a.limitA("1")).isEqualTo(12);
    assertThat(a.batteryW()).isZero();
  }

  @Test
  void theBatteryChargesFromWhatTheSunLeavesAndRespectsItsStateOfChargeBounds() {
    LoadBalancer lb = balancer(63, withBattery(50), Sites.slot("1", 32));
    BatteryReading half = new BatteryReading(NOON, 0, 50);
    // 20 kW of sun, a 5 A building (3.45 kW), an EV taking 6 A (4.14 kW): 12.4 kW left
    EvseDemand small = new EvseDemand("1", true, NOON, 3, 6, PhaseCurrents.ZERO, 0, null, null);
    Allocation a = lb.stepOn(NOON, readings(NOON, 5, 0, 20_000.0, half), List.of(small));
    assertThat(a.limitA("1")).isEqualTo(6);
    assertThat(a.batteryW()).isEqualTo(-10_000); // its most
    Instant t = NOON.plusSeconds(2);
    EvseDemand drawing = Sites.withDraw(small, PhaseCurrents.all(6));
    a = lb.stepOn(t, readings(t, 5, 6, 8_000.0, half), List.of(drawing));
    assertThat(a.batteryW()).isCloseTo(-(8_000 - 5 * 3 * V - 6 * 3 * V), within(1e-6));
    LoadBalancer full = balancer(63, withBattery(90), Sites.slot("1", 32));
    BatteryReading top = new BatteryReading(NOON, 0, 90);
    assertThat(full.stepOn(NOON, readings(NOON, 5, 0, 20_000.0, top), List.of()).batteryW())
        .isZero();
    LoadBalancer spent = balancer(32, withBattery(10), Sites.slot("1", 32));
    BatteryReading low = new BatteryReading(NIGHT, 0, 10);
    assertThat(
            spent
                .stepOn(NIGHT, readings(NIGHT, 20, 0, 0.0, low), List.of(ev("1", NIGHT, 0)))
                .batteryW())
        .isZero();
  }

  @Test
  void aSolarModeNeedsADynamicBudgetAndEnergySettingsKnownEvses() {
    assertThatThrownBy(
            () ->
                new LoadBalancer(
                    SiteConfig.builder(32)
                        .mode(AllocationMode.STATIC)
                        .evses(List.of(Sites.slot("1", 32)))
                        .energy(energy(ChargingMode.SOLAR_ONLY).build())
                        .build()))
        .hasMessageStartingWith("site: chargingMode solar-first or solar-only needs mode DYNAMIC");
    assertThatThrownBy(
            () ->
                balancer(
                    32,
                    energy(ChargingMode.GRID).evses(Map.of("9", EvseEnergy.SITE)).build(),
                    Sites.slot("1", 32)))
        .hasMessage("evses: energy settings for unknown evse 9");
  }
}
