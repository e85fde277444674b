package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.PvArray;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.PvReading;
import io.kilowire.core.metering.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link LoadBalancer} step may count on from the PV and the battery. A stale reading
 * counts as zero production and zero discharge (a battery last seen charging still counts its
 * charge as load). What the grid meter's net reading may hide of them is, for a fresh reading, its
 * value; for a stale PV reading the most the PV may give now (its clear-sky production at this time
 * of day, or the last reading if higher: clouds only dim it); for the battery the higher of its
 * reading and the setpoint it was last given (it may have followed that since its reading), and at
 * least 0 once its reading is stale (the balancer then tells it to stay idle).
 *
 * @param pvTrustedW production the step may count on
 * @param pvInNetW production the grid meter's reading may contain
 * @param batteryTrustedW discharge (+) the step may count on, or the charge (−) it must count
 * @param batteryInNetW the battery's power the grid meter's reading may contain
 * @param batterySoc the battery's state of charge from a fresh reading; null = not known
 * @param pvClearSkyW the PV's clear-sky production at this time of day (0 if not known)
 */
record EnergyView(
    double pvTrustedW,
    double pvInNetW,
    double batteryTrustedW,
    double batteryInNetW,
    @Nullable Double batterySoc,
    double pvClearSkyW) {
  static final EnergyView NONE = new EnergyView(0, 0, 0, 0, null, 0);

  /**
   * The PV and battery readings as the step at {@code now} may count on them; the instants they go
   * stale are added to {@code wakeUps}.
   */
  static EnergyView at(
      Instant now,
      SiteReadings readings,
      SiteEnergy site,
      ReadingAge pvAge,
      ReadingAge batteryAge,
      double batterySetpointW,
      Set<Instant> wakeUps) {
    PvArray pv = site.pv();
    if (readings.pv() == null && readings.battery() == null && pv == null) {
      return NONE;
    }
    Duration stale = site.solar().readingStaleAfter();
    boolean pvFresh =
        readings.pv() != null && fresh(now, readings.pv().at(), pvAge, stale, wakeUps);
    boolean batteryFresh =
        readings.battery() != null
            && fresh(now, readings.battery().at(), batteryAge, stale, wakeUps);
    double clearSkyW =
        pv == null ? 0 : pv.profile().kwAt(now.atZone(site.zone()).toLocalTime()) * 1000;
    return of(
        readings.pv(), pvFresh, clearSkyW, readings.battery(), batteryFresh, batterySetpointW);
  }

  private static boolean fresh(
      Instant now, Instant at, ReadingAge age, Duration stale, Set<Instant> wakeUps) {
    Instant staleAt = age.staleAt(now, at, stale);
    if (now.isBefore(staleAt)) {
      wakeUps.add(staleAt);
      return true;
    }
    return false;
  }

  /**
   * @param pvClearSkyW the PV's clear-sky production at this time of day (0 if not known)
   * @param batterySetpointW the setpoint the battery was last given
   */
  static EnergyView of(
      @Nullable PvReading pv,
      boolean pvFresh,
      double pvClearSkyW,
      @Nullable BatteryReading battery,
      boolean batteryFresh,
      double batterySetpointW) {
    double pvLast = pv == null ? 0 : pv.powerW();
    double batteryLast = battery == null ? 0 : battery.powerW();
    return new EnergyView(
        pvFresh ? pvLast : 0,
        pvFresh ? pvLast : Math.max(pvLast, pvClearSkyW),
        batteryFresh ? batteryLast : Math.min(0, batteryLast),
        batteryFresh
            ? Math.max(batteryLast, batterySetpointW)
            : Math.max(0, Math.max(batteryLast, batterySetpointW)),
        batteryFresh && battery != null ? battery.socPercent() : null,
        pvClearSkyW);
  }

  /** What the PV and the battery add to the site per phase, counted (both feed three phases). */
  double trustedCreditA(double voltage) {
    return (pvTrustedW + batteryTrustedW) / 3 / voltage;
  }

  /** What they may add per phase in the grid meter's net reading. */
  double inNetA(double voltage) {
    return (pvInNetW + batteryInNetW) / 3 / voltage;
  }
}
