package io.kilowire.core.metering;

import java.time.Instant;

/**
 * One timestamped reading of the site's stationary battery (its inverter or meter).
 *
 * @param at when it was measured
 * @param powerW AC power, discharging positive, charging negative
 * @param socPercent its state of charge, 0..100
 */
public record BatteryReading(Instant at, double powerW, double socPercent) {
  public BatteryReading {
    if (at == null) {
      throw new IllegalArgumentException("at required");
    }
    if (!Double.isFinite(powerW)) {
      throw new IllegalArgumentException("battery powerW must be finite");
    }
    if (!(socPercent >= 0 && socPercent <= 100)) {
      throw new IllegalArgumentException("battery socPercent must be 0..100, not " + socPercent);
    }
  }
}
