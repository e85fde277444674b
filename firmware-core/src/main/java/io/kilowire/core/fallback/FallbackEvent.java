package io.kilowire.core.fallback;

import java.time.Instant;

/**
 * A condition began ({@code active}) or ended.
 *
 * @param at when it did (the deadline that passed, or the event that ended it)
 * @param detail a short human-readable cause, for the log and the CSMS report
 */
public record FallbackEvent(
    Instant at, FallbackCondition condition, boolean active, String detail) {}
