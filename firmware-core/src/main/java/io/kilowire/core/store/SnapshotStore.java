package io.kilowire.core.store;

import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Named blobs, each replaced as a whole: configuration, charging profiles, station state. After
 * {@link #write} returns, a crash leaves the new value; a crash during it leaves the old value or
 * the new one, never a mix.
 *
 * <p>Names are 1 to 100 characters of lower-case letters, digits, {@code .}, {@code _} and {@code
 * -}, starting with a letter or digit: they become file names, also on case-insensitive file
 * systems. Implementations are safe for use by several threads.
 */
public interface SnapshotStore extends AutoCloseable {
  /** The largest blob an implementation accepts. */
  int MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

  /** What a snapshot name may look like. */
  Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  /**
   * Replaces (or creates) the blob called {@code name}; durable when it returns.
   *
   * @throws IllegalArgumentException for an invalid name or a blob over {@link #MAX_SNAPSHOT_BYTES}
   * @throws StoreException if it could not be stored; the old value then still stands
   */
  void write(String name, byte[] data);

  /** The blob called {@code name}, or empty if there is none (or it was found damaged). */
  Optional<byte[]> read(String name);

  /** Removes the blob called {@code name}; returns whether there was one. */
  boolean delete(String name);

  /** The names of all stored blobs, in order. */
  SortedSet<String> names();

  /** What opening the store found. */
  SnapshotRecoveryReport recovery();

  /** Releases the store; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  void close();

  /** Whether {@code name} is a valid snapshot name. */
  static boolean isValidName(String name) {
    return VALID_NAME.matcher(name).matches();
  }

  /** Returns {@code name} if it is a valid snapshot name, else throws. */
  static String requireValidName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "invalid snapshot name '"
              + name
              + "': use 1 to 100 of a-z 0-9 . _ - and start with a letter or digit");
    }
    return name;
  }
}
