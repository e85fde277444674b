package io.kilowire.core.smartcharging;

/** How a schedule is anchored in time (OCPP 1.6 §7.10, 2.0.1 ChargingProfileKindEnumType). */
public enum ProfileKind {
  /** Periods count from {@code startSchedule}. */
  ABSOLUTE,
  /** Periods count from {@code startSchedule}, restarting every day or week. */
  RECURRING,
  /** Periods count from the transaction start (or the evaluation start without one). */
  RELATIVE
}
