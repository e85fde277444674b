package io.kilowire.hardware.modbus;

/**
 * Link statistics of a {@link ModbusRtuClient} since it was opened.
 *
 * @param transactions reads answered with a valid reply
 * @param crcErrors replies with a bad CRC
 * @param timeouts attempts without a complete reply in time
 * @param exceptionResponses exception replies from the slave
 * @param malformed replies of the wrong unit, function or length
 * @param garbageBytes stray bytes found on the line before a request or after a broken reply
 */
public record ModbusCounters(
    long transactions,
    long crcErrors,
    long timeouts,
    long exceptionResponses,
    long malformed,
    long garbageBytes) {}
