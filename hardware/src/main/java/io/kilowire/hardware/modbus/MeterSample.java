package io.kilowire.hardware.modbus;

import java.time.Instant;
import java.util.List;

/**
 * One validated meter reading. Lists hold one entry per phase (three for the SDM630, one for the
 * SDM120), L1 first.
 *
 * @param timestamp when the last register read of this sample completed (injected clock)
 * @param voltagesV line-to-neutral voltage per phase
 * @param currentsA current per phase
 * @param powersW active power per phase; negative means export
 * @param totalPowerW total active power
 * @param importEnergyWh cumulative imported active energy (the meter counts kWh; converted here)
 */
public record MeterSample(
    Instant timestamp,
    List<Double> voltagesV,
    List<Double> currentsA,
    List<Double> powersW,
    double totalPowerW,
    double importEnergyWh) {
  public MeterSample {
    voltagesV = List.copyOf(voltagesV);
    currentsA = List.copyOf(currentsA);
    powersW = List.copyOf(powersW);
  }

  public int phases() {
    return voltagesV.size();
  }
}
