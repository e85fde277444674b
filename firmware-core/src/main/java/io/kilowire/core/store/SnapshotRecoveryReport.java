package io.kilowire.core.store;

import java.util.List;

/**
 * What opening a {@link SnapshotStore} found.
 *
 * @param snapshots readable snapshots
 * @param tempFilesRemoved half-written replacements left by a crash, deleted (their old values
 *     stand)
 * @param damaged snapshots whose checksum failed: set aside and treated as absent
 */
public record SnapshotRecoveryReport(int snapshots, int tempFilesRemoved, List<String> damaged) {
  public SnapshotRecoveryReport {
    damaged = List.copyOf(damaged);
  }

  public static SnapshotRecoveryReport clean(int snapshots) {
    return new SnapshotRecoveryReport(snapshots, 0, List.of());
  }

  /** Whether opening found nothing to repair. */
  public boolean isClean() {
    return tempFilesRemoved == 0 && damaged.isEmpty();
  }
}
