package io.kilowire.core.loadmanagement;

/** A line conductor of the site's three-phase grid connection. */
public enum Phase {
  L1,
  L2,
  L3
}
