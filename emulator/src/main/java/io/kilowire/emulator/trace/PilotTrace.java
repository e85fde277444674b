package io.kilowire.emulator.trace;

import java.nio.file.Path;
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

  private final TraceFile file;
  private final Map<Integer, Row> last = new HashMap<>();

  public PilotTrace(Path dir, String stationId) {
    this.file = new TraceFile(dir, FrameTrace.safeFileName(stationId) + ".pilot.csv", HEADER, true);
  }

  /** Records the EVSE's pilot if anything changed since its last row. */
  public synchronized void record(Instant at, int evse, Row row) {
    if (Objects.equals(last.put(evse, row), row)) {
      return;
    }
    file.line(
        String.format(
            Locale.ROOT,
            "%s,%d,%.1f,%.1f,%s,%.2f",
            DateTimeFormatter.ISO_INSTANT.format(at),
            evse,
            row.limitA(),
            row.dutyPct(),
            row.pilotState(),
            row.evCurrentA()),
        true);
  }

  @Override
  public void close() {
    file.close();
  }
}
