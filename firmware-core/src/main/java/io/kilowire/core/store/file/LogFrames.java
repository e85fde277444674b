package io.kilowire.core.store.file;

import io.kilowire.core.store.RecordLog;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The frame format of the record log (big-endian):
 *
 * <pre>
 *  0  4  marker FE 4B 4C 01 ("\xFE K L", format version 1)
 *  4  1  kind: 1 record, 2 discard mark
 *  5  3  reserved, zero
 *  8  4  payload length (0 for a discard mark)
 * 12  8  record: its sequence number; discard mark: discarded through this number
 * 20  4  CRC32C over bytes 0..19 and the payload
 * 24  n  payload
 * </pre>
 *
 * 0xFE never occurs in UTF-8, so a JSON payload cannot contain a false marker.
 */
final class LogFrames {
  static final int HEADER_BYTES = 24;
  static final byte KIND_RECORD = 1;
  static final byte KIND_DISCARD = 2;
  private static final byte[] MARKER = {(byte) 0xFE, 'K', 'L', 1};
  private static final int CRC_OFFSET = 20;

  private LogFrames() {}

  static ByteBuffer encode(byte kind, long seq, byte[] payload) {
    byte[] frame = new byte[HEADER_BYTES + payload.length];
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    buffer.put(MARKER).put(kind).put(new byte[3]).putInt(payload.length).putLong(seq);
    System.arraycopy(payload, 0, frame, HEADER_BYTES, payload.length);
    buffer.putInt(CRC_OFFSET, crc(frame, 0, payload.length));
    return ByteBuffer.wrap(frame);
  }

  /** Checks the frame starting at {@code pos}, not reading at or past {@code end}. */
  static Check check(byte[] bytes, int pos, int end) {
    if (end - pos < HEADER_BYTES) {
      return Check.invalid("incomplete frame header");
    }
    if (!markerAt(bytes, pos)) {
      return Check.invalid("no frame marker");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte kind = bytes[pos + 4];
    if (kind != KIND_RECORD && kind != KIND_DISCARD) {
      return Check.invalid("unknown frame kind " + kind);
    }
    if (bytes[pos + 5] != 0 || bytes[pos + 6] != 0 || bytes[pos + 7] != 0) {
      return Check.invalid("reserved header bytes not zero");
    }
    int length = buffer.getInt(pos + 8);
    if (length < 0
        || length > RecordLog.MAX_RECORD_BYTES
        || (kind == KIND_DISCARD && length != 0)) {
      return Check.invalid("implausible payload length " + length);
    }
    if (end - pos - HEADER_BYTES < length) {
      return Check.invalid("frame runs past the end of the file");
    }
    long seq = buffer.getLong(pos + 12);
    if (seq < 1) {
      return Check.invalid("sequence number out of range: " + seq);
    }
    if (buffer.getInt(pos + CRC_OFFSET) != crc(bytes, pos, length)) {
      return Check.invalid("checksum mismatch");
    }
    return new Check(null, kind, seq, length);
  }

  /** The first position at or after {@code from} where a frame marker starts, or {@code end}. */
  static int nextMarker(byte[] bytes, int from, int end) {
    for (int i = from; i + MARKER.length <= end; i++) {
      if (markerAt(bytes, i)) {
        return i;
      }
    }
    return end;
  }

  private static boolean markerAt(byte[] bytes, int pos) {
    return bytes[pos] == MARKER[0]
        && bytes[pos + 1] == MARKER[1]
        && bytes[pos + 2] == MARKER[2]
        && bytes[pos + 3] == MARKER[3];
  }

  private static int crc(byte[] bytes, int pos, int payloadLength) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, pos, CRC_OFFSET);
    crc.update(bytes, pos + HEADER_BYTES, payloadLength);
    return (int) crc.getValue();
  }

  /** The outcome of checking one frame: valid with its fields, or the reason it is not. */
  static final class Check {
    final @Nullable String problem;
    final byte kind;
    final long seq;
    final int payloadLength;

    private Check(@Nullable String problem, byte kind, long seq, int payloadLength) {
      this.problem = problem;
      this.kind = kind;
      this.seq = seq;
      this.payloadLength = payloadLength;
    }

    static Check invalid(String problem) {
      return new Check(problem, (byte) 0, 0, 0);
    }

    boolean valid() {
      return problem == null;
    }

    int frameLength() {
      return HEADER_BYTES + payloadLength;
    }
  }
}
