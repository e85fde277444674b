package io.kilowire.hardware.coap;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Receives what a {@link CoapSiteMeter} learns, one call at a time on the meter's own thread, in
 * the order of the readings' timestamps.
 */
public interface GridReadingListener {

  /** A valid reading, newer than any delivered before. */
  void reading(GridReading reading);

  /**
   * No valid reading arrived for {@code silentFor}: the last reading must no longer be used, and in
   * particular must not be taken as zero load. Reported once per silence; the next {@link #reading}
   * ends it.
   *
   * @param lastReadingAt the meter timestamp of the last valid reading, null if none ever came
   */
  void stale(@Nullable Instant lastReadingAt, Duration silentFor);

  /** A notification that was rejected; no reading is derived from it. */
  default void fault(GridFault fault) {}
}
