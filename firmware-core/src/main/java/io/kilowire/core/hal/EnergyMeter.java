package io.kilowire.core.hal;

import io.kilowire.core.metering.MeterReading;

/**
 * The energy meter of each EVSE: import register, power, and current and voltage per phase. The
 * reading carries its own timestamp.
 */
public interface EnergyMeter {
  MeterReading read(int evse);
}
