package io.kilowire.emulator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** A {@link FleetSummary} as the lines the benchmark and {@code merge} print. */
public final class FleetReport {
  private FleetReport() {}

  public static List<String> lines(FleetSummary s) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "stations booted   %d of %d%s",
            s.accepted(),
            s.stations(),
            s.bootAllSeconds() == null
                ? " (not all booted)"
                : String.format(
                    Locale.ROOT, "; all booted %.1f s after the first start", s.bootAllSeconds())));
    if (s.steadySeconds() != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "steady phase      %.1f s (from the last boot to the stop); connections lost: %d",
              s.steadySeconds(),
              orZero(s.disconnections())));
    }
    if (s.calls() != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "calls             %d CALLs by the stations, %.1f per second; %d transactions started",
              s.calls(),
              s.callsPerSecond() == null ? 0.0 : s.callsPerSecond(),
              s.transactions()));
    }
    Histogram trips = s.roundTripHistogram();
    if (trips.getTotalCount() > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "CALL round trip   p50 %s, p90 %s, p99 %s, p99.9 %s, max %s (%d answers timed)",
              millis(trips.getValueAtPercentile(50)),
              millis(trips.getValueAtPercentile(90)),
              millis(trips.getValueAtPercentile(99)),
              millis(trips.getValueAtPercentile(99.9)),
              millis(trips.getMaxValue()),
              trips.getTotalCount()));
    }
    if (s.cpuCores() != null) {
      lines.add(
          String.format(
              Locale.ROOT, "CPU               %.3f CPU s per wall-clock s", s.cpuCores()));
    }
    if (s.peakRssBytes() != null) {
      lines.add(
          String.format(Locale.ROOT, "memory            peak RSS %.1f MB", s.peakRssBytes() / 1e6));
    }
    if (s.threads() != null) {
      lines.add(String.format(Locale.ROOT, "threads           %d", s.threads()));
    }
    if (s.stopSeconds() != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "stop              %d stations stopped in %.1f s",
              s.stations(),
              s.stopSeconds()));
    }
    return lines;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String millis(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }
}
