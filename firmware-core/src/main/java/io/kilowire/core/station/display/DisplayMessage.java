package io.kilowire.core.station.display;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message for the station's display.
 *
 * @param state shown only while the station is in this state; null for any
 * @param start not shown before (O01.FR.06); null for at once
 * @param end removed after (O01.FR.07); null for never
 * @param transactionId removed when this transaction ends (O02.FR.02)
 * @param language an RFC 5646 tag, e.g. en-US; null if not given
 */
public record DisplayMessage(
    int id,
    Priority priority,
    @Nullable State state,
    @Nullable Instant start,
    @Nullable Instant end,
    @Nullable String transactionId,
    Format format,
    @Nullable String language,
    String content) {
  /** How a message competes for the display (2.0.1 MessagePriorityEnumType). */
  public enum Priority {
    /** Shown at once and alone, never cycled; a newer one replaces it (O01.FR.15-16). */
    ALWAYS_FRONT,
    /** Shown before the normal cycle, several cycled (O01.FR.13-14). */
    IN_FRONT,
    /** Shown in the normal cycle (O01.FR.12). */
    NORMAL_CYCLE
  }

  /** The station state a message is for (2.0.1 MessageStateEnumType). */
  public enum State {
    CHARGING,
    FAULTED,
    IDLE,
    UNAVAILABLE
  }

  /** The content's format (2.0.1 MessageFormatEnumType). */
  public enum Format {
    ASCII,
    HTML,
    URI,
    UTF8
  }

  public DisplayMessage {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(content, "content");
  }

  /** Whether it may be shown at {@code now} in {@code stationState}. */
  boolean showable(Instant now, State stationState) {
    return (start == null || !now.isBefore(start))
        && (end == null || now.isBefore(end))
        && (state == null || state == stationState);
  }
}
