package io.kilowire.emulator.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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

  void call(String action) {
    calls.increment();
    byAction.computeIfAbsent(action, a -> new LongAdder()).increment();
  }

  void roundTrip(long nanos) {
    roundTrips.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
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
