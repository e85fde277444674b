package io.kilowire.core.store.file;

import io.kilowire.core.store.LogRecord;
import io.kilowire.core.store.RecordLog;
import io.kilowire.core.store.RecoveryReport;
import io.kilowire.core.store.RecoveryReport.SeqRange;
import io.kilowire.core.store.RecoveryReport.SkippedRegion;
import io.kilowire.core.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordLog} in a directory of segment files, each named after the first sequence number
 * it was created for and filled with checksummed frames (see {@link LogFrames}). Appends go to the
 * newest segment; a full one is closed and a new one started; a segment is deleted whole once every
 * record in it is discarded. A discard is itself written as a frame, so it survives a restart.
 *
 * <p>Opening scans every segment: an unreadable tail of the newest one (a write cut short) is cut
 * off; unreadable bytes anywhere else are stepped over to the next valid frame, so later records
 * survive. {@link #recovery()} tells what was found. A record that fails its checksum is never
 * returned.
 *
 * <p>A failed write or fsync leaves the file's state unknown, so the log then refuses further
 * writes until it is reopened (reopening repairs the tail). Reads stay possible.
 */
public final class FileRecordLog implements RecordLog {
  private static final Logger log = LoggerFactory.getLogger(FileRecordLog.class);

  /** When appends and discards reach the disk. */
  public enum Durability {
    /** Each append and discard is fsync'd before it returns (the default). */
    EVERY_WRITE,
    /**
     * Writes reach the disk on {@link FileRecordLog#sync()}, segment rollover and close: faster,
     * but a power cut loses the unsynced ones (a process crash does not).
     */
    ON_SYNC
  }

  /**
   * How the log lays out and syncs its files.
   *
   * @param segmentBytes size at which a segment is closed and a new one started (a single larger
   *     record still fits, alone); between {@link #MIN_SEGMENT_BYTES} and {@link
   *     #MAX_SEGMENT_BYTES}. Opening reads one segment at a time into memory.
   * @param durability when writes are fsync'd
   */
  public record Options(long segmentBytes, Durability durability) {
    public static final long MIN_SEGMENT_BYTES = 64;
    public static final long MAX_SEGMENT_BYTES = 256L * 1024 * 1024;

    public Options {
      Objects.requireNonNull(durability, "durability");
      if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
        throw new IllegalArgumentException(
            "segmentBytes must be between "
                + MIN_SEGMENT_BYTES
                + " and "
                + MAX_SEGMENT_BYTES
                + ": "
                + segmentBytes);
      }
    }

    /** 4 MiB segments, each write fsync'd. */
    public static Options defaults() {
      return new Options(4L * 1024 * 1024, Durability.EVERY_WRITE);
    }

    public Options withSegmentBytes(long segmentBytes) {
      return new Options(segmentBytes, durability);
    }

    public Options withDurability(Durability durability) {
      return new Options(segmentBytes, durability);
    }
  }

  private final Path dir;
  private final Options options;
  private final DirectoryLock lock;
  private final RecoveryReport recovery;

  /** Oldest first; the last one is the active segment that appends go to. */
  private final List<LogSegment> segments = new ArrayList<>();

  private @Nullable FileChannel active;
  private long nextSeq = 1;
  private long discardedThrough;
  private long retained;
  private boolean dirty;
  private boolean closed;
  private @Nullable StoreException failure;

  /** Opens (or creates) the log in {@code dir} with {@link Options#defaults()}. */
  public FileRecordLog(Path dir) {
    this(dir, Options.defaults());
  }

  /**
   * Opens (or creates) the log in {@code dir}, recovering what a crash left behind.
   *
   * @throws StoreLockedException if the directory is already open, here or in another process
   * @throws StoreException if the directory cannot be read or repaired
   */
  public FileRecordLog(Path dir, Options options) {
    this.dir = dir;
    this.options = Objects.requireNonNull(options, "options");
    this.lock = DirectoryLock.acquire(dir);
    try {
      this.recovery = recover();
    } catch (RuntimeException e) {
      closeActiveQuietly();
      lock.close();
      throw e;
    }
    if (recovery.isClean()) {
      log.debug("opened record log {}: {} records", dir, recovery.recordsRecovered());
    } else {
      log.warn(
          "opened record log {} with damage: {} records recovered, {} torn bytes cut off,"
              + " skipped {}, lost sequence numbers {}",
          dir,
          recovery.recordsRecovered(),
          recovery.tornTailBytes(),
          recovery.skipped(),
          recovery.lostSeqs());
    }
  }

  @Override
  public synchronized long append(byte[] record) {
    Objects.requireNonNull(record, "record");
    checkWritable();
    if (record.length > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "record of " + record.length + " bytes exceeds " + MAX_RECORD_BYTES);
    }
    LogSegment segment = activeSegment();
    long frameLength = LogFrames.HEADER_BYTES + (long) record.length;
    // A segment holding only discard marks is not rolled: its successor would get the same name.
    if (segment.count > 0 && segment.size + frameLength > options.segmentBytes()) {
      segment = roll();
    }
    long seq = nextSeq;
    long offset = write(segment, LogFrames.encode(LogFrames.KIND_RECORD, seq, record));
    segment.add(seq, offset);
    nextSeq++;
    retained++;
    return seq;
  }

  @Override
  public synchronized List<LogRecord> readFrom(long seq, int maxRecords) {
    checkOpen();
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must not be negative: " + maxRecords);
    }
    List<LogRecord> out = new ArrayList<>();
    for (LogSegment segment : segments) {
      if (out.size() >= maxRecords) {
        break;
      }
      if (segment.retained() > 0 && segment.lastSeq() >= seq) {
        readRecords(segment, seq, maxRecords, out);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public synchronized void discardThrough(long seq) {
    checkOpen();
    if (seq >= nextSeq) {
      throw new IllegalArgumentException(
          "cannot discard through " + seq + ": the next sequence number is " + nextSeq);
    }
    if (seq < firstSeqLocked()) {
      return;
    }
    checkWritable();
    write(activeSegment(), LogFrames.encode(LogFrames.KIND_DISCARD, seq, new byte[0]));
    discardedThrough = seq;
    for (LogSegment segment : segments) {
      retained -= segment.discardThrough(seq);
    }
    if (hasDeletableSegment()) {
      // The discard mark must be on disk before the records it stands for disappear.
      forceIfDirty();
      deleteDiscardedSegments();
    }
  }

  @Override
  public synchronized long firstSeq() {
    checkOpen();
    return firstSeqLocked();
  }

  @Override
  public synchronized long nextSeq() {
    checkOpen();
    return nextSeq;
  }

  @Override
  public synchronized long size() {
    checkOpen();
    return retained;
  }

  @Override
  public synchronized void sync() {
    checkWritable();
    forceIfDirty();
  }

  @Override
  public synchronized RecoveryReport recovery() {
    checkOpen();
    return recovery;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (failure == null) {
        forceIfDirty();
      }
    } finally {
      closeActiveQuietly();
      lock.close();
    }
  }

  @Override
  public String toString() {
    return "FileRecordLog[" + dir + "]";
  }

  // ---- opening

  private RecoveryReport recover() {
    List<Path> files = listSegmentFiles();
    if (files.isEmpty()) {
      createSegment(1);
      return RecoveryReport.clean(0);
    }
    Scan scan = new Scan(LogSegment.baseSeqOf(files.get(0)));
    for (int i = 0; i < files.size(); i++) {
      boolean newest = i == files.size() - 1;
      long limit = newest ? Long.MAX_VALUE : LogSegment.baseSeqOf(files.get(i + 1));
      LogSegment segment = new LogSegment(files.get(i), LogSegment.baseSeqOf(files.get(i)));
      scanSegment(segment, limit, newest, scan);
      segments.add(segment);
    }
    LogSegment newest = activeSegment();
    discardedThrough = Math.max(scan.discardMark, segments.get(0).baseSeq - 1);
    nextSeq = Math.max(scan.expected, discardedThrough + 1);
    openActive(newest, scan.tornTailBytes > 0);
    retained = 0;
    for (LogSegment segment : segments) {
      segment.discardThrough(discardedThrough);
      retained += segment.retained();
    }
    deleteDiscardedSegments();
    List<SeqRange> lost = new ArrayList<>();
    for (SeqRange range : scan.gaps) {
      if (range.last() > discardedThrough) {
        lost.add(new SeqRange(Math.max(range.first(), discardedThrough + 1), range.last()));
      }
    }
    return new RecoveryReport(retained, scan.tornTailBytes, scan.skipped, lost);
  }

  /** What the scan of all segments has found so far. */
  private static final class Scan {
    /** The sequence number the next record should carry. */
    long expected;

    long discardMark;
    long tornTailBytes;
    final List<SkippedRegion> skipped = new ArrayList<>();
    final List<SeqRange> gaps = new ArrayList<>();

    Scan(long firstBaseSeq) {
      this.expected = firstBaseSeq;
    }

    void expect(long seq) {
      if (seq > expected) {
        gaps.add(new SeqRange(expected, seq - 1));
        expected = seq;
      }
    }
  }

  private void scanSegment(LogSegment segment, long limit, boolean newest, Scan scan) {
    byte[] bytes = LogSegment.readWhole(segment.path);
    scan.expect(segment.baseSeq);
    String file = segment.path.getFileName().toString();
    int pos = 0;
    int damageStart = -1;
    String damageReason = "";
    while (pos < bytes.length) {
      LogFrames.Check check = LogFrames.check(bytes, pos, bytes.length);
      if (check.valid()
          && check.kind == LogFrames.KIND_RECORD
          && (check.seq < scan.expected || check.seq >= limit)) {
        check = LogFrames.Check.invalid("sequence number " + check.seq + " out of order");
      }
      if (!check.valid()) {
        if (damageStart < 0) {
          damageStart = pos;
          damageReason = String.valueOf(check.problem);
        }
        pos = LogFrames.nextMarker(bytes, pos + 1, bytes.length);
        continue;
      }
      if (damageStart >= 0) {
        scan.skipped.add(new SkippedRegion(file, damageStart, pos - damageStart, damageReason));
        damageStart = -1;
      }
      if (check.kind == LogFrames.KIND_RECORD) {
        scan.expect(check.seq);
        segment.add(check.seq, pos);
        scan.expected = check.seq + 1;
      } else {
        scan.discardMark = Math.max(scan.discardMark, check.seq);
      }
      pos += check.frameLength();
    }
    segment.size = bytes.length;
    if (damageStart >= 0) {
      if (newest) {
        // Nothing valid follows: the remains of an interrupted write (or a damaged last record,
        // which looks the same). Cut off so that new frames follow the last good one.
        scan.tornTailBytes = bytes.length - damageStart;
        segment.size = damageStart;
      } else {
        scan.skipped.add(
            new SkippedRegion(file, damageStart, bytes.length - damageStart, damageReason));
      }
    }
  }

  private List<Path> listSegmentFiles() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (LogSegment.isSegmentName(name)) {
          files.add(entry);
        } else if (!name.equals(DirectoryLock.FILE_NAME)) {
          log.warn("ignoring unexpected file {} in record log {}", name, dir);
        }
      }
    } catch (IOException e) {
      throw new StoreException(dir.toString(), "cannot list the record log directory", e);
    }
    files.sort(Comparator.comparingLong(LogSegment::baseSeqOf));
    return files;
  }

  private void openActive(LogSegment segment, boolean cutTail) {
    try {
      FileChannel channel =
          FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      active = channel;
      if (cutTail) {
        channel.truncate(segment.size);
        channel.force(true);
      }
    } catch (IOException e) {
      throw new StoreException(segment.path.toString(), "cannot open or repair segment", e);
    }
  }

  // ---- writing

  private LogSegment createSegment(long baseSeq) {
    Path path = dir.resolve(LogSegment.fileName(baseSeq));
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw fail(path, "cannot create segment", e);
    }
    closeActiveQuietly();
    active = channel;
    // The new file's directory entry must be durable before records in it are acknowledged.
    FileSync.forceDirectory(dir);
    LogSegment segment = new LogSegment(path, baseSeq);
    segments.add(segment);
    return segment;
  }

  private LogSegment roll() {
    forceIfDirty();
    return createSegment(nextSeq);
  }

  /** Writes a frame at the end of the active segment; returns the offset it was written at. */
  private long write(LogSegment segment, ByteBuffer frame) {
    long offset = segment.size;
    int length = frame.remaining();
    try {
      FileChannel channel = Objects.requireNonNull(active);
      FileSync.writeFully(channel, frame, offset);
      if (options.durability() == Durability.EVERY_WRITE) {
        channel.force(false);
      } else {
        dirty = true;
      }
    } catch (IOException e) {
      throw fail(segment.path, "cannot write to segment", e);
    }
    segment.size = offset + length;
    return offset;
  }

  private void forceIfDirty() {
    if (!dirty) {
      return;
    }
    try {
      Objects.requireNonNull(active).force(false);
      dirty = false;
    } catch (IOException e) {
      throw fail(activeSegment().path, "cannot fsync segment", e);
    }
  }

  private boolean hasDeletableSegment() {
    return segments.size() > 1 && segments.get(1).baseSeq - 1 <= discardedThrough;
  }

  /** Deletes the oldest segments while every sequence number they could hold is discarded. */
  private void deleteDiscardedSegments() {
    while (hasDeletableSegment()) {
      LogSegment oldest = segments.get(0);
      try {
        Files.deleteIfExists(oldest.path);
      } catch (IOException e) {
        // Only space is at stake: its records stay discarded; the next open retries.
        log.warn("cannot delete discarded segment {}: {}", oldest.path, e.toString());
        return;
      }
      segments.remove(0);
    }
  }

  private StoreException fail(Path path, String what, IOException cause) {
    StoreException e = new StoreException(path.toString(), what, cause);
    failure = e;
    return e;
  }

  // ---- reading

  private void readRecords(LogSegment segment, long fromSeq, int maxRecords, List<LogRecord> out) {
    boolean isActive = segment == activeSegment();
    try {
      FileChannel channel =
          isActive
              ? Objects.requireNonNull(active)
              : FileChannel.open(segment.path, StandardOpenOption.READ);
      try {
        for (int i = segment.indexOf(fromSeq); i < segment.count && out.size() < maxRecords; i++) {
          byte[] payload = readRecord(channel, segment, i);
          if (payload != null) {
            out.add(new LogRecord(segment.seqs[i], payload));
          }
        }
      } finally {
        if (!isActive) {
          channel.close();
        }
      }
    } catch (IOException e) {
      throw new StoreException(segment.path.toString(), "cannot read segment", e);
    }
  }

  private byte @Nullable [] readRecord(FileChannel channel, LogSegment segment, int index)
      throws IOException {
    long offset = segment.offsets[index];
    long seq = segment.seqs[index];
    ByteBuffer header = ByteBuffer.allocate(LogFrames.HEADER_BYTES);
    String problem;
    if (FileSync.readFully(channel, header, offset)) {
      int length = header.getInt(8);
      if (length >= 0 && length <= MAX_RECORD_BYTES) {
        byte[] frame = Arrays.copyOf(header.array(), LogFrames.HEADER_BYTES + length);
        ByteBuffer payload = ByteBuffer.wrap(frame, LogFrames.HEADER_BYTES, length);
        if (FileSync.readFully(channel, payload, offset + LogFrames.HEADER_BYTES)) {
          LogFrames.Check check = LogFrames.check(frame, 0, frame.length);
          if (check.valid() && check.kind == LogFrames.KIND_RECORD && check.seq == seq) {
            return Arrays.copyOfRange(frame, LogFrames.HEADER_BYTES, frame.length);
          }
          problem = check.valid() ? "a different frame is there now" : check.problem;
        } else {
          problem = "the file ends inside it";
        }
      } else {
        problem = "implausible length " + length;
      }
    } else {
      problem = "the file ends inside its header";
    }
    // The medium changed under an open log; never hand out what it now holds.
    log.error(
        "record {} in {} at offset {} no longer reads back intact ({}); skipping it",
        seq,
        segment.path,
        offset,
        problem);
    return null;
  }

  // ---- state

  private long firstSeqLocked() {
    for (LogSegment segment : segments) {
      if (segment.retained() > 0) {
        return segment.seqs[segment.head];
      }
    }
    return nextSeq;
  }

  private LogSegment activeSegment() {
    return segments.get(segments.size() - 1);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("record log is closed: " + dir);
    }
  }

  private void checkWritable() {
    checkOpen();
    StoreException earlier = failure;
    if (earlier != null) {
      throw new StoreException(
          dir.toString(), "record log refuses writes after an earlier failure; reopen it", earlier);
    }
  }

  private void closeActiveQuietly() {
    FileChannel channel = active;
    active = null;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing segment channel in {} failed: {}", dir, e.toString());
      }
    }
  }
}
