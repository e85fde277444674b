package io.kilowire.core.metering;

import java.time.Instant;

/**
 * One timestamped reading of the site's PV (its inverter or a meter on the PV string).
 *
 * @param at when it was measured
 * @param powerW what the PV produces now, AC side, ≥ 0
 */
public record PvReading(Instant at, double powerW) {
  public PvReading {
    if (at == null) {
      throw new IllegalArgumentException("at required");
    }
    if (!(powerW >= 0) || !Double.isFinite(powerW)) {
      throw new IllegalArgumentException("pv powerW must be finite and >= 0, not " + powerW);
    }
  }
}
