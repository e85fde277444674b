package io.kilowire.core.configuration;

import java.time.Duration;

/**
 * How the station spaces reconnect attempts: the first after {@code waitMinimum} plus a random part
 * up to {@code randomRange}, each later one doubling the previous wait, {@code repeatTimes} times.
 */
public record RetryBackOff(Duration waitMinimum, Duration randomRange, int repeatTimes) {}
