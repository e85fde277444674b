package io.kilowire.hardware.modbus;

import java.util.List;

/**
 * Where a meter model keeps its measurements: input registers (FC 04), each value an IEEE-754
 * float32 over two registers, high word first. Phases are numbered from 1.
 */
public interface MeterRegisterMap {
  String model();

  int phases();

  int voltageAddress(int phase);

  int currentAddress(int phase);

  int powerAddress(int phase);

  int totalPowerAddress();

  /** Cumulative import active energy, in kWh. */
  int importEnergyAddress();

  /** The reads that cover every address above, as few as the meter allows. */
  List<RegisterBlock> blocks();
}
