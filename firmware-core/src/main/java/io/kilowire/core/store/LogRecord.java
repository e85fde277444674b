package io.kilowire.core.store;

import java.util.Arrays;

/** One record of a {@link RecordLog}: its sequence number and its bytes (copied in and out). */
public record LogRecord(long seq, byte[] payload) {
  public LogRecord {
    payload = payload.clone();
  }

  /** A copy of the record's bytes. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The record's length in bytes. */
  public int length() {
    return payload.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogRecord that
        && seq == that.seq
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LogRecord[seq=" + seq + ", " + payload.length + " bytes]";
  }
}
