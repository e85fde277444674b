package io.kilowire.core.store;

import java.util.List;

/**
 * An append-only, ordered log of opaque records, each numbered by a sequence number that only
 * grows. The transaction-message queue persists a message here before it is sent and discards the
 * delivered prefix once the CSMS confirmed it.
 *
 * <p>Sequence numbers start at 1 and are never given out twice, not even after a discard and a
 * reopen. The one exception is an append that never returned (the process died inside it): it did
 * not happen, and its number is given to the next append.
 *
 * <p>Implementations are safe for use by several threads; each call is atomic.
 */
public interface RecordLog extends AutoCloseable {
  /** The largest record an implementation accepts. */
  int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  /**
   * Adds a record at the end and returns its sequence number. When it returns the record is durable
   * (unless the implementation was configured to make it durable on {@link #sync()} only).
   *
   * @throws IllegalArgumentException if the record exceeds {@link #MAX_RECORD_BYTES}
   * @throws StoreException if it could not be stored; the log then refuses further writes
   */
  long append(byte[] record);

  /** All retained records with a sequence number of at least {@code seq}, oldest first. */
  default List<LogRecord> readFrom(long seq) {
    return readFrom(seq, Integer.MAX_VALUE);
  }

  /** At most {@code maxRecords} retained records from {@code seq} on, oldest first. */
  List<LogRecord> readFrom(long seq, int maxRecords);

  /**
   * Drops every record up to and including {@code seq}; they are never returned again, also not
   * after a reopen. Discarding below {@link #firstSeq()} does nothing.
   *
   * @throws IllegalArgumentException if {@code seq} was not given out yet ({@code >= nextSeq()})
   */
  void discardThrough(long seq);

  /** The sequence number of the oldest retained record, or {@link #nextSeq()} if none is. */
  long firstSeq();

  /** The sequence number the next {@link #append} will return. */
  long nextSeq();

  /** How many records are retained. */
  long size();

  default boolean isEmpty() {
    return size() == 0;
  }

  /** Makes every earlier append and discard durable; a no-op where each already is. */
  void sync();

  /** What opening the log found: records recovered and any damage that was cut off or skipped. */
  RecoveryReport recovery();

  /** Releases the log; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  void close();
}
