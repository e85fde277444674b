package io.kilowire.core.loadmanagement.energy;

import java.util.Locale;

/** How an EVSE uses the grid and the sun. */
public enum ChargingMode {
  /** The grid budget (static or dynamic) alone; what the sun gives lowers the import. */
  GRID,
  /**
   * The minimum current from the grid (and what a departure needs), the solar surplus above it: the
   * EV always charges, faster while the sun shines.
   */
  SOLAR_FIRST,
  /**
   * The solar surplus only: the EV starts once the surplus has carried the minimum current for a
   * while and stops once it has not for a while; from the grid only what a departure the sun cannot
   * meet needs.
   */
  SOLAR_ONLY;

  /** The name in files: {@code grid}, {@code solar-first}, {@code solar-only}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The mode called {@code label}.
   *
   * @throws IllegalArgumentException when no mode is
   */
  public static ChargingMode byLabel(String label) {
    for (ChargingMode m : values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "expected grid, solar-first or solar-only, not '" + label + "'");
  }

  /** True when it takes the sun's surplus into account. */
  public boolean solar() {
    return this != GRID;
  }
}
