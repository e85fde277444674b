package io.kilowire.core.hal;

import io.kilowire.core.der.GridState;
import org.jspecify.annotations.Nullable;

/**
 * The grid at the station's connection as a sensor reads it (a power-quality meter, a grid relay,
 * the emulator's grid model): frequency and voltage, for the DER controls (OCPP 2.1 block R).
 */
@FunctionalInterface
public interface GridSensor {
  /** The grid now; null while the sensor has no reading. */
  @Nullable GridState read();
}
