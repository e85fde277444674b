package io.kilowire.emulator.trace;

import io.kilowire.core.observation.ObserverGuard;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trace's text file, one line per record; a CSV gets its header when it starts empty. A trace
 * observes and must never stop what it observes: a write that fails (a full disk) is logged, rate
 * limited, and the run goes on; text that is not valid Unicode is written with replacement
 * characters rather than refused, so it cannot jam the writer for every later line.
 */
final class TraceFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TraceFile.class);

  private final BufferedWriter writer;
  private final ObserverGuard guard;

  /**
   * @param header written first when the file is new or empty; null = none
   * @param append keep what an earlier run wrote (false starts the file afresh)
   */
  TraceFile(Path dir, String fileName, @Nullable String header, boolean append) {
    this.guard = new ObserverGuard(LOG, "trace file " + dir.resolve(fileName));
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(fileName);
      boolean fresh = !append || !Files.exists(file) || Files.size(file) == 0;
      // An OutputStreamWriter given a Charset replaces malformed input; Files.newBufferedWriter
      // would throw on it, and keep the bad char pending so every later write threw too.
      this.writer =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(
                      file,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.WRITE,
                      append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING),
                  StandardCharsets.UTF_8));
      if (fresh && header != null) {
        line(header, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + fileName + " in " + dir, e);
    }
  }

  /** Writes {@code text} and a newline; {@code flush} pushes it to the file at once. */
  synchronized void line(String text, boolean flush) {
    guard.run(
        () -> {
          try {
            writer.write(text);
            writer.write('\n');
            if (flush) {
              writer.flush();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  synchronized void flush() {
    guard.run(
        () -> {
          try {
            writer.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      LOG.warn("could not close a trace file: {}", e.toString());
    }
  }
}
