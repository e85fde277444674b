package io.kilowire.core.store;

import io.kilowire.core.store.file.FileSnapshotStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreContractTest extends SnapshotStoreContract {
  @TempDir Path dir;

  @Override
  protected SnapshotStore newStore() {
    return new FileSnapshotStore(dir);
  }
}
