package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One period of a composite schedule.
 *
 * @param startPeriod seconds from the composite's start
 * @param limit the limit in the composite's unit
 * @param numberPhases the lowest phase count among the limits that applied (2.1 K01.FR.140)
 * @param dischargeLimit 2.1: the most the EVSE may discharge, at or below 0, in a mode that may
 *     discharge; null otherwise (and always for the station, EVSE 0)
 * @param setpoint 2.1: what the EV should follow (negative discharges), when the mode says so
 * @param operationMode 2.1: the mode of the period in force; null for ChargingOnly
 * @param perPhase 2.1: the limit on each phase where a profile in force gives one per phase (then
 *     {@code limit} is the lowest, as one output carries it); null otherwise
 * @param setpointReactive 2.1: the reactive setpoint of the period in force (one value for all
 *     phases, positive inductive); null: none
 */
public record CompositePeriod(
    int startPeriod,
    BigDecimal limit,
    int numberPhases,
    @Nullable BigDecimal dischargeLimit,
    @Nullable BigDecimal setpoint,
    @Nullable OperationMode operationMode,
    @Nullable LimitPerPhase perPhase,
    @Nullable BigDecimal setpointReactive) {
  public CompositePeriod {
    Objects.requireNonNull(limit, "limit");
  }

  /** A period with 2.1's bidirectional fields, no limit per phase. */
  public CompositePeriod(
      int startPeriod,
      BigDecimal limit,
      int numberPhases,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode operationMode) {
    this(startPeriod, limit, numberPhases, dischargeLimit, setpoint, operationMode, null, null);
  }

  /** A period with 2.1's bidirectional fields and limits per phase, no reactive setpoint. */
  public CompositePeriod(
      int startPeriod,
      BigDecimal limit,
      int numberPhases,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode operationMode,
      @Nullable LimitPerPhase perPhase) {
    this(startPeriod, limit, numberPhases, dischargeLimit, setpoint, operationMode, perPhase, null);
  }

  /** This period with a reactive setpoint (null: none). */
  CompositePeriod withSetpointReactive(@Nullable BigDecimal reactive) {
    return new CompositePeriod(
        startPeriod,
        limit,
        numberPhases,
        dischargeLimit,
        setpoint,
        operationMode,
        perPhase,
        reactive);
  }

  /** A charging-only period, as 1.6 and 2.0.1 know them. */
  public CompositePeriod(int startPeriod, BigDecimal limit, int numberPhases) {
    this(startPeriod, limit, numberPhases, null, null, null);
  }

  /** Same limit and phases, whatever the decimal scale. */
  boolean sameLimit(BigDecimal otherLimit, int otherPhases) {
    return limit.compareTo(otherLimit) == 0 && numberPhases == otherPhases;
  }

  /** The same in every respect but the start, whatever the decimal scale. */
  boolean sameAs(CompositePeriod o) {
    return sameLimit(o.limit, o.numberPhases)
        && same(dischargeLimit, o.dischargeLimit)
        && same(setpoint, o.setpoint)
        && operationMode == o.operationMode
        && (perPhase == null ? o.perPhase == null : perPhase.sameAs(o.perPhase))
        && same(setpointReactive, o.setpointReactive);
  }

  private static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
