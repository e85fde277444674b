package io.kilowire.core.store;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** A {@link SnapshotStore} in memory, for tests and non-persistent emulator runs. */
public final class MemorySnapshotStore implements SnapshotStore {
  private final TreeMap<String, byte[]> blobs = new TreeMap<>();
  private boolean closed;

  @Override
  public synchronized void write(String name, byte[] data) {
    SnapshotStore.requireValidName(name);
    Objects.requireNonNull(data, "data");
    checkOpen();
    if (data.length > MAX_SNAPSHOT_BYTES) {
      throw new IllegalArgumentException(
          "snapshot of " + data.length + " bytes exceeds " + MAX_SNAPSHOT_BYTES);
    }
    blobs.put(name, data.clone());
  }

  @Override
  public synchronized Optional<byte[]> read(String name) {
    SnapshotStore.requireValidName(name);
    checkOpen();
    return Optional.ofNullable(blobs.get(name)).map(byte[]::clone);
  }

  @Override
  public synchronized boolean delete(String name) {
    SnapshotStore.requireValidName(name);
    checkOpen();
    return blobs.remove(name) != null;
  }

  @Override
  public synchronized SortedSet<String> names() {
    checkOpen();
    return Collections.unmodifiableSortedSet(new TreeSet<>(blobs.keySet()));
  }

  @Override
  public synchronized SnapshotRecoveryReport recovery() {
    checkOpen();
    return SnapshotRecoveryReport.clean(0);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("snapshot store is closed");
    }
  }
}
