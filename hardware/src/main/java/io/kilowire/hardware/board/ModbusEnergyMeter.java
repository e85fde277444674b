package io.kilowire.hardware.board;

import io.kilowire.core.hal.EnergyMeter;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.hardware.modbus.MeterSample;
import java.util.List;
import java.util.Map;

/**
 * The EVSEs' energy meters on Modbus: EVSE n reads the meter mapped to n. A reading is the last
 * good sample with <b>its own</b> timestamp: while the meter faults, the reading's age shows it, a
 * sample is never restamped as new. Before the first good sample there is no reading at all, and
 * {@link #read} throws {@link IllegalStateException} (start the station only once every meter has
 * answered, as {@link BoardSet} does; see {@link #hasFirstSamples()}).
 */
public final class ModbusEnergyMeter implements EnergyMeter {
  private final Map<Integer, ModbusBus.Polled> meters;

  /** {@code meters}: EVSE id → its polled meter. */
  public ModbusEnergyMeter(Map<Integer, ModbusBus.Polled> meters) {
    this.meters = Map.copyOf(meters);
  }

  @Override
  public MeterReading read(int evse) {
    ModbusBus.Polled m = meters.get(evse);
    if (m == null) {
      throw new IllegalArgumentException("no meter for EVSE " + evse);
    }
    MeterSample s =
        m.lastGood()
            .orElseThrow(
                () -> new IllegalStateException("EVSE " + evse + ": no meter reading yet"));
    return reading(s);
  }

  /** True once every meter has given a good sample. */
  public boolean hasFirstSamples() {
    return meters.values().stream().allMatch(m -> m.lastGood().isPresent());
  }

  static MeterReading reading(MeterSample s) {
    return new MeterReading(
        s.timestamp(),
        s.importEnergyWh(),
        s.totalPowerW(),
        perPhase(s.currentsA()),
        perPhase(s.voltagesV()),
        null);
  }

  /** An SDM120 has one phase: L2 and L3 read 0. */
  static PerPhase perPhase(List<Double> values) {
    return new PerPhase(
        values.get(0),
        values.size() > 1 ? values.get(1) : 0,
        values.size() > 2 ? values.get(2) : 0);
  }
}
