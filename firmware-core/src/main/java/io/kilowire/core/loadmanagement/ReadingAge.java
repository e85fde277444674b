package io.kilowire.core.loadmanagement;

import java.time.Duration;
import java.time.Instant;

/**
 * How old a meter's newest reading is. Its age counts from the earlier of its timestamp and the
 * step that first saw it, so a meter whose clock runs ahead cannot stay fresh for longer.
 */
final class ReadingAge {
  private Instant readingAt = Instant.MIN;
  private Instant seenAt = Instant.MIN;

  /** The instant the reading measured {@code at} stops counting, as seen at {@code now}. */
  Instant staleAt(Instant now, Instant at, Duration staleAfter) {
    if (!at.equals(readingAt)) {
      readingAt = at;
      seenAt = now;
    }
    Instant measured = seenAt.isBefore(at) ? seenAt : at;
    return measured.plus(staleAfter);
  }
}
