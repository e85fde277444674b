package io.kilowire.core.station;

/**
 * Carries out the reboot a reset ends in (see {@link Station#onReboot}): a runtime closes the
 * connection to the CSMS and connects anew, and the station registers again on the new one.
 */
@FunctionalInterface
public interface Rebooter {
  /** Called on the station's thread, once per reset, after its transactions ended. */
  void reboot(boolean hard);
}
