package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an EVSE may do in both directions at an instant (OCPP 2.1 bidirectional power transfer):
 * charge up to {@code charge}, discharge down to {@code discharge}, and follow {@code setpoint}
 * when its operation mode says so. All in {@code unit}, with {@link Limit}'s phase convention.
 *
 * @param evseId the EVSE
 * @param at the instant asked about
 * @param unit the unit of the three values
 * @param charge the most the EV may draw, at or above 0
 * @param discharge the most the EV may feed back, at or below 0 (0: no discharging)
 * @param setpoint what the EV should follow, within [discharge, charge]; null when the mode does
 *     not follow a setpoint or the schedule gives none
 * @param mode the operation mode of the period in force (TxProfile or TxDefaultProfile)
 */
public record BidirectionalLimit(
    int evseId,
    Instant at,
    RateUnit unit,
    BigDecimal charge,
    BigDecimal discharge,
    @Nullable BigDecimal setpoint,
    OperationMode mode) {
  public BidirectionalLimit {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(mode, "mode");
    if (charge.signum() < 0 || discharge.signum() > 0) {
      throw new IllegalArgumentException(
          "charge must be >= 0 and discharge <= 0: " + charge + ", " + discharge);
    }
    if (setpoint != null && (setpoint.compareTo(discharge) < 0 || setpoint.compareTo(charge) > 0)) {
      throw new IllegalArgumentException("setpoint " + setpoint + " outside [discharge, charge]");
    }
  }
}
