package io.kilowire.core.tariff;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When a price applies; every condition set must hold. Times of day and dates are in the station's
 * local time; an end time before the start wraps into the next day, 00:00 as end is the end of the
 * day. Minimums are inclusive, maximums exclusive. Energies in Wh, currents in A (the sum over the
 * phases), powers in W, durations in seconds of the transaction (all of it, charging, or idle).
 * Payment brand and recognition are conditions of fixed fees only.
 */
public record Conditions(
    @Nullable LocalTime startTimeOfDay,
    @Nullable LocalTime endTimeOfDay,
    Set<DayOfWeek> daysOfWeek,
    @Nullable LocalDate validFromDate,
    @Nullable LocalDate validToDate,
    @Nullable EvseKind evseKind,
    @Nullable BigDecimal minEnergyWh,
    @Nullable BigDecimal maxEnergyWh,
    @Nullable BigDecimal minCurrentA,
    @Nullable BigDecimal maxCurrentA,
    @Nullable BigDecimal minPowerW,
    @Nullable BigDecimal maxPowerW,
    @Nullable Integer minTimeS,
    @Nullable Integer maxTimeS,
    @Nullable Integer minChargingTimeS,
    @Nullable Integer maxChargingTimeS,
    @Nullable Integer minIdleTimeS,
    @Nullable Integer maxIdleTimeS,
    @Nullable String paymentBrand,
    @Nullable String paymentRecognition) {

  /** What an EVSE delivers, for a condition on it. */
  public enum EvseKind {
    AC,
    DC
  }

  /** No condition: the price always applies. */
  public static final Conditions ALWAYS =
      new Conditions(
          null, null, Set.of(), null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null);

  public Conditions {
    daysOfWeek = Set.copyOf(daysOfWeek);
  }

  /** Whether any condition is set (a station that evaluates none refuses such prices). */
  public boolean any() {
    return !equals(ALWAYS);
  }

  /**
   * Whether every condition holds at {@code local} time on an EVSE of {@code kind}, with the
   * transaction at {@code energyWh}, drawing {@code powerW} and {@code currentA} (null: not
   * measured, so a condition on it does not hold), {@code elapsedMs} after its start of which
   * {@code chargingMs} charging and {@code idleMs} idle. The station is not told how the driver
   * pays: a condition on it does not hold.
   */
  boolean holds(
      LocalDateTime local,
      @Nullable EvseKind kind,
      double energyWh,
      @Nullable Double powerW,
      @Nullable Double currentA,
      long elapsedMs,
      long chargingMs,
      long idleMs) {
    return holdsAtStart(local, kind)
        && within(energyWh, minEnergyWh, maxEnergyWh)
        && withinMeasured(powerW, minPowerW, maxPowerW)
        && withinMeasured(currentA, minCurrentA, maxCurrentA)
        && withinSeconds(elapsedMs, minTimeS, maxTimeS)
        && withinSeconds(chargingMs, minChargingTimeS, maxChargingTimeS)
        && withinSeconds(idleMs, minIdleTimeS, maxIdleTimeS);
  }

  /** The conditions a fixed fee has (time, day, date, EVSE kind, payment), at the start. */
  boolean holdsAtStart(LocalDateTime local, @Nullable EvseKind kind) {
    return inWindow(local.toLocalTime())
        && (daysOfWeek.isEmpty() || daysOfWeek.contains(local.getDayOfWeek()))
        && (validFromDate == null || !local.toLocalDate().isBefore(validFromDate))
        && (validToDate == null || local.toLocalDate().isBefore(validToDate))
        && (evseKind == null || evseKind == kind)
        && paymentBrand == null
        && paymentRecognition == null;
  }

  /** The daily window, start inclusive, end exclusive; an absent bound is midnight. */
  private boolean inWindow(LocalTime now) {
    if (startTimeOfDay == null && endTimeOfDay == null) {
      return true;
    }
    LocalTime from = startTimeOfDay == null ? LocalTime.MIDNIGHT : startTimeOfDay;
    LocalTime to = endTimeOfDay == null ? LocalTime.MIDNIGHT : endTimeOfDay;
    if (from.equals(to)) {
      return true;
    }
    if (from.isBefore(to)) {
      return !now.isBefore(from) && now.isBefore(to);
    }
    return !now.isBefore(from) || now.isBefore(to); // wraps into the next day
  }

  /**
   * Minimums inclusive, maximums exclusive; negative thresholds (discharging) count away from zero:
   * a minimum of -10 holds at -10 and below.
   */
  private static boolean within(double value, @Nullable BigDecimal min, @Nullable BigDecimal max) {
    if (min != null) {
      double m = min.doubleValue();
      if (m < 0 ? value > m : value < m) {
        return false;
      }
    }
    if (max != null) {
      double m = max.doubleValue();
      return m < 0 ? value > m : value < m;
    }
    return true;
  }

  private static boolean withinMeasured(
      @Nullable Double value, @Nullable BigDecimal min, @Nullable BigDecimal max) {
    return (min == null && max == null) || (value != null && within(value, min, max));
  }

  private static boolean withinSeconds(long ms, @Nullable Integer minS, @Nullable Integer maxS) {
    return (minS == null || ms >= minS * 1000L) && (maxS == null || ms < maxS * 1000L);
  }
}
