package io.kilowire.hardware.coap;

import java.time.Instant;

/**
 * A notification from the meter that did not yield a reading.
 *
 * @param at when it was received
 * @param kind what was wrong
 * @param detail a short human-readable explanation for the log
 */
public record GridFault(Instant at, Kind kind, String detail) {

  /** What was wrong with a notification. */
  public enum Kind {
    /** Not the documented JSON: unparseable, missing or mistyped fields, bad timestamp. */
    MALFORMED,
    /** Well-formed, but a value no real meter produces (negative current, non-finite, absurd). */
    OUT_OF_RANGE,
    /** The server answered with an error code instead of content. */
    ERROR_RESPONSE
  }
}
