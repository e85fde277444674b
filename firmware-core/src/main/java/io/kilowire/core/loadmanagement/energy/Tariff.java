package io.kilowire.core.loadmanagement.energy;

import java.time.LocalTime;
import java.util.List;

/**
 * Energy prices by time of day (any currency per kWh; it repeats every day). Each period holds from
 * its start until the next one's; before the first start of the day the last period still holds.
 */
public record Tariff(List<Period> periods) {
  /**
   * From {@code from} on: buying costs {@code importPerKwh}, selling earns {@code exportPerKwh}.
   */
  public record Period(LocalTime from, double importPerKwh, double exportPerKwh) {}

  public Tariff {
    periods = List.copyOf(periods);
    EnergyFields.require(!periods.isEmpty(), "tariffs", "needs at least one period");
    for (int i = 0; i < periods.size(); i++) {
      Period p = periods.get(i);
      EnergyFields.within(p.importPerKwh(), -1_000, 1_000, "tariffs[" + i + "].importPerKwh");
      EnergyFields.within(p.exportPerKwh(), -1_000, 1_000, "tariffs[" + i + "].exportPerKwh");
      if (i > 0) {
        EnergyFields.require(
            p.from().isAfter(periods.get(i - 1).from()),
            "tariffs[" + i + "].from",
            "must come after " + periods.get(i - 1).from());
      }
    }
  }

  /** The period in force at {@code time} of day. */
  public Period at(LocalTime time) {
    Period in = periods.get(periods.size() - 1);
    for (Period p : periods) {
      if (p.from().isAfter(time)) {
        break;
      }
      in = p;
    }
    return in;
  }
}
