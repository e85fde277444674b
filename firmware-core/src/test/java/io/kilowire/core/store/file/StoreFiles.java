package io.kilowire.core.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers that damage and inspect store files the way crashes and failing media do. */
final class StoreFiles {
  private StoreFiles() {}

  /** The segment files of a record log, oldest first. */
  static List<Path> segments(Path dir) {
    return filesEndingWith(dir, ".log");
  }

  static List<Path> filesEndingWith(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Inverts every bit of the byte at {@code offset}. */
  static void flipByte(Path file, long offset) {
    byte[] bytes = read(file);
    bytes[Math.toIntExact(offset)] ^= (byte) 0xFF;
    write(file, bytes);
  }

  static void append(Path file, byte[] tail) {
    try {
      Files.write(file, tail, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
