package io.kilowire.core.metering;

import io.kilowire.core.metering.MeterReading.PerPhase;
import java.time.Instant;

/**
 * One timestamped reading at the grid connection. Load management needs the age of a reading to
 * decide whether it still holds.
 *
 * @param at when the meter measured it
 * @param currentA current per phase L1..L3, import positive
 * @param powerW total active power, import positive
 */
public record SiteReading(Instant at, PerPhase currentA, double powerW) {
  public SiteReading {
    if (at == null || currentA == null) {
      throw new IllegalArgumentException("at and currentA required");
    }
  }
}
