package io.kilowire.core.hal.iso15118;

/** What the SECC puts into its next response after a composite change (SPEC-FACTS F). */
public enum Notification {
  /** Nothing to tell. */
  NONE,
  /** -2 EVSENotification ReNegotiation in ChargingStatusRes (AC) or CurrentDemandRes (DC). */
  RENEGOTIATION,
  /** -20 EVSENotification ScheduleRenegotiation in ChargeLoopRes. */
  SCHEDULE_RENEGOTIATION
}
