package io.kilowire.core.station;

/**
 * What the station logic needs from the charger's hardware. The hardware-abstraction layer will
 * implement it on real boards; the emulator implements it on simulated EVs and meters.
 */
public interface StationHardware {
  /** The EVSE's meter now. */
  MeterReading read(int evse);

  /** Energize (contactor closed, pilot offering current) or not. */
  void offerEnergy(int evse, boolean on);

  /** Releases the cable lock; false if the lock did not open. */
  boolean unlock(int evse);
}
