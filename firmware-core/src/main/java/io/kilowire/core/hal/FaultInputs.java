package io.kilowire.core.hal;

/** Safety inputs the board reports; either one stops charging. */
public interface FaultInputs {
  /** The residual-current device (RCD / RDC-DD) has tripped on {@code evse}. */
  boolean rcdTripped(int evse);

  /** An over-temperature sensor (socket, cable, relay) on {@code evse} is above its limit. */
  boolean overTemperature(int evse);
}
