package io.kilowire.core.store.file;

import java.io.PrintStream;
import java.nio.file.Path;

/** Crash-test child: rewrites one snapshot until killed and prints each version once written. */
public final class SnapshotWriterChild {
  private static final int MAX_WRITES = 20_000;

  private SnapshotWriterChild() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try (FileSnapshotStore store = new FileSnapshotStore(Path.of(args[0]))) {
      for (long version = 1; version <= MAX_WRITES && !out.checkError(); version++) {
        store.write(CrashPayloads.SNAPSHOT, CrashPayloads.snapshot(version));
        out.println(version);
        out.flush();
      }
    }
  }
}
