package io.kilowire.core.hal;

import io.kilowire.core.metering.SiteReading;

/** The meter at the site's grid connection, as load management reads it. */
public interface SiteMeter {
  /**
   * The latest reading; its timestamp tells how old it is.
   *
   * @throws IllegalStateException when the meter has no trustworthy reading (none yet, the last
   *     poll failed, or it is stale): a stale or zero value is never presented as a current one
   */
  SiteReading read();
}
