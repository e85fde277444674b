package io.kilowire.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.store.LogRecord;
import io.kilowire.core.store.RecoveryReport;
import io.kilowire.core.store.file.FileRecordLog.Durability;
import io.kilowire.core.store.file.FileRecordLog.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded random runs: the file log against a model, and against random damage. */
class FileRecordLogPropertyTest {
  private static final Options SMALL = Options.defaults().withSegmentBytes(512);

  @TempDir Path dir;

  private static byte[] randomRecord(Random random) {
    byte[] data = new byte[random.nextInt(300)];
    random.nextBytes(data);
    return data;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void appendsDiscardsAndReopensMatchASimpleModel(long seed) {
    Random random = new Random(seed);
    Options options =
        SMALL.withDurability(seed % 2 == 0 ? Durability.EVERY_WRITE : Durability.ON_SYNC);
    TreeMap<Long, byte[]> model = new TreeMap<>();
    long next = 1;
    FileRecordLog log = new FileRecordLog(dir, options);
    try {
      for (int op = 0; op < 200; op++) {
        int choice = random.nextInt(10);
        if (choice < 6) {
          byte[] data = randomRecord(random);
          assertThat(log.append(data)).isEqualTo(next);
          model.put(next++, data);
        } else if (choice < 8) {
          long first = model.isEmpty() ? next : model.firstKey();
          long through = first - 1 + random.nextInt((int) (next - first) + 1);
          log.discardThrough(through);
          model.headMap(through, true).clear();
        } else if (choice < 9) {
          log.close();
          log = new FileRecordLog(dir, options);
          assertThat(log.recovery().isClean()).isTrue();
        } else {
          long from = next - random.nextInt(20);
          int limit = random.nextInt(10);
          List<LogRecord> read = log.readFrom(from, limit);
          List<Map.Entry<Long, byte[]>> expected =
              model.tailMap(from, true).entrySet().stream().limit(limit).toList();
          assertThat(read).hasSameSizeAs(expected);
          for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i))
                .isEqualTo(new LogRecord(expected.get(i).getKey(), expected.get(i).getValue()));
          }
        }
        assertThat(log.nextSeq()).isEqualTo(next);
        assertThat(log.firstSeq()).isEqualTo(model.isEmpty() ? next : model.firstKey());
        assertThat(log.size()).isEqualTo(model.size());
      }
    } finally {
      log.close();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void randomDamageNeverYieldsAWrongRecordAndLosesOnlyWhatItHit(long seed) {
    Random random = new Random(seed);
    TreeMap<Long, byte[]> written = new TreeMap<>();
    Path logDir = dir.resolve("log");
    try (FileRecordLog log = new FileRecordLog(logDir, SMALL)) {
      for (int i = 0; i < 60; i++) {
        byte[] data = randomRecord(random);
        written.put(log.append(data), data);
      }
    }
    List<Path> segments = StoreFiles.segments(logDir);
    int hits = 1 + random.nextInt(4);
    for (int i = 0; i < hits; i++) {
      Path segment = segments.get(random.nextInt(segments.size()));
      long size = StoreFiles.size(segment);
      if (size > 0) {
        StoreFiles.flipByte(segment, random.nextInt((int) size));
      }
    }

    try (FileRecordLog log = new FileRecordLog(logDir, SMALL)) {
      RecoveryReport report = log.recovery();
      List<LogRecord> read = log.readFrom(0);
      for (LogRecord record : read) {
        assertThat(record).isEqualTo(new LogRecord(record.seq(), written.get(record.seq())));
      }
      // Each flipped byte can cost at most the record it hit (or, in the newest segment, its tail).
      assertThat(report.skipped().size()).isLessThanOrEqualTo(hits);
      long missing = written.size() - read.size();
      assertThat(missing).isGreaterThanOrEqualTo(report.lostRecords());
      if (report.tornTailBytes() == 0) {
        assertThat(missing).isEqualTo(report.lostRecords()).isLessThanOrEqualTo(hits);
      }
    }
  }
}
