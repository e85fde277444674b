package io.kilowire.hardware.rapi;

/**
 * Link statistics of a {@link RapiBoard} since it was opened.
 *
 * @param commands commands answered with a valid reply
 * @param badFrames lines that did not decode (other than checksum errors)
 * @param checksumErrors lines whose checksum did not match
 * @param garbageBytes bytes outside any {@code $...\r} line
 * @param timeouts attempts that got no valid reply in time
 * @param unexpectedReplies replies with no command outstanding or a stale sequence id
 * @param boots {@code $AB} notifications seen
 */
public record RapiCounters(
    long commands,
    long badFrames,
    long checksumErrors,
    long garbageBytes,
    long timeouts,
    long unexpectedReplies,
    long boots) {}
