package io.kilowire.emulator.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a fleet's {@link CallTimer}s measure, gathered without locks from every station's thread:
 * CALL round trips (an HdrHistogram recorder, microseconds, 3 significant digits), CALLs by action,
 * connections opened and lost.
 */
public final class FleetMetrics {
  private final Recorder roundTrips = new Recorder(3);
  private final LongAdder calls = new LongAdder();
  private final Map<String, LongAdder> byAction = new ConcurrentHashMap<>();
  private final LongAdder connections = new LongAdder();
  private final LongAdder losses = new LongAdder();
  private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int SLOW_KEPT = 1000;
  private final Queue<SlowCall> slow = new ConcurrentLinkedQueue<>();
  private final AtomicLong slowCount = new AtomicLong();
  private final LongAdder unanswered = new LongAdder();

  void call(String action) {
    calls.increment();
    byAction.computeIfAbsent(action, a -> new LongAdder()).increment();
  }

  void roundTrip(String action, long nanos) {
    record(action, nanos, true);
  }

  /**
   * A CALL the station stopped waiting for (no answer within its timeout): recorded with the time
   * waited, a lower bound of its round trip, so that the maximum does not hide it.
   */
  void unanswered(String action, long waitedNanos) {
    unanswered.increment();
    record(action, waitedNanos, false);
  }

  private void record(String action, long nanos, boolean answered) {
    roundTrips.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    if (nanos >= SLOW_NANOS) {
      // Kept to line the stalls up with the collectors' logs; the first ones suffice.
      if (slowCount.getAndIncrement() < SLOW_KEPT) {
        slow.add(
            new SlowCall(action, Instant.now(), TimeUnit.NANOSECONDS.toMillis(nanos), answered));
      }
    }
  }

  /**
   * A CALL answered after a second or more, or given up: what it was, when its answer came (or the
   * station gave up), how long it took.
   */
  public record SlowCall(String action, Instant at, long millis, boolean answered) {}

  /** CALLs the stations gave up on, without an answer. */
  public long unansweredCount() {
    return unanswered.sum();
  }

  /** The slow CALLs kept (the first {@value #SLOW_KEPT}), slowest first. */
  public List<SlowCall> slowCalls() {
    List<SlowCall> all = new ArrayList<>(slow);
    all.sort(Comparator.comparingLong(SlowCall::millis).reversed());
    return all;
  }

  /** CALLs answered after a second or more, or given up after a second or more. */
  public long slowCallCount() {
    return slowCount.get();
  }

  void connected() {
    connections.increment();
  }

  void lost() {
    losses.increment();
  }

  /** The round trips since the last call (pass back the previous one to recycle it, or null). */
  public Histogram takeRoundTrips(Histogram recycle) {
    return roundTrips.getIntervalHistogram(recycle);
  }

  public long calls() {
    return calls.sum();
  }

  /** CALLs so far per action, in name order. */
  public Map<String, Long> callsByAction() {
    Map<String, Long> result = new TreeMap<>();
    byAction.forEach((action, n) -> result.put(action, n.sum()));
    return result;
  }

  public long connections() {
    return connections.sum();
  }

  /** Connections that ended without the station closing them. */
  public long losses() {
    return losses.sum();
  }
}
