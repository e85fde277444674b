package io.kilowire.hardware.board;

import io.kilowire.core.metering.PvReading;
import io.kilowire.hardware.modbus.MeterSample;

/**
 * A Modbus meter (SDM630, SDM120) on a PV inverter's output. A PV inverter only produces (its own
 * draw at night is a few watts), so its production is the size of the meter's total active power,
 * whichever way the meter is wired. A failed poll gives no reading: the balancer then counts no
 * production once the last one is older than {@code solar.readingStaleAfter}.
 */
public final class ModbusPvMeter {
  private ModbusPvMeter() {}

  /** A good sample as a PV reading, with the sample's own timestamp. */
  public static PvReading reading(MeterSample s) {
    return new PvReading(s.timestamp(), Math.abs(s.totalPowerW()));
  }
}
