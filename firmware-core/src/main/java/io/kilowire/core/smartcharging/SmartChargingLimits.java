package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the station accepts and can deliver: the values behind the 1.6 keys
 * ChargeProfileMaxStackLevel, ChargingScheduleMaxPeriods, MaxChargingProfilesInstalled,
 * ChargingScheduleAllowedChargingRateUnit (SPEC-FACTS A.7) and the 2.0.1 SmartChargingCtrlr
 * variables ProfileStackLevel, PeriodsPerSchedule, Entries.maxLimit, RateUnit,
 * ACPhaseSwitchingSupported (B.2), plus the hardware facts composites need.
 *
 * @param maxStackLevel highest accepted stack level (0 is the lowest)
 * @param maxPeriods most periods per schedule
 * @param maxInstalled most profiles installed at once
 * @param allowedUnits units schedules may use
 * @param phaseSwitchingSupported whether {@code phaseToUse} is accepted (2.0.1 K01.FR.19/20)
 * @param numberOfEvses EVSEs (1.6 connectors) numbered 1..n
 * @param nominalVoltage the line voltage for A/W conversion (SPEC-FACTS A.5)
 * @param evseMaxCurrent the hardware maximum per EVSE in amps per phase, index 0 = EVSE 1; also the
 *     limit where no profile says anything (SPEC-FACTS A.4 gaps)
 */
public record SmartChargingLimits(
    int maxStackLevel,
    int maxPeriods,
    int maxInstalled,
    Set<RateUnit> allowedUnits,
    boolean phaseSwitchingSupported,
    int numberOfEvses,
    BigDecimal nominalVoltage,
    List<BigDecimal> evseMaxCurrent) {
  public SmartChargingLimits {
    allowedUnits = Set.copyOf(allowedUnits);
    evseMaxCurrent = List.copyOf(evseMaxCurrent);
    Objects.requireNonNull(nominalVoltage, "nominalVoltage");
    if (maxStackLevel < 0 || maxPeriods < 1 || maxInstalled < 1 || numberOfEvses < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (allowedUnits.isEmpty()) {
      throw new IllegalArgumentException("at least one rate unit must be allowed");
    }
    if (evseMaxCurrent.size() != numberOfEvses) {
      throw new IllegalArgumentException("one hardware maximum per EVSE");
    }
    if (nominalVoltage.signum() <= 0) {
      throw new IllegalArgumentException("nominalVoltage must be positive");
    }
  }

  /**
   * Defaults: stack levels 0..8, 24 periods, 24 profiles, A and W, no phase switching, 230 V, each
   * EVSE at {@code maxCurrent} amps per phase.
   */
  public static SmartChargingLimits defaults(int numberOfEvses, BigDecimal maxCurrent) {
    return new SmartChargingLimits(
        8,
        24,
        24,
        EnumSet.allOf(RateUnit.class),
        false,
        numberOfEvses,
        Limit.DEFAULT_NOMINAL_VOLTAGE,
        java.util.Collections.nCopies(numberOfEvses, maxCurrent));
  }

  /** The hardware maximum of an EVSE (1..n), three phases, in amps. */
  public Limit hardwareLimit(int evseId) {
    return Limit.amps(evseMaxCurrent.get(evseId - 1), SchedulePeriod.DEFAULT_PHASES);
  }

  /** Whether {@code evseId} names the station (0) or an existing EVSE. */
  public boolean hasEvse(int evseId) {
    return evseId >= 0 && evseId <= numberOfEvses;
  }

  public SmartChargingLimits withMaxStackLevel(int value) {
    return new SmartChargingLimits(
        value,
        maxPeriods,
        maxInstalled,
        allowedUnits,
        phaseSwitchingSupported,
        numberOfEvses,
        nominalVoltage,
        evseMaxCurrent);
  }

  public SmartChargingLimits withMaxPeriods(int value) {
    return new SmartChargingLimits(
        maxStackLevel,
        value,
        maxInstalled,
        allowedUnits,
        phaseSwitchingSupported,
        numberOfEvses,
        nominalVoltage,
        evseMaxCurrent);
  }

  public SmartChargingLimits withMaxInstalled(int value) {
    return new SmartChargingLimits(
        maxStackLevel,
        maxPeriods,
        value,
        allowedUnits,
        phaseSwitchingSupported,
        numberOfEvses,
        nominalVoltage,
        evseMaxCurrent);
  }

  public SmartChargingLimits withAllowedUnits(Set<RateUnit> value) {
    return new SmartChargingLimits(
        maxStackLevel,
        maxPeriods,
        maxInstalled,
        value,
        phaseSwitchingSupported,
        numberOfEvses,
        nominalVoltage,
        evseMaxCurrent);
  }

  public SmartChargingLimits withPhaseSwitchingSupported(boolean value) {
    return new SmartChargingLimits(
        maxStackLevel,
        maxPeriods,
        maxInstalled,
        allowedUnits,
        value,
        numberOfEvses,
        nominalVoltage,
        evseMaxCurrent);
  }

  public SmartChargingLimits withNominalVoltage(BigDecimal value) {
    return new SmartChargingLimits(
        maxStackLevel,
        maxPeriods,
        maxInstalled,
        allowedUnits,
        phaseSwitchingSupported,
        numberOfEvses,
        value,
        evseMaxCurrent);
  }
}
