package io.kilowire.core.station;

/**
 * The state of a connector as OCPP 1.6 reports it. OCPP 2.0.1 reports a coarser status (Available,
 * Occupied, Reserved, Unavailable, Faulted) and carries the charging detail in TransactionEvent's
 * chargingState; the adapters map.
 */
public enum ConnectorStatus {
  AVAILABLE,
  /** Plugged in or authorized, the transaction not started yet. */
  PREPARING,
  CHARGING,
  /** The EV does not take energy although it is offered. */
  SUSPENDED_EV,
  /** The station offers no energy (limit 0, pause). */
  SUSPENDED_EVSE,
  /** The transaction ended, the EV still plugged in. */
  FINISHING,
  RESERVED,
  UNAVAILABLE,
  FAULTED;

  /** Whether a cable is in the socket in this state. */
  public boolean occupied() {
    return this == PREPARING
        || this == CHARGING
        || this == SUSPENDED_EV
        || this == SUSPENDED_EVSE
        || this == FINISHING;
  }
}
