package io.kilowire.core.metering;

import org.jspecify.annotations.Nullable;

/**
 * The newest reading of each of a site's meters, any age (the load balancer judges their age): the
 * grid connection, the PV and the battery. Null = none yet, or no such meter.
 */
public record SiteReadings(
    @Nullable SiteReading grid, @Nullable PvReading pv, @Nullable BatteryReading battery) {
  public static final SiteReadings NONE = new SiteReadings(null, null, null);

  /** Only the grid meter. */
  public static SiteReadings grid(@Nullable SiteReading grid) {
    return new SiteReadings(grid, null, null);
  }
}
