package io.kilowire.core.station;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a bidirectional EV in scheduled control offers to feed back (ISO 15118-20 EVEnergyOffer, its
 * power schedule): from {@code from}, one entry after another, each the most it is willing to
 * transfer for that long, negative to discharge; a positive entry means it has nothing to give
 * then.
 */
public record EnergyOffer(Instant from, List<Entry> entries) {
  /** The most entries ISO 15118-20 lets an EV send (and OCPP 2.1 carries). */
  public static final int MAX_ENTRIES = 1024;

  /** {@code powerW} for {@code duration}, negative to discharge. */
  public record Entry(Duration duration, double powerW) {
    public Entry {
      Objects.requireNonNull(duration, "duration");
      if (duration.toSeconds() < 1 || duration.getNano() != 0) {
        // ISO 15118-20 and OCPP count an entry in whole seconds.
        throw new IllegalArgumentException(
            "an offer's entry lasts whole seconds, >= 1: " + duration);
      }
      if (!Double.isFinite(powerW)) {
        throw new IllegalArgumentException("an offer's power must be finite: " + powerW);
      }
    }
  }

  public EnergyOffer {
    Objects.requireNonNull(from, "from");
    entries = List.copyOf(entries);
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "an energy offer has 1.." + MAX_ENTRIES + " entries: " + entries.size());
    }
  }
}
