package io.kilowire.core.store.file;

import io.kilowire.core.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An exclusive lock on a store directory, so that two processes never write the same store. The
 * lock file holds the owner's process id, for the error message of the one that is turned away.
 */
final class DirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "lock";

  /**
   * Directories locked by this JVM. Checked before touching the lock file because on POSIX closing
   * any channel to a file drops every lock this process holds on it, so a refused second open must
   * not even open the file.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final FileChannel channel;
  private boolean released;

  private DirectoryLock(Path dir, FileChannel channel) {
    this.dir = dir;
    this.channel = channel;
  }

  static DirectoryLock acquire(Path dir) {
    Path real;
    try {
      createDurably(dir.toAbsolutePath());
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new StoreException(dir.toString(), "cannot create or resolve the store directory", e);
    }
    if (!HELD.add(real)) {
      throw new StoreLockedException(real.toString(), "store is already open in this process");
    }
    Path file = real.resolve(FILE_NAME);
    @Nullable FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = holder(channel);
        throw new StoreLockedException(
            real.toString(), "store is already open by another process" + holder);
      }
      byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      FileSync.writeFully(channel, ByteBuffer.wrap(pid), 0);
      return new DirectoryLock(real, channel);
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      HELD.remove(real);
      throw new StoreException(file.toString(), "cannot lock the store directory", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      HELD.remove(real);
      throw e;
    }
  }

  /**
   * Creates the directory and any missing parents, fsyncing each parent that gained an entry: else
   * a power cut soon after the first write could lose the whole store.
   */
  private static void createDurably(Path dir) throws IOException {
    @Nullable Path existing = dir;
    while (existing != null && !Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    Files.createDirectories(dir);
    for (Path created = dir; !created.equals(existing); ) {
      Path parent = created.getParent();
      if (parent == null) {
        break;
      }
      FileSync.forceDirectory(parent);
      created = parent;
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      return pid.isBlank() ? "" : " (pid " + pid.strip() + ")";
    } catch (IOException e) {
      return ""; // Windows locks are mandatory: the holder's pid is not readable there.
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing; the original error matters more.
      }
    }
  }

  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      channel.close(); // Releases the lock too.
    } catch (IOException e) {
      throw new StoreException(dir.toString(), "cannot release the store lock", e);
    } finally {
      HELD.remove(dir);
    }
  }
}
