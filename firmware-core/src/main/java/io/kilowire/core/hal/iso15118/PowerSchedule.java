package io.kilowire.core.hal.iso15118;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ISO 15118-20 PowerSchedule for Scheduled control mode: entries from {@code timeAnchor}, each
 * for its duration, 1 to 1024 entries (SPEC-FACTS F.2).
 *
 * @param timeAnchor the instant the first entry starts
 * @param entries the entries
 */
public record PowerSchedule(Instant timeAnchor, List<PowerScheduleEntry> entries) {
  /** The most entries a PowerSchedule may hold. */
  public static final int MAX_ENTRIES = 1024;

  public PowerSchedule {
    Objects.requireNonNull(timeAnchor, "timeAnchor");
    entries = List.copyOf(entries);
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("a PowerSchedule holds 1..1024 entries");
    }
  }

  /** Seconds from the anchor to the end of the last entry. */
  public long coverage() {
    long sum = 0;
    for (PowerScheduleEntry e : entries) {
      sum += e.duration();
    }
    return sum;
  }
}
