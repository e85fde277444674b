package io.kilowire.core.authorization;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the cache and the local list survive reboots: named blobs, each replaced as a whole. The
 * shape matches {@code io.kilowire.core.store.SnapshotStore}, so a station backs it with one line:
 * {@code AuthorizationStore.of(snapshots::read, snapshots::write)}.
 *
 * <p>Writing may throw (the store's own unchecked exception); {@link AuthorizationService} then
 * logs and carries on for the cache, and refuses the update for the local list.
 */
public interface AuthorizationStore {
  /** The blob called {@code name}, or empty if there is none. */
  Optional<byte[]> read(String name);

  /** Replaces (or creates) the blob called {@code name}. */
  void write(String name, byte[] data);

  /** A store made of a reader and a writer, such as a SnapshotStore's method references. */
  static AuthorizationStore of(
      Function<String, Optional<byte[]>> reader, BiConsumer<String, byte[]> writer) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(writer, "writer");
    return new AuthorizationStore() {
      @Override
      public Optional<byte[]> read(String name) {
        return reader.apply(name);
      }

      @Override
      public void write(String name, byte[] data) {
        writer.accept(name, data);
      }
    };
  }

  /** A store that keeps blobs in memory: for tests, the emulator, and stations without storage. */
  static InMemoryAuthorizationStore inMemory() {
    return new InMemoryAuthorizationStore();
  }
}
