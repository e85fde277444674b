package io.kilowire.core.store.file;

import io.kilowire.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file of a {@link FileRecordLog} and the index of the records in it (sequence number
 * and offset of each, the first not yet discarded). A segment is named after the sequence number of
 * its first record, 19 digits.
 */
final class LogSegment {
  private static final Pattern NAME = Pattern.compile("(\\d{19})\\.log");

  final Path path;
  final long baseSeq;

  /** Bytes of valid frames; where the next frame goes if this is the active segment. */
  long size;

  long[] seqs = new long[16];
  long[] offsets = new long[16];

  /** Records indexed. */
  int count;

  /** Index of the first record not discarded. */
  int head;

  LogSegment(Path path, long baseSeq) {
    this.path = path;
    this.baseSeq = baseSeq;
  }

  void add(long seq, long offset) {
    if (count == seqs.length) {
      seqs = Arrays.copyOf(seqs, count * 2);
      offsets = Arrays.copyOf(offsets, count * 2);
    }
    seqs[count] = seq;
    offsets[count] = offset;
    count++;
  }

  int retained() {
    return count - head;
  }

  long lastSeq() {
    return seqs[count - 1];
  }

  /** Index of the first retained record with a sequence number of at least {@code seq}. */
  int indexOf(long seq) {
    int i = Arrays.binarySearch(seqs, head, count, seq);
    return i >= 0 ? i : -i - 1;
  }

  /** Marks records through {@code seq} discarded; returns how many were retained. */
  int discardThrough(long seq) {
    int before = head;
    head = Math.max(head, indexOf(seq + 1));
    return head - before;
  }

  /** The file name of the segment whose first record is {@code baseSeq}. */
  static String fileName(long baseSeq) {
    return String.format(Locale.ROOT, "%019d.log", baseSeq);
  }

  /** Whether {@code name} is a segment's file name. */
  static boolean isSegmentName(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() && isPositiveLong(m.group(1));
  }

  private static boolean isPositiveLong(String digits) {
    try {
      return Long.parseLong(digits) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The sequence number of a segment's first record, from its file name. */
  static long baseSeqOf(Path segmentFile) {
    String name = segmentFile.getFileName().toString();
    return Long.parseLong(name.substring(0, name.indexOf('.')));
  }

  /** The whole segment file; a segment too large to hold in memory is a store failure. */
  static byte[] readWhole(Path path) {
    try {
      long size = Files.size(path);
      if (size > Integer.MAX_VALUE - 64) {
        throw new StoreException(path.toString(), "segment of " + size + " bytes is too large");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new StoreException(path.toString(), "cannot read segment", e);
    }
  }
}
