package io.kilowire.core.store.file;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Crash-test child: appends records until killed and prints each sequence number once {@code
 * append} returned ("D n" after a discard through n).
 */
public final class LogAppenderChild {
  private static final int MAX_APPENDS = 200_000;

  private LogAppenderChild() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try (FileRecordLog log = new FileRecordLog(Path.of(args[0]), CrashPayloads.LOG_OPTIONS)) {
      // Stops on its own if the parent went away without killing it.
      for (int i = 0; i < MAX_APPENDS && !out.checkError(); i++) {
        long seq = log.append(CrashPayloads.record(log.nextSeq()));
        out.println(seq);
        out.flush();
        if (seq % CrashPayloads.DISCARD_EVERY == 0 && seq > CrashPayloads.DISCARD_LAG) {
          log.discardThrough(seq - CrashPayloads.DISCARD_LAG);
          out.println("D " + (seq - CrashPayloads.DISCARD_LAG));
          out.flush();
        }
      }
    }
  }
}
