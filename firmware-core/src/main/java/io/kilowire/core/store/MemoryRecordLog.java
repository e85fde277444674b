package io.kilowire.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A {@link RecordLog} in memory, for tests and non-persistent emulator runs: nothing survives. */
public final class MemoryRecordLog implements RecordLog {
  private final List<byte[]> records = new ArrayList<>();
  private long firstSeq = 1;
  private boolean closed;

  @Override
  public synchronized long append(byte[] record) {
    Objects.requireNonNull(record, "record");
    checkOpen();
    if (record.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "record of " + record.length + " bytes exceeds " + MAX_RECORD_BYTES);
    }
    records.add(record.clone());
    return firstSeq + records.size() - 1;
  }

  @Override
  public synchronized List<LogRecord> readFrom(long seq, int maxRecords) {
    checkOpen();
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must not be negative: " + maxRecords);
    }
    long from = Math.max(seq, firstSeq);
    List<LogRecord> out = new ArrayList<>();
    for (long s = from; s < nextSeqLocked() && out.size() < maxRecords; s++) {
      out.add(new LogRecord(s, records.get((int) (s - firstSeq))));
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized void discardThrough(long seq) {
    checkOpen();
    if (seq >= nextSeqLocked()) {
      throw new IllegalArgumentException(
          "cannot discard through " + seq + ": the next sequence number is " + nextSeqLocked());
    }
    if (seq < firstSeq) {
      return;
    }
    records.subList(0, (int) (seq - firstSeq + 1)).clear();
    firstSeq = seq + 1;
  }

  @Override
  public synchronized long firstSeq() {
    checkOpen();
    return firstSeq;
  }

  @Override
  public synchronized long nextSeq() {
    checkOpen();
    return nextSeqLocked();
  }

  @Override
  public synchronized long size() {
    checkOpen();
    return records.size();
  }

  @Override
  public synchronized void sync() {
    checkOpen();
  }

  @Override
  public synchronized RecoveryReport recovery() {
    checkOpen();
    return RecoveryReport.clean(0);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private long nextSeqLocked() {
    return firstSeq + records.size();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("record log is closed");
    }
  }
}
