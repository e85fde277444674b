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
  SOLAR_ONLY,
  /**
   * The grid budget while energy is cheap: by the tariffs, the EV charges in the cheapest hours
   * before its departure that carry what it still needs (planned at {@link
   * SolarRules#urgentShare()} of its maximum current, so there is slack), and at once once its
   * departure needs that share; without a departure, only at the lowest price of the next day.
   * Outside its cheap hours, on a site with PV, it takes the sun's surplus as {@link #SOLAR_ONLY}.
   */
  COST;

  /** The name in files: {@code grid}, {@code solar-first}, {@code solar-only}, {@code cost}. */
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
        "expected grid, solar-first, solar-only or cost, not '" + label + "'");
  }

  /** True when it takes the sun's surplus into account. */
  public boolean solar() {
    return this == SOLAR_FIRST || this == SOLAR_ONLY;
  }
}
