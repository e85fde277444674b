package io.kilowire.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.store.LogRecord;
import io.kilowire.core.store.RecoveryReport;
import io.kilowire.core.store.RecoveryReport.SeqRange;
import io.kilowire.core.store.RecoveryReport.SkippedRegion;
import io.kilowire.core.store.file.FileRecordLog.Durability;
import io.kilowire.core.store.file.FileRecordLog.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file-backed log does: survive reopening, crashes and damaged media. */
class FileRecordLogTest {
  /** Frames of 24 header bytes + 50 payload bytes: two fit a 200-byte segment, three do not. */
  private static final Options TWO_PER_SEGMENT = Options.defaults().withSegmentBytes(200);

  @TempDir Path dir;

  private static byte[] record(long seq) {
    String text = "record " + seq + " " + "x".repeat(50);
    return text.substring(0, 50).getBytes(StandardCharsets.US_ASCII);
  }

  private static void appendRecords(FileRecordLog log, int count) {
    for (int i = 0; i < count; i++) {
      log.append(record(log.nextSeq()));
    }
  }

  private static List<Long> seqs(List<LogRecord> records) {
    List<Long> out = new ArrayList<>();
    for (LogRecord r : records) {
      assertThat(r.payload()).as("payload of record %d", r.seq()).isEqualTo(record(r.seq()));
      out.add(r.seq());
    }
    return out;
  }

  /** Writes records 1..count into {@code logDir}; returns the segment's size before the last. */
  private static long logWithRecords(Path logDir, int count) {
    long sizeBeforeLast;
    try (FileRecordLog log = new FileRecordLog(logDir)) {
      appendRecords(log, count - 1);
      sizeBeforeLast = StoreFiles.size(StoreFiles.segments(logDir).get(0));
      appendRecords(log, 1);
    }
    return sizeBeforeLast;
  }

  @Test
  void recordsSurviveAReopenWithTheirNumbers() {
    try (FileRecordLog log = new FileRecordLog(dir)) {
      appendRecords(log, 5);
    }

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(log.nextSeq()).isEqualTo(6);
      assertThat(log.recovery()).isEqualTo(RecoveryReport.clean(5));
    }
  }

  @Test
  void discardedRecordsStayDiscardedAfterAReopenAndNumbersAreNeverReused() {
    try (FileRecordLog log = new FileRecordLog(dir)) {
      appendRecords(log, 10);
      log.discardThrough(4);
    }
    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.firstSeq()).isEqualTo(5);
      assertThat(seqs(log.readFrom(1))).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
      log.discardThrough(10);
    }

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.isEmpty()).isTrue();
      assertThat(log.firstSeq()).isEqualTo(11);
      assertThat(log.nextSeq()).isEqualTo(11);
      assertThat(log.append(record(11))).isEqualTo(11);
    }
  }

  @Test
  void aFullSegmentRollsOverAndSegmentsAreDeletedOnceEverythingInThemIsDiscarded() {
    try (FileRecordLog log = new FileRecordLog(dir, TWO_PER_SEGMENT)) {
      appendRecords(log, 10);
      assertThat(StoreFiles.segments(dir))
          .extracting(p -> p.getFileName().toString())
          .containsExactly(
              "0000000000000000001.log",
              "0000000000000000003.log",
              "0000000000000000005.log",
              "0000000000000000007.log",
              "0000000000000000009.log");

      log.discardThrough(3);
      assertThat(StoreFiles.segments(dir)).hasSize(4);
      assertThat(seqs(log.readFrom(1))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);

      log.discardThrough(10);
      assertThat(StoreFiles.segments(dir)).hasSize(1);
    }

    try (FileRecordLog log = new FileRecordLog(dir, TWO_PER_SEGMENT)) {
      assertThat(log.isEmpty()).isTrue();
      assertThat(log.nextSeq()).isEqualTo(11);
      assertThat(log.append(record(11))).isEqualTo(11);
      assertThat(seqs(log.readFrom(1))).containsExactly(11L);
    }
  }

  @Test
  void aRecordLargerThanASegmentGetsASegmentOfItsOwn() {
    byte[] big = new byte[1000];
    try (FileRecordLog log = new FileRecordLog(dir, TWO_PER_SEGMENT)) {
      log.append(record(1));
      log.append(big);
      log.append(record(3));
      assertThat(StoreFiles.segments(dir)).hasSize(3);
    }
    try (FileRecordLog log = new FileRecordLog(dir, TWO_PER_SEGMENT)) {
      assertThat(log.readFrom(2, 1)).containsExactly(new LogRecord(2, big));
      assertThat(log.size()).isEqualTo(3);
    }
  }

  @Test
  void aLogCutShortAnywhereInsideItsLastRecordKeepsEveryEarlierRecordAndReportsTheTornTail() {
    Path original = dir.resolve("original");
    long lastStart = logWithRecords(original, 4);
    Path segment = StoreFiles.segments(original).get(0);
    byte[] full = StoreFiles.read(segment);
    assertThat(full.length - lastStart).isEqualTo(74);

    for (int cut = (int) lastStart; cut < full.length; cut++) {
      Path copy = dir.resolve("cut-" + cut);
      StoreFiles.write(copy.resolve(segment.getFileName()), java.util.Arrays.copyOf(full, cut));

      try (FileRecordLog log = new FileRecordLog(copy)) {
        RecoveryReport report = log.recovery();
        assertThat(report.tornTailBytes())
            .as("torn bytes at cut %d", cut)
            .isEqualTo(cut - lastStart);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.lostSeqs()).isEmpty();
        assertThat(report.recordsRecovered()).isEqualTo(3);
        assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 3L);
        // The interrupted append never returned, so its number is given out again.
        assertThat(log.append(record(4))).isEqualTo(4);
      }
      try (FileRecordLog log = new FileRecordLog(copy)) {
        assertThat(log.recovery().isClean()).as("second open after cut %d", cut).isTrue();
        assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 3L, 4L);
      }
    }
  }

  @Test
  void aFlippedByteAnywhereInAMiddleRecordLosesOnlyThatRecord() {
    Path original = dir.resolve("original");
    logWithRecords(original, 5);
    Path segment = StoreFiles.segments(original).get(0);
    byte[] full = StoreFiles.read(segment);
    int frame = 74;
    int thirdStart = 2 * frame;

    for (int at = thirdStart; at < thirdStart + frame; at++) {
      byte[] damaged = full.clone();
      damaged[at] ^= (byte) 0xFF;
      Path copy = dir.resolve("flip-" + at);
      StoreFiles.write(copy.resolve(segment.getFileName()), damaged);

      try (FileRecordLog log = new FileRecordLog(copy)) {
        RecoveryReport report = log.recovery();
        assertThat(report.skipped())
            .as("skipped regions after flipping byte %d", at)
            .singleElement()
            .satisfies(
                region -> {
                  assertThat(region.file()).isEqualTo(segment.getFileName().toString());
                  assertThat(region.offset()).isEqualTo(thirdStart);
                  assertThat(region.length()).isEqualTo(frame);
                });
        assertThat(report.lostSeqs()).containsExactly(new SeqRange(3, 3));
        assertThat(report.tornTailBytes()).isZero();
        assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 4L, 5L);
        assertThat(log.append(record(6))).isEqualTo(6);
      }
    }
  }

  @Test
  void theDamageIsStillReportedOnLaterOpensAndAppendsAfterItSurvive() {
    logWithRecords(dir, 5);
    StoreFiles.flipByte(StoreFiles.segments(dir).get(0), 2 * 74 + 30);
    try (FileRecordLog log = new FileRecordLog(dir)) {
      log.append(record(6));
    }

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.recovery().skipped()).hasSize(1);
      assertThat(log.recovery().skipped().get(0).reason()).isEqualTo("checksum mismatch");
      assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 4L, 5L, 6L);
    }
  }

  @Test
  void garbageAfterTheLastRecordIsCutOffAndReported() {
    logWithRecords(dir, 3);
    byte[] garbage = new byte[1000];
    new Random(42).nextBytes(garbage);
    StoreFiles.append(StoreFiles.segments(dir).get(0), garbage);

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.recovery().tornTailBytes()).isEqualTo(1000);
      assertThat(log.recovery().skipped()).isEmpty();
      assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 3L);
      assertThat(log.append(record(4))).isEqualTo(4);
    }
    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.recovery().isClean()).isTrue();
    }
  }

  @Test
  void aZeroFilledTailLeftByAPowerCutIsCutOffAndReported() {
    logWithRecords(dir, 3);
    StoreFiles.append(StoreFiles.segments(dir).get(0), new byte[4096]);

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.recovery().tornTailBytes()).isEqualTo(4096);
      assertThat(log.recovery().skipped()).isEmpty();
      assertThat(log.recovery().lostSeqs()).isEmpty();
      assertThat(seqs(log.readFrom(1))).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void damageAtTheEndOfAnOlderSegmentLosesOnlyTheRecordInItAndLaterSegmentsSurvive() {
    try (FileRecordLog log = new FileRecordLog(dir, TWO_PER_SEGMENT)) {
      appendRecords(log, 6);
    }
    Path first = StoreFiles.segments(dir).get(0);
    StoreFiles.flipByte(first, 74 + 60);

    try (FileRecordLog log = new FileRecordLog(dir, TWO_PER_SEGMENT)) {
      RecoveryReport report = log.recovery();
      assertThat(report.skipped())
          .containsExactly(
              new SkippedRegion(first.getFileName().toString(), 74, 74, "checksum mismatch"));
      assertThat(report.lostSeqs()).containsExactly(new SeqRange(2, 2));
      assertThat(report.lostRecords()).isEqualTo(1);
      assertThat(report.tornTailBytes()).isZero();
      assertThat(seqs(log.readFrom(1))).containsExactly(1L, 3L, 4L, 5L, 6L);
    }
  }

  @Test
  void damageInAlreadyDiscardedRecordsLosesNothing() {
    try (FileRecordLog log = new FileRecordLog(dir)) {
      appendRecords(log, 4);
      log.discardThrough(2);
    }
    StoreFiles.flipByte(StoreFiles.segments(dir).get(0), 10);

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.recovery().lostSeqs()).isEmpty();
      assertThat(log.recovery().skipped()).hasSize(1);
      assertThat(seqs(log.readFrom(1))).containsExactly(3L, 4L);
    }
  }

  @Test
  void aRecordDamagedWhileTheLogIsOpenIsNeverReturned() {
    try (FileRecordLog log = new FileRecordLog(dir)) {
      appendRecords(log, 3);
      StoreFiles.flipByte(StoreFiles.segments(dir).get(0), 74 + 40);

      assertThat(seqs(log.readFrom(1))).containsExactly(1L, 3L);
    }
  }

  @Test
  void appendsWithDurabilityOnSyncSurviveSyncAndClose() {
    Options onSync = TWO_PER_SEGMENT.withDurability(Durability.ON_SYNC);
    try (FileRecordLog log = new FileRecordLog(dir, onSync)) {
      appendRecords(log, 3);
      log.sync();
      appendRecords(log, 2);
      log.discardThrough(1);
    }

    try (FileRecordLog log = new FileRecordLog(dir, onSync)) {
      assertThat(seqs(log.readFrom(1))).containsExactly(2L, 3L, 4L, 5L);
      assertThat(log.recovery().isClean()).isTrue();
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedWithAClearMessage() throws Exception {
    try (FileRecordLog log = new FileRecordLog(dir)) {
      log.append(record(1));

      assertThatThrownBy(() -> new FileRecordLog(dir))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("already open in this process")
          .hasMessageContaining(dir.toRealPath().toString());
      assertThatThrownBy(() -> new FileSnapshotStore(dir)).isInstanceOf(StoreLockedException.class);
      // The refused opens must not have released the first one's lock.
      log.append(record(2));
    }

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.size()).isEqualTo(2);
    }
  }

  @Test
  void filesThatAreNotSegmentsAreLeftAlone() {
    logWithRecords(dir, 2);
    StoreFiles.write(dir.resolve("README.txt"), "notes".getBytes(StandardCharsets.US_ASCII));

    try (FileRecordLog log = new FileRecordLog(dir)) {
      assertThat(log.size()).isEqualTo(2);
      assertThat(log.recovery().isClean()).isTrue();
    }
    assertThat(dir.resolve("README.txt")).exists();
  }

  @Test
  void segmentSizesOutsideTheBoundsAreRefused() {
    assertThatThrownBy(() -> Options.defaults().withSegmentBytes(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segmentBytes");
    assertThatThrownBy(() -> Options.defaults().withSegmentBytes(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
