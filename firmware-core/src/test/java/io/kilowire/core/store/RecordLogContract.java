package io.kilowire.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RecordLog} does, file-backed or in memory. */
abstract class RecordLogContract {
  private RecordLog log;

  /** A new, empty log. */
  protected abstract RecordLog newLog();

  @BeforeEach
  void openLog() {
    log = newLog();
  }

  @AfterEach
  void closeLog() {
    log.close();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void appendAll(String... texts) {
    for (String text : texts) {
      log.append(bytes(text));
    }
  }

  private static List<String> texts(List<LogRecord> records) {
    List<String> out = new ArrayList<>();
    for (LogRecord record : records) {
      out.add(record.seq() + ":" + new String(record.payload(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void aNewLogIsEmptyAndNumbersFromOne() {
    assertThat(log.firstSeq()).isEqualTo(1);
    assertThat(log.nextSeq()).isEqualTo(1);
    assertThat(log.size()).isZero();
    assertThat(log.isEmpty()).isTrue();
    assertThat(log.readFrom(1)).isEmpty();
    assertThat(log.recovery().isClean()).isTrue();
  }

  @Test
  void appendsAreNumberedConsecutivelyAndReadBackInOrder() {
    assertThat(log.append(bytes("a"))).isEqualTo(1);
    assertThat(log.append(bytes("b"))).isEqualTo(2);
    assertThat(log.append(bytes("c"))).isEqualTo(3);

    assertThat(texts(log.readFrom(1))).containsExactly("1:a", "2:b", "3:c");
    assertThat(log.firstSeq()).isEqualTo(1);
    assertThat(log.nextSeq()).isEqualTo(4);
    assertThat(log.size()).isEqualTo(3);
  }

  @Test
  void readingStartsAtTheGivenNumberAndStopsAtTheLimit() {
    appendAll("a", "b", "c", "d", "e");

    assertThat(texts(log.readFrom(3))).containsExactly("3:c", "4:d", "5:e");
    assertThat(texts(log.readFrom(2, 2))).containsExactly("2:b", "3:c");
    assertThat(log.readFrom(2, 0)).isEmpty();
    assertThat(texts(log.readFrom(0, 1))).containsExactly("1:a");
    assertThat(log.readFrom(6)).isEmpty();
    assertThat(log.readFrom(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void aNegativeLimitIsRefused() {
    assertThatThrownBy(() -> log.readFrom(1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRecords");
  }

  @Test
  void discardingDropsThePrefixAndKeepsTheNumbering() {
    appendAll("a", "b", "c", "d");

    log.discardThrough(2);

    assertThat(log.firstSeq()).isEqualTo(3);
    assertThat(log.nextSeq()).isEqualTo(5);
    assertThat(log.size()).isEqualTo(2);
    assertThat(texts(log.readFrom(1))).containsExactly("3:c", "4:d");
    assertThat(log.append(bytes("e"))).isEqualTo(5);
  }

  @Test
  void discardingBelowTheFirstRetainedRecordDoesNothing() {
    appendAll("a", "b", "c");
    log.discardThrough(2);

    log.discardThrough(1);
    log.discardThrough(0);

    assertThat(texts(log.readFrom(1))).containsExactly("3:c");
    assertThat(log.firstSeq()).isEqualTo(3);
  }

  @Test
  void discardingANumberNotYetGivenOutIsRefused() {
    appendAll("a", "b");

    assertThatThrownBy(() -> log.discardThrough(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("next sequence number is 3");
    assertThat(log.size()).isEqualTo(2);
  }

  @Test
  void discardingEverythingLeavesAnEmptyLogThatContinuesTheNumbering() {
    appendAll("a", "b", "c");

    log.discardThrough(3);

    assertThat(log.isEmpty()).isTrue();
    assertThat(log.firstSeq()).isEqualTo(4);
    assertThat(log.nextSeq()).isEqualTo(4);
    assertThat(log.readFrom(1)).isEmpty();
    assertThat(log.append(bytes("d"))).isEqualTo(4);
    assertThat(texts(log.readFrom(1))).containsExactly("4:d");
  }

  @Test
  void anEmptyRecordIsKeptLikeAnyOther() {
    log.append(new byte[0]);
    log.append(bytes("x"));

    assertThat(log.readFrom(1))
        .containsExactly(new LogRecord(1, new byte[0]), new LogRecord(2, bytes("x")));
  }

  @Test
  void recordsAreCopiedInAndOutSoCallersCannotChangeThem() {
    byte[] data = bytes("abc");
    log.append(data);
    data[0] = 'X';
    log.readFrom(1).get(0).payload()[1] = 'Y';

    assertThat(log.readFrom(1).get(0).payload()).isEqualTo(bytes("abc"));
  }

  @Test
  void aRecordOverTheSizeLimitIsRefused() {
    assertThatThrownBy(() -> log.append(new byte[RecordLog.MAX_RECORD_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds");
    assertThat(log.nextSeq()).isEqualTo(1);
  }

  @Test
  void manyRecordsOfVaryingSizeKeepTheirOrderAndContent() {
    List<byte[]> written = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      byte[] data = new byte[(i * 37) % 300];
      for (int k = 0; k < data.length; k++) {
        data[k] = (byte) (i + k);
      }
      written.add(data);
      log.append(data);
    }
    log.discardThrough(40);

    List<LogRecord> read = log.readFrom(1);
    assertThat(read).hasSize(110);
    for (LogRecord record : read) {
      assertThat(record.payload()).isEqualTo(written.get((int) record.seq() - 1));
    }
  }

  @Test
  void concurrentAppendsGetDistinctConsecutiveNumbers() throws InterruptedException {
    Set<Long> seqs = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  seqs.add(log.append(bytes("x")));
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(seqs).hasSize(100).allSatisfy(seq -> assertThat(seq).isBetween(1L, 100L));
    assertThat(log.readFrom(1)).hasSize(100);
  }

  @Test
  void aClosedLogRefusesEveryCallAndClosingTwiceIsHarmless() {
    log.append(bytes("a"));
    log.close();
    log.close();

    assertThatThrownBy(() -> log.append(bytes("b"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.readFrom(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.discardThrough(1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.nextSeq()).isInstanceOf(IllegalStateException.class);
  }
}
