package io.kilowire.emulator.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@code <dir>/<stationId>.pilot.csv} with the header {@code
 * ts,evse,limit_a,duty_pct,pilot_state,ev_current_a}: one row whenever any of an EVSE's values
 * changes, so a user sees what the car was told and what it did.
 */
public final class PilotTrace implements AutoCloseable {
  public static final String HEADER = "ts,evse,limit_a,duty_pct,pilot_state,ev_current_a";

  /** One EVSE's pilot at an instant. */
  public record Row(double limitA, double dutyPct, String pilotState, double evCurrentA) {}

  private final BufferedWriter writer;
  private final Map<Integer, Row> last = new HashMap<>();

  public PilotTrace(Path dir, String stationId) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FrameTrace.safeFileName(stationId) + ".pilot.csv");
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      this.writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (fresh) {
        writer.write(HEADER);
        writer.write('\n');
        writer.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the pilot trace in " + dir, e);
    }
  }

  /** Records the EVSE's pilot if anything changed since its last row. */
  public synchronized void record(Instant at, int evse, Row row) {
    if (Objects.equals(last.put(evse, row), row)) {
      return;
    }
    try {
      writer.write(
          String.format(
              Locale.ROOT,
              "%s,%d,%.1f,%.1f,%s,%.2f\n",
              DateTimeFormatter.ISO_INSTANT.format(at),
              evse,
              row.limitA(),
              row.dutyPct(),
              row.pilotState(),
              row.evCurrentA()));
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
