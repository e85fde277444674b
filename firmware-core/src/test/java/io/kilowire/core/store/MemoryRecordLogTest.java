package io.kilowire.core.store;

class MemoryRecordLogTest extends RecordLogContract {
  @Override
  protected RecordLog newLog() {
    return new MemoryRecordLog();
  }
}
