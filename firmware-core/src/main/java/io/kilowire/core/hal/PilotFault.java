package io.kilowire.core.hal;

import io.kilowire.core.station.FaultCode;
import java.time.Instant;

/**
 * A fault the pilot logic raised.
 *
 * @param kind what went wrong
 * @param at when it was decided
 * @param detail numbers for the log and the CSMS notification
 */
public record PilotFault(Kind kind, Instant at, String detail) {
  /** Fault kinds. */
  public enum Kind {
    /** The EV kept drawing more than the signalled current beyond its response window. */
    EV_OVERCURRENT,
    /** The residual-current device tripped: the contactor opens at once. */
    RCD_TRIPPED,
    /** An over-temperature input is active: pause, then open as for any pause. */
    OVER_TEMPERATURE;

    /** How the station reports this fault (and so the CSMS sees it). */
    public FaultCode faultCode() {
      return switch (this) {
        case EV_OVERCURRENT -> FaultCode.OVER_CURRENT;
        case RCD_TRIPPED -> FaultCode.GROUND_FAILURE;
        case OVER_TEMPERATURE -> FaultCode.HIGH_TEMPERATURE;
      };
    }
  }
}
