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
import io.kilowire.core.loadmanagement.energy.Tariff;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.metering.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The {@code cost} mode in the pure {@link LoadBalancer}: cheap hours before each departure. */
class CostBalancingTest {
  private static final Instant EVENING = Instant.parse("2026-01-05T18:00:00Z");
  private static final Instant NIGHT = Instant.parse("2026-01-05T23:00:00Z");
  private static final Instant MORNING = Instant.parse("2026-01-06T07:00:00Z");

  /** 0.30 by day, 0.10 from 23:00 to 07:00. */
  private static final Tariff DAY_NIGHT =
      new Tariff(
          List.of(
              new Tariff.Period(LocalTime.of(7, 0), 0.30, 0.05),
              new Tariff.Period(LocalTime.of(23, 0), 0.10, 0.05)));

  private static LoadBalancer balancer(ChargingMode siteMode, Map<String, EvseEnergy> evses) {
    SiteEnergy energy =
        SiteEnergy.builder()
            .zone(ZoneOffset.UTC)
            .tariff(DAY_NIGHT)
            .mode(siteMode)
            .evses(evses)
            .solar(SolarRules.DEFAULTS)
            .build();
    return new LoadBalancer(
        Sites.dynamic(63, Sites.slot("1", 16), Sites.slot("2", 16)).energy(energy).build());
  }

  private static Allocation step(LoadBalancer lb, Instant at, EvseDemand... demands) {
    return lb.stepOn(at, SiteReadings.grid(Sites.meter(at, 10, 10, 10)), List.of(demands));
  }

  /** A three-phase EV at 16 A (11 kW) plugged in at 18:00. */
  private static EvseDemand ev(String id, @Nullable Instant departure, @Nullable Double wh) {
    return new EvseDemand(id, true, EVENING, 3, 16, PhaseCurrents.ZERO, 0, departure, wh);
  }

  private static EvseDemand drawing(EvseDemand d, double amps) {
    return Sites.withDraw(d, PhaseCurrents.all(amps));
  }

  @Test
  void inTheDearHoursACostEvChargesFromTheSunsSurplusAndNothingMore() {
    SiteEnergy energy =
        SiteEnergy.builder()
            .zone(ZoneOffset.UTC)
            .tariff(DAY_NIGHT)
            .mode(ChargingMode.COST)
            .pv(
                new PvArray(
                    new PvProfile.ClearSky(25, LocalTime.of(6, 0), LocalTime.of(20, 0)), List.of()))
            .solar(SolarRules.DEFAULTS.withStartAfter(Duration.ZERO))
            .build();
    LoadBalancer lb =
        new LoadBalancer(Sites.dynamic(63, Sites.slot("1", 32)).energy(energy).build());
    Instant noon = Instant.parse("2026-01-06T12:00:00Z");
    // planned for the cheap night: 20 kWh by 07:00 tomorrow
    EvseDemand d =
        new EvseDemand(
            "1",
            true,
            noon,
            3,
            32,
            PhaseCurrents.ZERO,
            0,
            noon.plus(Duration.ofHours(19)),
            20_000.0);
    // a 10 A building under 20 kW of sun: 57 A x phases of surplus, 19 A on each phase
    Allocation a = lb.stepOn(noon, sunny(noon, 10, 0, 20_000), List.of(d));
    assertThat(a.limitA("1")).isCloseTo(18.9, within(0.15));
    assertThat(a.waiting()).isEmpty();
    // a cloud: 3 kW no longer carry its minimum; it keeps the minimum for stopAfter, then waits
    Instant cloud = noon.plusSeconds(10);
    EvseDemand drawing = drawing(d, 18.9);
    a = lb.stepOn(cloud, sunny(cloud, 10, 18.9, 3_000), List.of(drawing));
    assertThat(a.limitA("1")).isEqualTo(6);
    Instant later = cloud.plus(SolarRules.DEFAULTS.stopAfter());
    a = lb.stepOn(later, sunny(later, 10, 6, 3_000), List.of(drawing(d, 6)));
    assertThat(a.limitA("1")).isZero();
    assertThat(a.waiting()).containsExactly("1");
  }

  /** The grid meter's net reading under {@code pvW} of sun, and the PV's reading. */
  private static SiteReadings sunny(Instant at, double buildingA, double evA, double pvW) {
    double net = buildingA + evA - pvW / 3 / 230;
    return new SiteReadings(
        new SiteReading(at, new PerPhase(net, net, net), net * 3 * 230),
        new PvReading(at, pvW),
        null);
  }

  @Test
  void anEvWaitsForTheCheapHoursThatCarryItsNeedBeforeItsDeparture() {
    LoadBalancer lb = balancer(ChargingMode.COST, Map.of());
    // 20 kWh by 07:00: 3.6 h at half of its 11 kW, within the 8 cheap hours from 23:00
    EvseDemand d = ev("1", MORNING, 20_000.0);
    Allocation a = step(lb, EVENING, d);
    assertThat(a.limitA("1")).isZero();
    assertThat(a.waiting()).containsExactly("1");
    assertThat(a.nextStep()).isNotNull();
    assertThat(a.nextStep()).isBeforeOrEqualTo(NIGHT);

    a = step(lb, NIGHT.minusSeconds(1), d);
    assertThat(a.limitA("1")).isZero();
    a = step(lb, NIGHT, d);
    assertThat(a.limitA("1")).isEqualTo(16);
    assertThat(a.waiting()).isEmpty();
  }

  @Test
  void aGridEvBesideItChargesAtOnce() {
    LoadBalancer lb =
        balancer(ChargingMode.GRID, Map.of("2", new EvseEnergy(ChargingMode.COST, false)));
    Allocation a = step(lb, EVENING, ev("1", MORNING, 20_000.0), ev("2", MORNING, 20_000.0));
    assertThat(a.limitA("1")).isEqualTo(16);
    assertThat(a.limitA("2")).isZero();
  }

  @Test
  void aDepartureTheCheapHoursCannotMeetGetsTheExpensiveOnesToo() {
    LoadBalancer lb = balancer(ChargingMode.COST, Map.of());
    // 30 kWh by 02:00: 5.4 h at half of 11 kW, but only 3 cheap hours before it
    Instant early = Instant.parse("2026-01-06T02:00:00Z");
    Allocation a = step(lb, EVENING, ev("1", early, 30_000.0));
    assertThat(a.limitA("1")).isEqualTo(16);
  }

  @Test
  void anEvThatLetTheCheapHoursPassBecomesUrgentAndStaysSo() {
    LoadBalancer lb = balancer(ChargingMode.COST, Map.of());
    // at 05:00 with 12 kWh still wanted by 07:00: more than half of 11 kW for the 2 h left
    Instant late = Instant.parse("2026-01-06T05:00:00Z");
    Allocation a = step(lb, late, ev("1", MORNING, 12_000.0));
    assertThat(a.limitA("1")).isEqualTo(16);
    // urgent for the rest of the session, even once the need looks small again at 0.30
    Instant day = MORNING.minusSeconds(60);
    a = step(lb, day, drawing(ev("1", MORNING, 100.0), 16));
    assertThat(a.limitA("1")).isEqualTo(16);
  }

  @Test
  void withoutADepartureItChargesOnlyAtTheLowestPriceOfTheNextDay() {
    LoadBalancer lb = balancer(ChargingMode.COST, Map.of());
    assertThat(step(lb, EVENING, ev("1", null, null)).limitA("1")).isZero();
    assertThat(step(lb, NIGHT.plusSeconds(60), ev("1", null, null)).limitA("1")).isEqualTo(16);
    assertThat(step(lb, MORNING.plusSeconds(60), drawing(ev("1", null, null), 16)).limitA("1"))
        .isZero();
  }

  @Test
  void aCostEvChargingInItsHoursDrawsOnTheBatteryLikeAGridEv() {
    SiteEnergy energy =
        SiteEnergy.builder()
            .zone(ZoneOffset.UTC)
            .tariff(DAY_NIGHT)
            .mode(ChargingMode.COST)
            .battery(new Battery(20, 10, 10, 10, 90, 0.9, 50))
            .build();
    LoadBalancer lb =
        new LoadBalancer(Sites.dynamic(32, Sites.slot("1", 32)).energy(energy).build());
    Instant t = NIGHT.plusSeconds(60);
    EvseDemand d = new EvseDemand("1", true, EVENING, 3, 32, PhaseCurrents.ZERO, 0, null, null);
    Allocation a =
        lb.stepOn(
            t,
            new SiteReadings(Sites.meter(t, 20, 20, 20), null, new BatteryReading(t, 0, 50)),
            List.of(d));
    assertThat(a.limitA("1")).isEqualTo(12);
    // 20 A short on three phases: 13.8 kW, the battery gives its 10 kW
    assertThat(a.batteryW()).isEqualTo(10_000);
  }

  @Test
  void costNeedsTariffs() {
    assertThatThrownBy(() -> SiteEnergy.builder().mode(ChargingMode.COST).tariff(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chargingMode: cost needs a tariffs section (no prices, no cheap hours)");
    assertThat(ChargingMode.byLabel("cost")).isEqualTo(ChargingMode.COST);
  }

  @Test
  void theTariffSplitsASpanIntoWindowsAcrossMidnightAndZones() {
    List<Tariff.Window> w = DAY_NIGHT.between(EVENING, MORNING, ZoneOffset.UTC);
    assertThat(w)
        .containsExactly(
            new Tariff.Window(EVENING, NIGHT, 0.30), new Tariff.Window(NIGHT, MORNING, 0.10));
    // in Berlin (UTC+1 in January) the night starts at 22:00 UTC
    List<Tariff.Window> berlin = DAY_NIGHT.between(EVENING, MORNING, ZoneId.of("Europe/Berlin"));
    assertThat(berlin.get(0).until()).isEqualTo(NIGHT.minus(Duration.ofHours(1)));
    assertThat(berlin.get(berlin.size() - 1).importPerKwh()).isEqualTo(0.30);
  }
}
