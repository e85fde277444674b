package io.kilowire.core.store;

import io.kilowire.core.store.file.FileRecordLog;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on files, with tiny segments so that most tests span several of them. */
class FileRecordLogContractTest extends RecordLogContract {
  @TempDir Path dir;

  @Override
  protected RecordLog newLog() {
    return new FileRecordLog(dir, FileRecordLog.Options.defaults().withSegmentBytes(256));
  }
}
