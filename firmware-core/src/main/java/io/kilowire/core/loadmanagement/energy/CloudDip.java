package io.kilowire.core.loadmanagement.energy;

import java.time.LocalTime;

/**
 * A cloud passing: from {@code from} until {@code until} every day the PV gives only {@code share}
 * of its clear-sky production.
 *
 * @param share 0 (dark) .. 1 (no effect)
 */
public record CloudDip(LocalTime from, LocalTime until, double share) {
  public CloudDip {
    EnergyFields.require(
        from.isBefore(until), "pv.clouds.until", "must be after its from (" + from + ")");
    EnergyFields.within(share, 0, 1, "pv.clouds.share");
  }

  boolean covers(LocalTime time) {
    return !time.isBefore(from) && time.isBefore(until);
  }
}
