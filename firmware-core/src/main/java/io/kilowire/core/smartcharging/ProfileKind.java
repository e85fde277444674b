package io.kilowire.core.smartcharging;

/** How a schedule is anchored in time (OCPP 1.6 §7.10, 2.0.1 ChargingProfileKindEnumType). */
public enum ProfileKind {
  /** Periods count from {@code startSchedule}. */
  ABSOLUTE,
  /** Periods count from {@code startSchedule}, restarting every day or week. */
  RECURRING,
  /** Periods count from the transaction start (or the evaluation start without one). */
  RELATIVE,
  /**
   * 2.1: one period whose values the CSMS (UpdateDynamicSchedule, PullDynamicScheduleUpdate) or a
   * local system replaces as it goes; in force from the last update, and with a schedule duration
   * only that long after it (K28).
   */
  DYNAMIC
}
