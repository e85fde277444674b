package io.kilowire.core.station;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The import register as the CSMS reads it. Every report rounds down, never to nearest: a register
 * reported as 1001 Wh (1000.6 rounded) and then as 1000.6 Wh runs backwards in the CSMS's eyes.
 * Rounding down is monotonic, so readings that never fall give reports that never fall, in any mix
 * of precisions as long as the coarser one is not reported after the finer; and a report never
 * claims energy the meter has not counted yet.
 */
public final class EnergyRegister {
  private EnergyRegister() {}

  /** Whole watt-hours, rounded down (1.6 meterStart, meterStop and MeterValues). */
  public static int wholeWh(double energyWh) {
    return decimal(energyWh, 0).intValueExact();
  }

  /** Tenths of a watt-hour, rounded down (2.0.1 meter values). */
  public static BigDecimal tenthsWh(double energyWh) {
    return decimal(energyWh, 1);
  }

  private static BigDecimal decimal(double energyWh, int scale) {
    // valueOf reads the double's shortest decimal form, so 0.3 stays 0.3 and is not cut to 0.2.
    return BigDecimal.valueOf(energyWh).setScale(scale, RoundingMode.FLOOR);
  }
}
