package io.kilowire.core.store;

import java.util.List;

/**
 * What opening a {@link RecordLog} found.
 *
 * @param recordsRecovered retained (not yet discarded) records that are readable
 * @param tornTailBytes bytes cut off the end of the log: the remains of a write that a crash or
 *     power cut interrupted, or anything unreadable after the last good record
 * @param skipped unreadable regions in the middle of the log, stepped over so that the records
 *     after them survive
 * @param lostSeqs sequence numbers that were acknowledged once but are no longer readable, because
 *     they lay in a skipped region
 */
public record RecoveryReport(
    long recordsRecovered,
    long tornTailBytes,
    List<SkippedRegion> skipped,
    List<SeqRange> lostSeqs) {
  public RecoveryReport {
    skipped = List.copyOf(skipped);
    lostSeqs = List.copyOf(lostSeqs);
  }

  /** A report for a log that found nothing wrong. */
  public static RecoveryReport clean(long recordsRecovered) {
    return new RecoveryReport(recordsRecovered, 0, List.of(), List.of());
  }

  /** Whether opening found no damage at all. */
  public boolean isClean() {
    return tornTailBytes == 0 && skipped.isEmpty() && lostSeqs.isEmpty();
  }

  /** How many acknowledged records were lost to damage. */
  public long lostRecords() {
    return lostSeqs.stream().mapToLong(SeqRange::count).sum();
  }

  /**
   * An unreadable region that was skipped.
   *
   * @param file where it lies (a file name for file-backed logs)
   * @param offset its first byte within that file
   * @param length its length in bytes
   * @param reason why the first frame in it was rejected
   */
  public record SkippedRegion(String file, long offset, long length, String reason) {}

  /** Sequence numbers {@code first} to {@code last}, both included. */
  public record SeqRange(long first, long last) {
    public SeqRange {
      if (last < first) {
        throw new IllegalArgumentException("empty range " + first + ".." + last);
      }
    }

    public long count() {
      return last - first + 1;
    }
  }
}
