package io.kilowire.core.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The reconnect back-off of OCPP 2.0.1 §8.1-8.3 (and the 2.1 errata), usable for 1.6 as well.
 * Attempt {@code n} (0-based) waits {@code waitMinimum × 2^min(n, repeatTimes)} plus a fresh
 * uniform random part in {@code [0, randomRange]}: the base doubles {@code repeatTimes} times and
 * then stays, while every attempt draws its own random part so stations restarting together spread
 * out. {@link #reset()} after a successful connection starts again at {@code waitMinimum}. Pure and
 * deterministic for a seeded {@link RandomGenerator}; not thread-safe.
 */
public final class RetryBackOff {
  private final Duration waitMinimum;
  private final Duration randomRange;
  private final int repeatTimes;
  private final RandomGenerator random;
  private int failures;

  public RetryBackOff(
      Duration waitMinimum, Duration randomRange, int repeatTimes, RandomGenerator random) {
    if (waitMinimum.isNegative() || randomRange.isNegative() || repeatTimes < 0) {
      throw new IllegalArgumentException("back-off parameters must not be negative");
    }
    this.waitMinimum = waitMinimum;
    this.randomRange = randomRange;
    this.repeatTimes = repeatTimes;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The back-off a {@link TransportConfig} describes. */
  public static RetryBackOff of(TransportConfig config, RandomGenerator random) {
    return new RetryBackOff(
        config.retryBackOffWaitMinimum(),
        config.retryBackOffRandomRange(),
        config.retryBackOffRepeatTimes(),
        random);
  }

  /** The wait before the next attempt; each call counts one more failed attempt. */
  public Duration nextDelay() {
    int doublings = Math.min(failures, repeatTimes);
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    Duration base = doubled(waitMinimum, doublings);
    long rangeMillis = randomRange.toMillis();
    long jitter = rangeMillis == 0 ? 0 : random.nextLong(rangeMillis + 1);
    return saturatingPlus(base, Duration.ofMillis(jitter));
  }

  /** A connection succeeded: the next failure waits {@code waitMinimum} (+ random) again. */
  public void reset() {
    failures = 0;
  }

  /** How many delays were handed out since the last reset. */
  public int failures() {
    return failures;
  }

  private static Duration doubled(Duration d, int times) {
    Duration result = d;
    for (int i = 0; i < times; i++) {
      result = saturatingPlus(result, result);
    }
    return result;
  }

  private static Duration saturatingPlus(Duration a, Duration b) {
    try {
      return a.plus(b);
    } catch (ArithmeticException e) {
      return Duration.ofSeconds(Long.MAX_VALUE);
    }
  }
}
