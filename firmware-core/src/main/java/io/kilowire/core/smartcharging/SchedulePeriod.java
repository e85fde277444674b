package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One period of a schedule. Ranges are not checked here but by {@link ProfileValidator}, so that an
 * out-of-range value from the CSMS can be answered with the right rejection.
 *
 * @param startPeriod seconds from the schedule start; it also ends the previous period
 * @param limit the limit in the schedule's unit
 * @param numberPhases phases, or null when absent on the wire (then 3, OCPP 1.6 §7.13, K01.FR.49)
 * @param phaseToUse the single phase to use (2.0.1), only with numberPhases 1
 * @param dischargeLimit how much the EV may discharge, as a value at or below 0 in the schedule's
 *     unit and phases (2.1); null: no discharging
 * @param setpoint what the EV should follow, negative to discharge (2.1), within limit and
 *     dischargeLimit; null: none
 * @param operationMode how energy is transferred (2.1); null: {@link OperationMode#CHARGING_ONLY}
 * @param v2x the frequency support of the frequency modes (2.1); null: none
 */
public record SchedulePeriod(
    int startPeriod,
    BigDecimal limit,
    @Nullable Integer numberPhases,
    @Nullable Integer phaseToUse,
    @Nullable BigDecimal dischargeLimit,
    @Nullable BigDecimal setpoint,
    @Nullable OperationMode operationMode,
    @Nullable V2xCurves v2x) {
  /** Phases assumed when a period does not say (OCPP 1.6 §7.13; 2.0.1 K01.FR.49). */
  public static final int DEFAULT_PHASES = 3;

  public SchedulePeriod {
    Objects.requireNonNull(limit, "limit");
  }

  /** A period without frequency support. */
  public SchedulePeriod(
      int startPeriod,
      BigDecimal limit,
      @Nullable Integer numberPhases,
      @Nullable Integer phaseToUse,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode operationMode) {
    this(
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        null);
  }

  /** A charging-only period, as 1.6 and 2.0.1 know them. */
  public SchedulePeriod(
      int startPeriod,
      BigDecimal limit,
      @Nullable Integer numberPhases,
      @Nullable Integer phaseToUse) {
    this(startPeriod, limit, numberPhases, phaseToUse, null, null, null);
  }

  /** This period with 2.1's bidirectional fields. */
  public SchedulePeriod bidirectional(
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode operationMode) {
    return new SchedulePeriod(
        startPeriod, limit, numberPhases, phaseToUse, dischargeLimit, setpoint, operationMode, v2x);
  }

  /** This period with 2.1's frequency support (null or empty: none). */
  public SchedulePeriod withV2x(@Nullable V2xCurves curves) {
    return new SchedulePeriod(
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        curves == null || curves.isEmpty() ? null : curves);
  }

  /** The operation mode, {@link OperationMode#CHARGING_ONLY} when absent. */
  public OperationMode mode() {
    return operationMode == null ? OperationMode.CHARGING_ONLY : operationMode;
  }

  /** A three-phase period (numberPhases absent). */
  public static SchedulePeriod of(int startPeriod, BigDecimal limit) {
    return new SchedulePeriod(startPeriod, limit, null, null);
  }

  /** A period for {@code numberPhases} phases. */
  public static SchedulePeriod of(int startPeriod, BigDecimal limit, int numberPhases) {
    return new SchedulePeriod(startPeriod, limit, numberPhases, null);
  }

  /** The phases this period applies to, 3 when absent. */
  public int phases() {
    return numberPhases == null ? DEFAULT_PHASES : numberPhases;
  }
}
