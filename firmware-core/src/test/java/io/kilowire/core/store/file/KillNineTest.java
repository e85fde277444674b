package io.kilowire.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.store.LogRecord;
import io.kilowire.core.store.RecoveryReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes to a store and is killed with SIGKILL at an arbitrary moment; whatever it was
 * told is stored must still be there, intact, and nothing else may be returned.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KillNineTest {
  private static final int LOG_ACKS_BEFORE_KILL = 1000;
  private static final int SNAPSHOT_ACKS_BEFORE_KILL = 50;

  @TempDir Path dir;

  private Process start(Class<?> main, Path storeDir) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            main.getName(),
            storeDir.toString())
        .redirectError(dir.resolve(main.getSimpleName() + ".err").toFile())
        .start();
  }

  private String stderrOf(Class<?> main) throws IOException {
    return Files.readString(dir.resolve(main.getSimpleName() + ".err"));
  }

  private static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exits after SIGKILL").isTrue();
    assertThat(child.exitValue()).as("exit status of a killed child").isNotZero();
  }

  @Test
  void everyAcknowledgedRecordSurvivesTheWriterBeingKilled() throws Exception {
    Path logDir = dir.resolve("log");
    long lastAppend = 0;
    long lastDiscard = 0;
    Process child = start(LogAppenderChild.class, logDir);
    try (BufferedReader acks =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      for (int appends = 0; appends < LOG_ACKS_BEFORE_KILL; ) {
        String line = acks.readLine();
        assertThat(line)
            .as("child output; stderr: %s", stderrOf(LogAppenderChild.class))
            .isNotNull();
        if (line.startsWith("D ")) {
          lastDiscard = Long.parseLong(line.substring(2));
        } else {
          lastAppend = Long.parseLong(line);
          appends++;
        }
        if (appends == 1) {
          assertThatThrownBy(() -> new FileRecordLog(logDir, CrashPayloads.LOG_OPTIONS))
              .as("the running child holds the lock")
              .isInstanceOf(StoreLockedException.class)
              .hasMessageContaining("another process (pid " + child.pid() + ")");
        }
      }
      kill(child);
    } finally {
      child.destroyForcibly();
    }

    try (FileRecordLog log = new FileRecordLog(logDir, CrashPayloads.LOG_OPTIONS)) {
      RecoveryReport report = log.recovery();
      assertThat(report.skipped()).isEmpty();
      assertThat(report.lostSeqs()).isEmpty();
      long first = log.firstSeq();
      long last = log.nextSeq() - 1;
      assertThat(first - 1).as("discarded through").isGreaterThanOrEqualTo(lastDiscard);
      assertThat((first - 1) % CrashPayloads.DISCARD_EVERY).isZero();
      assertThat(last).as("last record").isGreaterThanOrEqualTo(lastAppend);
      List<LogRecord> records = log.readFrom(0);
      assertThat(records).hasSize(Math.toIntExact(last - first + 1));
      for (int i = 0; i < records.size(); i++) {
        LogRecord record = records.get(i);
        assertThat(record.seq()).isEqualTo(first + i);
        assertThat(record.payload())
            .as("record %d", record.seq())
            .isEqualTo(CrashPayloads.record(record.seq()));
      }
      // The log goes on where the child stopped.
      assertThat(log.append(new byte[] {1})).isEqualTo(last + 1);
    }
    assertThat(StoreFiles.segments(logDir)).hasSizeLessThan(10);
  }

  @Test
  void aSnapshotRewrittenUntilTheWriterIsKilledIsExactlyOneWrittenVersion() throws Exception {
    Path storeDir = dir.resolve("snapshots");
    long lastWrite = 0;
    Process child = start(SnapshotWriterChild.class, storeDir);
    try (BufferedReader acks =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      while (lastWrite < SNAPSHOT_ACKS_BEFORE_KILL) {
        String line = acks.readLine();
        assertThat(line)
            .as("child output; stderr: %s", stderrOf(SnapshotWriterChild.class))
            .isNotNull();
        lastWrite = Long.parseLong(line);
      }
      kill(child);
    } finally {
      child.destroyForcibly();
    }

    try (FileSnapshotStore store = new FileSnapshotStore(storeDir)) {
      assertThat(store.recovery().damaged()).isEmpty();
      assertThat(store.names()).containsExactly(CrashPayloads.SNAPSHOT);
      byte[] data = store.read(CrashPayloads.SNAPSHOT).orElseThrow();
      long version = CrashPayloads.versionOf(data);
      assertThat(version).isGreaterThanOrEqualTo(lastWrite);
      assertThat(data).isEqualTo(CrashPayloads.snapshot(version));
    }
    assertThat(StoreFiles.filesEndingWith(storeDir, ".tmp")).isEmpty();
  }
}
