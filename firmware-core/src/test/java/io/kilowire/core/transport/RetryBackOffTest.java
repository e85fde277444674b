package io.kilowire.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryBackOffTest {
  private static final Duration MIN = Duration.ofSeconds(1);
  private static final Duration RANGE = Duration.ofSeconds(2);

  /** A generator whose bounded draws return the scripted values, in order. */
  private static RandomGenerator scripted(long... values) {
    return new RandomGenerator() {
      private int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are expected");
      }

      @Override
      public long nextLong(long bound) {
        long v = values[next++ % values.length];
        if (v < 0 || v >= bound) {
          throw new IllegalArgumentException(v + " outside [0, " + bound + ")");
        }
        return v;
      }
    };
  }

  private static List<Duration> delays(RetryBackOff backOff, int count) {
    List<Duration> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      result.add(backOff.nextDelay());
    }
    return result;
  }

  private static List<Duration> seconds(long... values) {
    List<Duration> result = new ArrayList<>();
    for (long v : values) {
      result.add(Duration.ofSeconds(v));
    }
    return result;
  }

  @Test
  void theBaseDoublesRepeatTimesAndThenStays() {
    RetryBackOff backOff = new RetryBackOff(MIN, Duration.ZERO, 2, scripted(0));

    assertEquals(seconds(1, 2, 4, 4, 4, 4), delays(backOff, 6));
  }

  @Test
  void everyAttemptAddsAFreshRandomPartToTheBase() {
    RetryBackOff backOff = new RetryBackOff(MIN, RANGE, 2, scripted(250, 2000, 0, 1500, 7));

    assertEquals(
        List.of(
            Duration.ofMillis(1000 + 250),
            Duration.ofMillis(2000 + 2000),
            Duration.ofMillis(4000),
            Duration.ofMillis(4000 + 1500),
            Duration.ofMillis(4000 + 7)),
        delays(backOff, 5));
  }

  @Test
  void theRandomPartReachesTheWholeRangeInclusive() {
    RetryBackOff backOff = new RetryBackOff(MIN, RANGE, 2, scripted(RANGE.toMillis()));

    assertEquals(MIN.plus(RANGE), backOff.nextDelay());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20261122})
  void aSeededGeneratorGivesTheSequenceOfTheFormula(long seed) {
    RetryBackOff backOff = new RetryBackOff(MIN, RANGE, 3, new SplittableRandom(seed));
    SplittableRandom same = new SplittableRandom(seed);

    List<Duration> actual = delays(backOff, 7);

    long[] bases = {1000, 2000, 4000, 8000, 8000, 8000, 8000};
    for (int i = 0; i < bases.length; i++) {
      long expected = bases[i] + same.nextLong(RANGE.toMillis() + 1);
      assertEquals(Duration.ofMillis(expected), actual.get(i), "seed " + seed + ", attempt " + i);
    }
  }

  @Test
  void everyFirstDelayLiesBetweenWaitMinimumAndWaitMinimumPlusRange() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      Duration first = new RetryBackOff(MIN, RANGE, 2, random).nextDelay();
      assertTrue(
          first.compareTo(MIN) >= 0 && first.compareTo(MIN.plus(RANGE)) <= 0, first.toString());
    }
  }

  @Test
  void resetAfterASuccessfulConnectionStartsAgainAtWaitMinimum() {
    RetryBackOff backOff = new RetryBackOff(MIN, Duration.ZERO, 5, scripted(0));
    delays(backOff, 4);

    backOff.reset();

    assertEquals(seconds(1, 2), delays(backOff, 2));
  }

  @Test
  void zeroRepeatTimesNeverDoubles() {
    RetryBackOff backOff = new RetryBackOff(MIN, Duration.ZERO, 0, scripted(0));

    assertEquals(seconds(1, 1, 1), delays(backOff, 3));
  }

  @Test
  void theConfigSuppliesTheThreeParameters() {
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl("ws://127.0.0.1:9000")
            .stationId("CP1")
            .retryBackOff(Duration.ofSeconds(3), Duration.ZERO, 1)
            .build();

    RetryBackOff backOff = RetryBackOff.of(config, scripted(0));

    assertEquals(seconds(3, 6, 6), delays(backOff, 3));
  }

  @Test
  void refusalsKeepDoublingPastRepeatTimesUpToTheLimit() {
    RetryBackOff backOff =
        new RetryBackOff(MIN, Duration.ZERO, 1, Duration.ofSeconds(10), scripted(0));

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      delays.add(backOff.nextDelayAfterRefusal());
    }

    assertEquals(seconds(1, 2, 4, 8, 10, 10), delays);
  }

  @Test
  void theRandomPartOfARefusalSpansAtLeastHalfTheBase() {
    // Bases 1, 2, 4, 8 s; the scripted draws must lie within each bound or the generator throws.
    RetryBackOff backOff =
        new RetryBackOff(MIN, RANGE, 0, Duration.ofMinutes(1), scripted(2000, 2000, 2000, 4000));

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      delays.add(backOff.nextDelayAfterRefusal());
    }

    assertEquals(seconds(3, 4, 6, 12), delays);
  }

  @Test
  void aSuccessfulConnectionStartsRefusalsAgainAtWaitMinimum() {
    RetryBackOff backOff =
        new RetryBackOff(MIN, Duration.ZERO, 1, Duration.ofMinutes(1), scripted(0));
    for (int i = 0; i < 5; i++) {
      backOff.nextDelayAfterRefusal();
    }

    backOff.reset();

    assertEquals(MIN, backOff.nextDelayAfterRefusal());
  }

  @Test
  void negativeParametersAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryBackOff(Duration.ofSeconds(-1), RANGE, 2, scripted(0)));
    assertThrows(
        IllegalArgumentException.class, () -> new RetryBackOff(MIN, RANGE, -1, scripted(0)));
  }
}
