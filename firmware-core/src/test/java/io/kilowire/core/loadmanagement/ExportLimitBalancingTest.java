package io.kilowire.core.loadmanagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.ChargingMode;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The export limit: an inverter that may not feed the grid more than the limit curtails the PV, so
 * its reading shows only what the site takes. While the site feeds the grid at its limit the
 * balancer offers the EVs and the battery a little more than the reading to find out what the sun
 * could give.
 */
class ExportLimitBalancingTest {
  private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");
  private static final double V = 230;
  private static final PvArray PV =
      new PvArray(new PvProfile.ClearSky(25, LocalTime.of(6, 0), LocalTime.of(20, 0)), List.of());
  private static final SolarRules RULES =
      new SolarRules(Duration.ZERO, Duration.ofSeconds(300), Duration.ofSeconds(15), 0.5);

  private static SiteEnergy.Builder energy(ChargingMode mode, double exportLimitKw) {
    return SiteEnergy.builder()
        .zone(ZoneOffset.UTC)
        .pv(PV)
        .mode(mode)
        .solar(RULES)
        .exportLimitKw(exportLimitKw);
  }

  /**
   * One step of a site whose inverter may give {@code potentialW} but feeds the grid at most {@code
   * exportLimitKw}: the PV reading is what the site then produced.
   */
  private static final class CurtailedSite {
    final LoadBalancer lb;
    final double buildingA;
    final double exportLimitW;
    double potentialW;
    double evA;
    double batteryW;
    double soc = 50;
    double pvW;

    CurtailedSite(LoadBalancer lb, double buildingA, double exportLimitKw, double potentialW) {
      this.lb = lb;
      this.buildingA = buildingA;
      this.exportLimitW = exportLimitKw * 1000;
      this.potentialW = potentialW;
    }

    Allocation step(Instant at, @Nullable Battery battery, List<EvseDemand> demands) {
      double loadW = (buildingA + evA) * 3 * V - batteryW;
      pvW = Math.min(potentialW, loadW + exportLimitW);
      double net = (loadW - pvW) / 3 / V;
      Allocation a =
          lb.stepOn(
              at,
              new SiteReadings(
                  new SiteReading(at, new PerPhase(net, net, net), net * 3 * V),
                  new PvReading(at, pvW),
                  battery == null ? null : new BatteryReading(at, batteryW, soc)),
              demands);
      if (battery != null) {
        batteryW = battery.powerFor(a.batteryW(), soc);
      }
      return a;
    }
  }

  /** A 50 kWh / 10 kW battery, the EVSE in grid mode. */
  private static final Battery BATTERY = new Battery(50, 10, 10, 10, 90, 0.9, 50);

  private static LoadBalancer withBattery(double exportLimitKw) {
    return new LoadBalancer(
        Sites.dynamic(63, Sites.slot("1", 32))
            .energy(energy(ChargingMode.GRID, exportLimitKw).battery(BATTERY).build())
            .build());
  }

  @Test
  void underZeroExportTheBatteryChargesFromThePvTheInverterHoldsBack() {
    LoadBalancer lb = withBattery(0);
    // 20 kW of sun over a 10 A building (6.9 kW): the inverter gives only the 6.9 kW taken
    CurtailedSite site = new CurtailedSite(lb, 10, 0, 20_000);
    Allocation a = site.step(NOON, BATTERY, List.of());
    assertThat(a.batteryW()).as("charges beyond what the curtailed reading shows").isNegative();
    for (int s = 1; s <= 60; s++) {
      site.step(NOON.plusSeconds(s), BATTERY, List.of());
    }
    // within a minute it takes its most, 10 kW, all of it from the sun: nothing imported
    assertThat(site.batteryW).isEqualTo(-10_000);
    assertThat(site.pvW).isEqualTo(10 * 3 * V + 10_000);
  }

  @Test
  void underZeroExportASolarOnlyEvStartsAndRisesToWhatTheSunCouldGive() {
    LoadBalancer lb =
        new LoadBalancer(
            Sites.dynamic(63, Sites.slot("1", 32))
                .energy(energy(ChargingMode.SOLAR_ONLY, 0).build())
                .build());
    // 20 kW of sun over a 10 A building: 19 A x 3 of surplus, all of it held back
    CurtailedSite site = new CurtailedSite(lb, 10, 0, 20_000);
    Allocation a = null;
    for (int s = 0; s <= 300; s++) {
      a = site.step(NOON.plusSeconds(s), null, List.of(ev(site.evA)));
      site.evA = a.limitA("1");
    }
    double sunA = (20_000 - 10 * 3 * V) / 3 / V;
    assertThat(a.limitA("1")).isBetween(sunA - 2, sunA + 1.5);
    // what it found is the sun's: the import it probed with is at most the probe's
    assertThat((10 + site.evA) * 3 * V - site.pvW).isLessThan(1_500);
  }

  @Test
  void aSiteBelowItsExportLimitGetsNoProbe() {
    LoadBalancer lb = withBattery(5);
    // 3 kW of surplus, 5 kW allowed out: nothing is curtailed, the battery takes the 3 kW
    CurtailedSite site = new CurtailedSite(lb, 10, 5, 10 * 3 * V + 3_000);
    Allocation a = site.step(NOON, BATTERY, List.of());
    assertThat(a.batteryW()).isCloseTo(-3_000, org.assertj.core.api.Assertions.within(1e-6));
  }

  private static EvseDemand ev(double drawA) {
    return Sites.ev("1", NOON, 3, PhaseCurrents.all(drawA));
  }
}
