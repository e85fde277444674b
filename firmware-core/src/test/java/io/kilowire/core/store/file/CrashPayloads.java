package io.kilowire.core.store.file;

import java.nio.ByteBuffer;

/** The data the crash-test children write, derived from a number so the parent can check it. */
final class CrashPayloads {
  static final FileRecordLog.Options LOG_OPTIONS =
      FileRecordLog.Options.defaults().withSegmentBytes(16 * 1024);
  static final String SNAPSHOT = "state";

  /**
   * The child discards through {@code seq - DISCARD_LAG} after each append whose seq is a multiple
   * of this.
   */
  static final int DISCARD_EVERY = 50;

  static final int DISCARD_LAG = 100;

  private CrashPayloads() {}

  /** The record the log child appends as number {@code seq}: 20 to 519 bytes. */
  static byte[] record(long seq) {
    byte[] data = new byte[20 + (int) ((seq * 37) % 500)];
    fill(data, seq);
    return data;
  }

  /** Version {@code version} of the snapshot: alternately 256 KiB and about 160 KiB. */
  static byte[] snapshot(long version) {
    byte[] data = new byte[version % 2 == 0 ? 256 * 1024 : 160 * 1024 + (int) (version % 7) * 1000];
    fill(data, version);
    return data;
  }

  static long versionOf(byte[] snapshot) {
    return ByteBuffer.wrap(snapshot).getLong(0);
  }

  private static void fill(byte[] data, long n) {
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (n * 31 + i * 7);
    }
    if (data.length >= 8) {
      ByteBuffer.wrap(data).putLong(0, n);
    }
  }
}
