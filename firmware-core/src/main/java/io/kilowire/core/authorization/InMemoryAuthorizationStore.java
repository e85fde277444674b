package io.kilowire.core.authorization;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link AuthorizationStore} in memory; copies blobs in and out so callers cannot alter them.
 */
public final class InMemoryAuthorizationStore implements AuthorizationStore {
  private final Map<String, byte[]> blobs = new TreeMap<>();
  private int writes;

  @Override
  public Optional<byte[]> read(String name) {
    byte[] data = blobs.get(name);
    return data == null ? Optional.empty() : Optional.of(data.clone());
  }

  @Override
  public void write(String name, byte[] data) {
    blobs.put(name, data.clone());
    writes++;
  }

  /** How many writes this store has taken. */
  public int writeCount() {
    return writes;
  }
}
