package io.kilowire.emulator.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/** A trace's text file, one line per record; a CSV gets its header when it starts empty. */
final class TraceFile implements AutoCloseable {
  private final BufferedWriter writer;

  /**
   * @param header written first when the file is new or empty; null = none
   * @param append keep what an earlier run wrote (false starts the file afresh)
   */
  TraceFile(Path dir, String fileName, @Nullable String header, boolean append) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(fileName);
      boolean fresh = !append || !Files.exists(file) || Files.size(file) == 0;
      this.writer =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
      if (fresh && header != null) {
        line(header, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + fileName + " in " + dir, e);
    }
  }

  /** Writes {@code text} and a newline; {@code flush} pushes it to the file at once. */
  synchronized void line(String text, boolean flush) {
    try {
      writer.write(text);
      writer.write('\n');
      if (flush) {
        writer.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void flush() {
    try {
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
