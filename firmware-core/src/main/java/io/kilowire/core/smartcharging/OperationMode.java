package io.kilowire.core.smartcharging;

/**
 * How a period of a schedule asks the EVSE to transfer energy (OCPP 2.1 OperationModeEnumType;
 * absent means {@link #CHARGING_ONLY}, the only mode before 2.1).
 */
public enum OperationMode {
  /** No energy transfer at all. */
  IDLE,
  /** Charging up to the limit, never discharging. */
  CHARGING_ONLY,
  /** Follow the setpoint the CSMS put in the schedule, charging or discharging. */
  CENTRAL_SETPOINT,
  /** Follow a setpoint from a local energy manager, within the schedule's limits. */
  EXTERNAL_SETPOINT,
  /** Follow limits from a local energy manager, within the schedule's limits. */
  EXTERNAL_LIMITS,
  /** Frequency support by a curve the CSMS sent. */
  CENTRAL_FREQUENCY,
  /** Frequency support by the station's own curve. */
  LOCAL_FREQUENCY,
  /** The station balances its EVSEs itself, within the schedule's limits. */
  LOCAL_LOAD_BALANCING;

  /**
   * Whether the EV may discharge in this mode (within a discharge limit); not when charging only.
   */
  public boolean mayDischarge() {
    return this != IDLE && this != CHARGING_ONLY;
  }

  /**
   * Whether the mode may move energy both ways whatever the period's limits say: the setpoint and
   * frequency modes, which only an EVSE and EV that can discharge run. ExternalLimits and
   * LocalLoadBalancing discharge only where the period gives a discharge limit.
   */
  public boolean actsBothWays() {
    return this == CENTRAL_SETPOINT
        || this == EXTERNAL_SETPOINT
        || this == CENTRAL_FREQUENCY
        || this == LOCAL_FREQUENCY;
  }

  /** Whether the EV follows the period's frequency support (its curves at a local signal). */
  public boolean followsFrequency() {
    return this == CENTRAL_FREQUENCY || this == LOCAL_FREQUENCY;
  }

  /**
   * Whether the period's setpoint is what the EV follows: in ExternalSetpoint only until the
   * external system gives one.
   */
  public boolean followsSetpoint() {
    return this == CENTRAL_SETPOINT || this == EXTERNAL_SETPOINT;
  }

  /**
   * Whether a period in this mode must give a charging limit. OCPP 2.1 makes {@code limit} optional
   * only where the mode does not need it, and names CentralSetpoint, ExternalSetpoint,
   * ExternalLimits, LocalFrequency and LocalLoadBalancing (schema description, errata 2025-06
   * §2.62); for CentralFrequency the CSMS must leave it out (Q07.FR.03). ChargingOnly and Idle are
   * not named, so a period in them needs one (our reading for Idle, which transfers nothing).
   */
  public boolean needsLimit() {
    return this == CHARGING_ONLY || this == IDLE;
  }

  /** The mode as OCPP 2.1 spells it (ChargingOnly), for messages that name it. */
  public String specName() {
    StringBuilder out = new StringBuilder();
    for (String word : name().split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }
}
