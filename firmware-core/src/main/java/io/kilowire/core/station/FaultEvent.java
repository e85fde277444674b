package io.kilowire.core.station;

import java.time.Instant;

/**
 * A fault raised or cleared on an EVSE, as the CSMS should hear of it: 2.0.1 sends it as a
 * NotifyEvent on the EVSE's Problem variable; 1.6 carries the cause in the StatusNotification
 * errorCode only.
 *
 * @param evse the EVSE
 * @param cause what went wrong (on a clear: what had gone wrong), never {@link FaultCode#NONE}
 * @param cleared true when the fault went away
 * @param at when it happened (kept when the event waits for the connection)
 */
public record FaultEvent(int evse, FaultCode cause, boolean cleared, Instant at) {
  public FaultEvent {
    if (cause == FaultCode.NONE) {
      throw new IllegalArgumentException("a fault event names its cause");
    }
  }
}
