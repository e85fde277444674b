package io.kilowire.core.store.file;

import io.kilowire.core.store.SnapshotRecoveryReport;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SnapshotStore} with one file per blob, {@code <name>.snap}: a 12-byte header (marker
 * {@code FE 4B 53 01}, data length, CRC32C over the first 8 header bytes and the data) followed by
 * the data. A write goes to {@code <name>.snap.tmp}, is fsync'd, renamed over the old file
 * atomically, and the directory is fsync'd; so a crash leaves the old or the new file whole.
 *
 * <p>Opening deletes leftover temp files (their write never returned, the old value stands). A
 * snapshot whose checksum fails, at open or on a later read, is renamed to {@code
 * <name>.snap.damaged} for inspection and treated as absent: a stale or partly wrong value is never
 * returned, and the caller falls back to its defaults. Damage found at open is listed in {@link
 * #recovery()}.
 */
public final class FileSnapshotStore implements SnapshotStore {
  private static final Logger log = LoggerFactory.getLogger(FileSnapshotStore.class);
  private static final String SUFFIX = ".snap";
  private static final String TEMP_SUFFIX = ".snap.tmp";
  private static final String DAMAGED_SUFFIX = ".snap.damaged";
  private static final byte[] MARKER = {(byte) 0xFE, 'K', 'S', 1};
  private static final int HEADER_BYTES = 12;

  private final Path dir;
  private final DirectoryLock lock;
  private final SortedSet<String> names = new TreeSet<>();
  private final SnapshotRecoveryReport recovery;
  private boolean closed;

  /**
   * Opens (or creates) the store in {@code dir}, cleaning up what a crash left behind.
   *
   * @throws StoreLockedException if the directory is already open, here or in another process
   * @throws StoreException if the directory cannot be read or repaired
   */
  public FileSnapshotStore(Path dir) {
    this.dir = dir;
    this.lock = DirectoryLock.acquire(dir);
    try {
      this.recovery = recover();
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    if (recovery.isClean()) {
      log.debug("opened snapshot store {}: {} snapshots", dir, recovery.snapshots());
    } else {
      log.warn(
          "opened snapshot store {}: {} snapshots, {} leftover temp files removed, damaged: {}",
          dir,
          recovery.snapshots(),
          recovery.tempFilesRemoved(),
          recovery.damaged());
    }
  }

  @Override
  public synchronized void write(String name, byte[] data) {
    SnapshotStore.requireValidName(name);
    Objects.requireNonNull(data, "data");
    checkOpen();
    if (data.length > MAX_SNAPSHOT_BYTES) {
      throw new IllegalArgumentException(
          "snapshot of " + data.length + " bytes exceeds " + MAX_SNAPSHOT_BYTES);
    }
    Path target = fileOf(name);
    Path temp = dir.resolve(name + TEMP_SUFFIX);
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        FileSync.writeFully(channel, ByteBuffer.wrap(encode(data)), 0);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StoreException(target.toString(), "cannot write snapshot '" + name + "'", e);
    }
    FileSync.forceDirectory(dir);
    names.add(name);
  }

  @Override
  public synchronized Optional<byte[]> read(String name) {
    SnapshotStore.requireValidName(name);
    checkOpen();
    if (!names.contains(name)) {
      return Optional.empty();
    }
    Path file = fileOf(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      log.error("snapshot {} vanished while the store was open", file);
      names.remove(name);
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException(file.toString(), "cannot read snapshot '" + name + "'", e);
    }
    byte[] data = decode(bytes);
    if (data == null) {
      log.error("snapshot {} fails its checksum; setting it aside as damaged", file);
      setAside(name);
      return Optional.empty();
    }
    return Optional.of(data);
  }

  @Override
  public synchronized boolean delete(String name) {
    SnapshotStore.requireValidName(name);
    checkOpen();
    Path file = fileOf(name);
    boolean existed;
    try {
      existed = Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StoreException(file.toString(), "cannot delete snapshot '" + name + "'", e);
    }
    names.remove(name);
    if (existed) {
      FileSync.forceDirectory(dir);
    }
    return existed;
  }

  @Override
  public synchronized SortedSet<String> names() {
    checkOpen();
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  @Override
  public synchronized SnapshotRecoveryReport recovery() {
    checkOpen();
    return recovery;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      lock.close();
    }
  }

  @Override
  public String toString() {
    return "FileSnapshotStore[" + dir + "]";
  }

  private SnapshotRecoveryReport recover() {
    int tempsRemoved = 0;
    List<String> damaged = new ArrayList<>();
    for (Path entry : listDirectory()) {
      String fileName = entry.getFileName().toString();
      if (fileName.endsWith(TEMP_SUFFIX)) {
        deleteOrFail(entry);
        tempsRemoved++;
      } else if (fileName.endsWith(SUFFIX)) {
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        if (!SnapshotStore.isValidName(name)) {
          log.warn("ignoring {} in snapshot store {}: not a valid snapshot name", fileName, dir);
        } else if (decode(readOrFail(entry)) == null) {
          setAside(name);
          damaged.add(name);
        } else {
          names.add(name);
        }
      } else if (!fileName.endsWith(DAMAGED_SUFFIX) && !fileName.equals(DirectoryLock.FILE_NAME)) {
        log.warn("ignoring unexpected file {} in snapshot store {}", fileName, dir);
      }
    }
    if (tempsRemoved > 0 || !damaged.isEmpty()) {
      FileSync.forceDirectory(dir);
    }
    Collections.sort(damaged);
    return new SnapshotRecoveryReport(names.size(), tempsRemoved, damaged);
  }

  private List<Path> listDirectory() {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException e) {
      throw new StoreException(dir.toString(), "cannot list the snapshot directory", e);
    }
    return entries;
  }

  private static byte[] readOrFail(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StoreException(file.toString(), "cannot read snapshot", e);
    }
  }

  private static void deleteOrFail(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StoreException(file.toString(), "cannot remove leftover temp file", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot remove temp file {}: {}", file, e.toString());
    }
  }

  /** Moves a damaged snapshot out of the way, keeping its bytes for whoever investigates. */
  private void setAside(String name) {
    Path file = fileOf(name);
    Path aside = dir.resolve(name + DAMAGED_SUFFIX);
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StoreException(file.toString(), "cannot set damaged snapshot aside", e);
    }
    names.remove(name);
  }

  private Path fileOf(String name) {
    return dir.resolve(name + SUFFIX);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("snapshot store is closed: " + dir);
    }
  }

  private static byte[] encode(byte[] data) {
    byte[] file = new byte[HEADER_BYTES + data.length];
    ByteBuffer buffer = ByteBuffer.wrap(file);
    buffer.put(MARKER).putInt(data.length);
    System.arraycopy(data, 0, file, HEADER_BYTES, data.length);
    buffer.putInt(8, checksum(file));
    return file;
  }

  /** The data in a snapshot file, or null if the file is not an intact snapshot. */
  private static byte @Nullable [] decode(byte[] file) {
    if (file.length < HEADER_BYTES
        || !Arrays.equals(file, 0, MARKER.length, MARKER, 0, MARKER.length)) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(file);
    if (buffer.getInt(4) != file.length - HEADER_BYTES || buffer.getInt(8) != checksum(file)) {
      return null;
    }
    return Arrays.copyOfRange(file, HEADER_BYTES, file.length);
  }

  private static int checksum(byte[] file) {
    CRC32C crc = new CRC32C();
    crc.update(file, 0, 8);
    crc.update(file, HEADER_BYTES, file.length - HEADER_BYTES);
    return (int) crc.getValue();
  }
}
