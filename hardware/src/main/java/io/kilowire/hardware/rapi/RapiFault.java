package io.kilowire.hardware.rapi;

import java.time.Instant;

/**
 * One link fault, as counted in {@link RapiCounters}.
 *
 * @param kind what went wrong
 * @param detail human-readable detail for logs
 * @param at when it was seen
 */
public record RapiFault(Kind kind, String detail, Instant at) {
  /** Fault kinds; each feeds one counter. */
  public enum Kind {
    BAD_FRAME,
    CHECKSUM,
    GARBAGE,
    TIMEOUT,
    UNEXPECTED_REPLY,
    PORT_LOST
  }
}
