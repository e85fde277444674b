package io.kilowire.core.station;

import io.kilowire.core.configuration.ConfigurationStore;
import io.kilowire.core.store.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the configuration as one atomically replaced snapshot. */
public final class SnapshotConfigurationStore implements ConfigurationStore {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotConfigurationStore.class);
  private static final String NAME = "configuration";

  private final SnapshotStore snapshots;

  public SnapshotConfigurationStore(SnapshotStore snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Map<String, String> load() {
    Optional<byte[]> data = snapshots.read(NAME);
    if (data.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data.get()))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        values.put(in.readUTF(), in.readUTF());
      }
    } catch (IOException e) {
      LOG.error("saved configuration is damaged; using defaults", e);
      return Map.of();
    }
    return values;
  }

  @Override
  public void save(Map<String, String> values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(values.size());
      for (Map.Entry<String, String> e : values.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    snapshots.write(NAME, bytes.toByteArray());
  }
}
