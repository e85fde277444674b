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
 *
 * <p>A refusal at the HTTP upgrade ({@link #nextDelayAfterRefusal()}: wrong credentials, unknown
 * station) does not heal in seconds, and the plateau the rule reaches after {@code repeatTimes} (a
 * few seconds with small parameters) would have a refused fleet knock every few seconds. So
 * refusals keep doubling past {@code repeatTimes}, up to {@code refusalLimit}, and their random
 * part spans at least half the base, so stations refused together spread over minutes.
 */
public final class RetryBackOff {
  private final Duration waitMinimum;
  private final Duration randomRange;
  private final int repeatTimes;
  private final Duration refusalLimit;
  private final RandomGenerator random;
  private int failures;

  public RetryBackOff(
      Duration waitMinimum, Duration randomRange, int repeatTimes, RandomGenerator random) {
    this(waitMinimum, randomRange, repeatTimes, TransportConfig.DEFAULT_REFUSAL_LIMIT, random);
  }

  /**
   * @param refusalLimit the base a refused attempt's wait grows to at most
   */
  public RetryBackOff(
      Duration waitMinimum,
      Duration randomRange,
      int repeatTimes,
      Duration refusalLimit,
      RandomGenerator random) {
    if (waitMinimum.isNegative()
        || randomRange.isNegative()
        || repeatTimes < 0
        || refusalLimit.isNegative()) {
      throw new IllegalArgumentException("back-off parameters must not be negative");
    }
    this.waitMinimum = waitMinimum;
    this.randomRange = randomRange;
    this.repeatTimes = repeatTimes;
    this.refusalLimit = refusalLimit;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The back-off a {@link TransportConfig} describes. */
  public static RetryBackOff of(TransportConfig config, RandomGenerator random) {
    return new RetryBackOff(
        config.retryBackOffWaitMinimum(),
        config.retryBackOffRandomRange(),
        config.retryBackOffRepeatTimes(),
        config.refusalBackOffLimit(),
        random);
  }

  /** The wait before the next attempt; each call counts one more failed attempt. */
  public Duration nextDelay() {
    int doublings = Math.min(failures, repeatTimes);
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    Duration base = doubled(waitMinimum, doublings);
    return saturatingPlus(base, randomPart(randomRange));
  }

  /**
   * The wait after the CSMS refused the upgrade (an HTTP 4xx): as {@link #nextDelay()}, but the
   * base doubles with every failure up to {@code refusalLimit} instead of stopping after {@code
   * repeatTimes}, and the random part spans the larger of {@code randomRange} and half the base.
   */
  public Duration nextDelayAfterRefusal() {
    Duration base = waitMinimum;
    for (int i = 0; i < failures && base.compareTo(refusalLimit) < 0; i++) {
      base = saturatingPlus(base, base);
    }
    if (base.compareTo(refusalLimit) > 0) {
      base = refusalLimit.compareTo(waitMinimum) > 0 ? refusalLimit : waitMinimum;
    }
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    Duration half = base.dividedBy(2);
    return saturatingPlus(base, randomPart(half.compareTo(randomRange) > 0 ? half : randomRange));
  }

  private Duration randomPart(Duration range) {
    long rangeMillis = range.toMillis();
    long jitter = rangeMillis == 0 ? 0 : random.nextLong(rangeMillis + 1);
    return Duration.ofMillis(jitter);
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
