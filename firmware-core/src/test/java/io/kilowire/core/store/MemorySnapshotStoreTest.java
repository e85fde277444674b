package io.kilowire.core.store;

class MemorySnapshotStoreTest extends SnapshotStoreContract {
  @Override
  protected SnapshotStore newStore() {
    return new MemorySnapshotStore();
  }
}
