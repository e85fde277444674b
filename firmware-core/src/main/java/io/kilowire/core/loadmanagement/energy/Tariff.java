package io.kilowire.core.loadmanagement.energy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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

  /** A stretch of time at one import price. */
  public record Window(Instant from, Instant until, double importPerKwh) {
    public double hours() {
      return java.time.Duration.between(from, until).toMillis() / 3_600_000.0;
    }
  }

  /**
   * The prices from {@code from} until {@code until}, in order, one window per period (the first
   * and the last cut to the span); periods start at their time of day in {@code zone}.
   */
  public List<Window> between(Instant from, Instant until, ZoneId zone) {
    TreeSet<Instant> cuts = new TreeSet<>();
    cuts.add(from);
    cuts.add(until);
    LocalDate last = until.atZone(zone).toLocalDate();
    for (LocalDate d = from.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
      for (Period p : periods) {
        Instant at = d.atTime(p.from()).atZone(zone).toInstant();
        if (at.isAfter(from) && at.isBefore(until)) {
          cuts.add(at);
        }
      }
    }
    List<Window> out = new ArrayList<>();
    Instant start = null;
    for (Instant cut : cuts) {
      if (start != null) {
        out.add(new Window(start, cut, at(start.atZone(zone).toLocalTime()).importPerKwh()));
      }
      start = cut;
    }
    return out;
  }
}
