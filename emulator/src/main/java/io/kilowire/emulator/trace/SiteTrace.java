package io.kilowire.emulator.trace;

import io.kilowire.core.loadmanagement.Phase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes {@code <dir>/site.csv} with the header {@code
 * ts,phase,grid_limit_a,building_a,ev_total_a,available_a}: a row for a grid phase whenever one of
 * its values changes (to 0.1 A), timestamped with the simulated time.
 */
public final class SiteTrace implements AutoCloseable {
  public static final String HEADER = "ts,phase,grid_limit_a,building_a,ev_total_a,available_a";
  public static final String FILE = "site.csv";

  /** One grid phase at an instant, in amps. */
  public record Row(double gridLimitA, double buildingA, double evTotalA, double availableA) {
    Row rounded() {
      return new Row(r(gridLimitA), r(buildingA), r(evTotalA), r(availableA));
    }

    private static double r(double a) {
      double v = Math.round(a * 10) / 10.0;
      return v == 0 ? 0 : v; // no "-0.0"
    }
  }

  private final TraceFile file;
  private final Map<Phase, Row> last = new EnumMap<>(Phase.class);

  /** Starts {@code dir/site.csv} afresh (a run's site trace describes that run only). */
  public SiteTrace(Path dir) {
    this.file = new TraceFile(dir, FILE, HEADER, false);
  }

  /** Records the phase if any of its values changed since its last row. */
  public synchronized void record(Instant at, Phase phase, Row row) {
    Row r = row.rounded();
    if (Objects.equals(last.put(phase, r), r)) {
      return;
    }
    file.line(
        String.format(
            Locale.ROOT,
            "%s,%s,%.1f,%.1f,%.1f,%.1f",
            DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS)),
            phase,
            r.gridLimitA(),
            r.buildingA(),
            r.evTotalA(),
            r.availableA()),
        false);
  }

  public void flush() {
    file.flush();
  }

  @Override
  public void close() {
    file.close();
  }
}
