package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One period of a schedule. Ranges are not checked here but by {@link ProfileValidator}, so that an
 * out-of-range value from the CSMS can be answered with the right rejection.
 *
 * @param startPeriod seconds from the schedule start; it also ends the previous period
 * @param limit the charging limit in the schedule's unit; null: the period sets no limit of its own
 *     (2.1 allows that in the modes that do not need one, {@link OperationMode#needsLimit}): at its
 *     level of the stack it caps nothing, and charging is bounded by the other limits in force
 *     (station maximum, external constraints, hardware), never by a stand-in value
 * @param numberPhases phases, or null when absent on the wire (then 3, OCPP 1.6 §7.13, K01.FR.49)
 * @param phaseToUse the single phase to use (2.0.1), only with numberPhases 1
 * @param dischargeLimit how much the EV may discharge, as a value at or below 0 in the schedule's
 *     unit and phases (2.1); null: no discharging
 * @param setpoint what the EV should follow, negative to discharge (2.1), within limit and
 *     dischargeLimit; null: none
 * @param operationMode how energy is transferred (2.1); null: {@link OperationMode#CHARGING_ONLY}
 * @param perPhase 2.1's values for L2 and L3; where it gives a pair, the field it pairs with is
 *     L1's; null: none
 * @param setpointReactive 2.1's reactive setpoint; null: none
 * @param v2x the frequency support of the frequency modes (2.1); null: none
 */
public record SchedulePeriod(
    int startPeriod,
    @Nullable BigDecimal limit,
    @Nullable Integer numberPhases,
    @Nullable Integer phaseToUse,
    @Nullable BigDecimal dischargeLimit,
    @Nullable BigDecimal setpoint,
    @Nullable OperationMode operationMode,
    @Nullable PhaseValues perPhase,
    @Nullable ReactiveSetpoint setpointReactive,
    @Nullable V2xCurves v2x) {
  /** Phases assumed when a period does not say (OCPP 1.6 §7.13; 2.0.1 K01.FR.49). */
  public static final int DEFAULT_PHASES = 3;

  public SchedulePeriod {
    if (perPhase != null && perPhase.isEmpty()) {
      perPhase = null;
    }
  }

  /** A period with 2.1's bidirectional fields, the same value on every phase. */
  public SchedulePeriod(
      int startPeriod,
      @Nullable BigDecimal limit,
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
        null,
        null);
  }

  /** A period without frequency support. */
  public SchedulePeriod(
      int startPeriod,
      @Nullable BigDecimal limit,
      @Nullable Integer numberPhases,
      @Nullable Integer phaseToUse,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode operationMode,
      @Nullable PhaseValues perPhase,
      @Nullable ReactiveSetpoint setpointReactive) {
    this(
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        perPhase,
        setpointReactive,
        null);
  }

  /** A period with 2.1's bidirectional fields and values per phase, no reactive setpoint. */
  public SchedulePeriod(
      int startPeriod,
      @Nullable BigDecimal limit,
      @Nullable Integer numberPhases,
      @Nullable Integer phaseToUse,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable OperationMode operationMode,
      @Nullable PhaseValues perPhase) {
    this(
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        perPhase,
        null);
  }

  /** A charging-only period, as 1.6 and 2.0.1 know them. */
  public SchedulePeriod(
      int startPeriod,
      @Nullable BigDecimal limit,
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
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        perPhase,
        setpointReactive,
        v2x);
  }

  /** This period with 2.1's values for L2 and L3 (null: none). */
  public SchedulePeriod withPerPhase(@Nullable PhaseValues values) {
    return new SchedulePeriod(
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        values,
        setpointReactive,
        v2x);
  }

  /** This period with 2.1's reactive setpoint (null: none). */
  public SchedulePeriod withSetpointReactive(@Nullable ReactiveSetpoint reactive) {
    return new SchedulePeriod(
        startPeriod,
        limit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        perPhase,
        reactive,
        v2x);
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
        perPhase,
        setpointReactive,
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

  /*
   * One output signal (a pilot's current, one ISO 15118 target) carries one value for all phases,
   * so a value given per phase is followed at its lowest phase: never above what any phase allows
   * (K01.FR.147 asks the same of an ISO 15118-20 session falling back to PWM). The results below
   * are in the schedule's own convention: amps per phase, or watts over the period's phases.
   */

  /** Whether the period sets a charging limit of its own (always, before 2.1). */
  public boolean hasOwnLimit() {
    return limit != null;
  }

  /** This period with {@code ownLimit} as its charging limit (null: none of its own). */
  public SchedulePeriod withLimit(@Nullable BigDecimal ownLimit) {
    return new SchedulePeriod(
        startPeriod,
        ownLimit,
        numberPhases,
        phaseToUse,
        dischargeLimit,
        setpoint,
        operationMode,
        perPhase,
        setpointReactive,
        v2x);
  }

  /**
   * The charging limit that holds on every phase: the lowest phase's where given per phase; null
   * where the period sets none of its own.
   */
  public @Nullable BigDecimal limitOnAllPhases(RateUnit unit) {
    if (limit == null || perPhase == null || !perPhase.limits()) {
      return limit;
    }
    BigDecimal lowest =
        limit.min(orL1(perPhase.limitL2(), limit)).min(orL1(perPhase.limitL3(), limit));
    return overPhases(lowest, unit);
  }

  /** The discharge limit that holds on every phase (at or below 0): the phase nearest zero. */
  public @Nullable BigDecimal dischargeLimitOnAllPhases(RateUnit unit) {
    if (dischargeLimit == null || perPhase == null || !perPhase.dischargeLimits()) {
      return dischargeLimit;
    }
    BigDecimal nearest =
        dischargeLimit
            .max(orL1(perPhase.dischargeLimitL2(), dischargeLimit))
            .max(orL1(perPhase.dischargeLimitL3(), dischargeLimit));
    return overPhases(nearest, unit);
  }

  /**
   * The setpoint one signal follows on every phase: where given per phase, the phase nearest zero
   * when all ask the same way (no phase pushed beyond its own), else 0 (one signal cannot charge on
   * one phase and discharge on another).
   */
  public @Nullable BigDecimal setpointOnAllPhases(RateUnit unit) {
    if (setpoint == null || perPhase == null || !perPhase.setpoints()) {
      return setpoint;
    }
    return overPhases(
        nearestZeroSameWay(
            setpoint, orL1(perPhase.setpointL2(), setpoint), orL1(perPhase.setpointL3(), setpoint)),
        unit);
  }

  /** The reactive setpoint one signal follows on every phase, by the rule of the setpoint. */
  public @Nullable BigDecimal setpointReactiveOnAllPhases(RateUnit unit) {
    if (setpointReactive == null) {
      return null;
    }
    BigDecimal l1 = setpointReactive.value();
    if (!setpointReactive.perPhase()) {
      return l1;
    }
    return overPhases(
        nearestZeroSameWay(l1, orL1(setpointReactive.l2(), l1), orL1(setpointReactive.l3(), l1)),
        unit);
  }

  /** Of values asked one way, the one nearest zero; 0 where they ask opposite ways. */
  private static BigDecimal nearestZeroSameWay(BigDecimal l1, BigDecimal l2, BigDecimal l3) {
    BigDecimal nearest = l1;
    for (BigDecimal phase : new BigDecimal[] {l2, l3}) {
      if (phase.signum() * l1.signum() < 0) {
        return BigDecimal.ZERO;
      }
      if (phase.abs().compareTo(nearest.abs()) < 0) {
        nearest = phase;
      }
    }
    return nearest;
  }

  private static BigDecimal orL1(@Nullable BigDecimal phase, BigDecimal l1) {
    return phase == null ? l1 : phase;
  }

  /** A one-phase value as the period states its values: the same in A, the total in W. */
  private BigDecimal overPhases(BigDecimal onePhase, RateUnit unit) {
    return unit == RateUnit.W ? onePhase.multiply(BigDecimal.valueOf(phases())) : onePhase;
  }
}
