package io.kilowire.core.loadmanagement.energy;

import java.time.Duration;

/**
 * When a solar-only EV starts and stops, and how long a PV or battery reading holds.
 *
 * @param startAfter the surplus must carry the minimum current (6 A × phases) this long before a
 *     solar-only EV starts, or before a switchable EVSE goes from one phase to three
 * @param stopAfter a running solar-only EV stops (a switchable EVSE goes from three phases to one)
 *     once the surplus has been below that this long; meanwhile it keeps the minimum
 * @param readingStaleAfter a PV or battery reading older than this counts as zero production and
 *     zero discharge
 * @param urgentShare a solar EV with a departure gets grid power once what it still needs takes
 *     this share of its maximum current (0..1) until the departure
 */
public record SolarRules(
    Duration startAfter, Duration stopAfter, Duration readingStaleAfter, double urgentShare) {
  public static final SolarRules DEFAULTS =
      new SolarRules(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(15), 0.5);

  public SolarRules withStartAfter(Duration v) {
    return new SolarRules(v, stopAfter, readingStaleAfter, urgentShare);
  }

  public SolarRules {
    EnergyFields.require(!startAfter.isNegative(), "solar.startAfter", "must not be negative");
    EnergyFields.require(!stopAfter.isNegative(), "solar.stopAfter", "must not be negative");
    EnergyFields.require(
        !readingStaleAfter.isNegative() && !readingStaleAfter.isZero(),
        "solar.readingStaleAfter",
        "must be longer than zero");
    EnergyFields.require(
        urgentShare > 0 && urgentShare <= 1,
        "solar.urgentShare",
        "must be above 0 and at most 1, not " + EnergyFields.fmt(urgentShare));
  }
}
