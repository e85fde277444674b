package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The limits an EVSE (or the station, 0) expects over {@code [start, start + duration)}: at least
 * one period, the first at 0, neighbours always different.
 *
 * @param evseId the EVSE, or 0 for the whole station (its grid connection, ERR16 3.30)
 * @param start the first instant covered
 * @param duration seconds covered
 * @param unit the unit of every limit
 * @param periods the periods
 * @param minChargingRate the minimum charging rate of the Tx or TxDefault schedule in force at the
 *     start, in {@code unit}; null when none applies
 */
public record CompositeSchedule(
    int evseId,
    Instant start,
    int duration,
    RateUnit unit,
    List<CompositePeriod> periods,
    @Nullable BigDecimal minChargingRate) {
  public CompositeSchedule {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(unit, "unit");
    periods = List.copyOf(periods);
    if (periods.isEmpty() || periods.get(0).startPeriod() != 0) {
      throw new IllegalArgumentException("a composite starts with a period at 0");
    }
  }

  /** The period in force at {@code t}, which must lie in the covered interval. */
  public CompositePeriod periodAt(Instant t) {
    long offset = Duration.between(start, t).getSeconds();
    if (t.isBefore(start) || offset >= duration && duration > 0) {
      throw new IllegalArgumentException(t + " is outside the composite");
    }
    CompositePeriod found = periods.get(0);
    for (CompositePeriod p : periods) {
      if (p.startPeriod() <= offset) {
        found = p;
      }
    }
    return found;
  }
}
