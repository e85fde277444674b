package io.kilowire.core.hal;

/** Safety inputs the board reports; either one stops charging. */
public interface FaultInputs {
  /** The residual-current device (RCD / RDC-DD) has tripped on {@code evse}. */
  boolean rcdTripped(int evse);

  /** An over-temperature sensor (socket, cable, relay) on {@code evse} is above its limit. */
  boolean overTemperature(int evse);

  /**
   * The board reports an error of its own on {@code evse} (failed self-test, missing ground, lost
   * link to the board): charging stops and the EVSE is faulted with {@code OTHER}.
   */
  default boolean boardFault(int evse) {
    return false;
  }
}
