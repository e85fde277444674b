package io.kilowire.emulator.evaluation;

import io.kilowire.emulator.evaluation.SiteEvaluation.Mode;
import io.kilowire.emulator.evaluation.SiteEvaluation.Result;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The V2G rows of an evaluation: for each site with a V2G peak, its dynamic run (the same stations,
 * no CSMS asking to feed back) beside its V2G run: what the EVs fed back, the grid's peaks (the
 * day's and within the V2G window) and how much of the window's peak V2G avoided, the state of
 * charge kept above the EVs' floors, and what was still missing at departure.
 */
public final class V2gSummary {
  private static final String HEADER =
      "| site | mode | EVs fed back kWh | peak 15-min kW | peak in V2G window kW | window peak"
          + " avoided kW | lowest SoC above floor | unmet at departure kWh | violations |\n"
          + "|---|---|--:|--:|--:|--:|--:|--:|--:|\n";

  private V2gSummary() {}

  /** The table (with a blank line before it), or "" when no result is of a V2G run. */
  public static String table(List<Result> results) {
    StringBuilder b = new StringBuilder();
    for (Result v2g : results) {
      if (v2g.mode() != Mode.V2G) {
        continue;
      }
      Optional<Result> without =
          results.stream()
              .filter(r -> r.site().equals(v2g.site()) && r.mode() == Mode.DYNAMIC)
              .findFirst();
      without.ifPresent(r -> b.append(row(r, null)));
      b.append(row(v2g, without.orElse(null)));
    }
    return b.isEmpty() ? "" : "\n" + HEADER + b;
  }

  /** Peak avoided in the window: the run without V2G less this one. */
  public static double windowPeakAvoidedKw(Result v2g, Result without) {
    return without.peakInV2gWindowKw() - v2g.peakInV2gWindowKw();
  }

  private static String row(Result r, @Nullable Result without) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.1f | %.1f | %.1f | %s | %s | %.1f | %d |%n",
        r.site(),
        r.mode().label(),
        r.evFedBackKwh(),
        r.peak15minKw(),
        r.peakInV2gWindowKw(),
        without == null ? "–" : String.format(Locale.ROOT, "%.1f", windowPeakAvoidedKw(r, without)),
        Double.isNaN(r.socAboveFloor())
            ? "–"
            // rounded to a tenth first, so that a hair below the floor does not print "-0.0"
            : String.format(
                Locale.ROOT, "%.1f points", Math.round(r.socAboveFloor() * 10) / 10.0 + 0.0),
        r.unmetKwh(),
        r.violations());
  }
}
