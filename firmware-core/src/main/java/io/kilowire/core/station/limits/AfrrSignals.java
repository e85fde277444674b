package io.kilowire.core.station.limits;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The CSMS's aFRR signals (OCPP 2.1 AFRRSignal, the input of CentralFrequency): each is in force
 * from its timestamp until a later one takes over; one sent ahead waits for its time.
 */
final class AfrrSignals {
  private final TreeMap<Instant, Integer> byStart = new TreeMap<>();

  /** The CSMS sent {@code signal}, active from {@code from}. */
  void received(Instant from, int signal) {
    byStart.put(from, signal);
  }

  /** The signal in force at {@code now} (older ones are dropped); null: none yet. */
  @Nullable Integer inForce(Instant now) {
    Map.Entry<Instant, Integer> current = byStart.floorEntry(now);
    if (current == null) {
      return null;
    }
    byStart.headMap(current.getKey(), false).clear();
    return current.getValue();
  }

  /** When the next signal sent ahead takes over; null: none waits. */
  @Nullable Instant next(Instant now) {
    return byStart.higherKey(now);
  }
}
