package io.kilowire.core.hal;

/** The meter at the site's grid connection, as load management reads it. */
public interface SiteMeter {
  /** The latest reading; its timestamp tells how old it is. */
  SiteReading read();
}
