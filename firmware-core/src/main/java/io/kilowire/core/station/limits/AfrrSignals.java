package io.kilowire.core.station.limits;

import io.kilowire.core.store.SnapshotStore;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The CSMS's aFRR signals (OCPP 2.1 AFRRSignal, the input of CentralFrequency): each is in force
 * from its timestamp until a later one takes over; one sent ahead waits for its time. Kept in the
 * station's snapshots, so a restart goes on with the signal in force (and those sent ahead) rather
 * than the baseline until the CSMS's next signal.
 */
final class AfrrSignals {
  /** The snapshot they are kept in: one "timestamp signal" line each, in order. */
  static final String SNAPSHOT = "afrr-signals";

  private final TreeMap<Instant, Integer> byStart = new TreeMap<>();
  private final SnapshotStore snapshots;

  AfrrSignals(SnapshotStore snapshots) {
    this.snapshots = snapshots;
  }

  /** The CSMS sent {@code signal}, active from {@code from}; kept at once. */
  void received(Instant from, int signal) {
    byStart.put(from, signal);
    StringBuilder text = new StringBuilder();
    byStart.forEach((at, value) -> text.append(at).append(' ').append(value).append('\n'));
    snapshots.write(SNAPSHOT, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** After a restart: the signals kept before it (a damaged line is skipped). */
  void restore() {
    snapshots
        .read(SNAPSHOT)
        .ifPresent(
            bytes -> {
              for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length != 2) {
                  continue;
                }
                try {
                  byStart.put(Instant.parse(parts[0]), Integer.parseInt(parts[1]));
                } catch (DateTimeException | NumberFormatException e) {
                  // not a line this class wrote; the others still count
                }
              }
            });
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
