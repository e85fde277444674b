package io.kilowire.emulator.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's outcome as a JUnit XML test suite (the format CI servers read): one test case per
 * step, a failed expectation as a {@code failure}, a refused operation or a step the run did not
 * reach as an {@code error}.
 */
public final class JunitReport {
  private JunitReport() {}

  public static void write(
      Path file, Scenario scenario, List<ScenarioRunner.Result> results, Instant started)
      throws IOException {
    long failures = count(results, ScenarioRunner.Outcome.FAILED);
    long errors = count(results, ScenarioRunner.Outcome.ERROR);
    double total = results.stream().mapToLong(r -> r.took().toMillis()).sum() / 1000.0;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        String.format(
            Locale.ROOT,
            "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\""
                + " time=\"%.3f\" timestamp=\"%s\">%n",
            escape(scenario.name()),
            results.size(),
            failures,
            errors,
            total,
            started.toString().replaceFirst("\\.\\d+Z$", "Z")));
    for (ScenarioRunner.Result r : results) {
      xml.append(
          String.format(
              Locale.ROOT,
              "  <testcase classname=\"scenario.%s\" name=\"%s\" time=\"%.3f\"",
              escape(scenario.name()),
              escape("step " + r.step().index() + ": " + r.step().label()),
              seconds(r.took())));
      switch (r.outcome()) {
        case PASSED -> xml.append("/>\n");
        case FAILED ->
            xml.append(">\n    <failure message=\"")
                .append(escape(r.message()))
                .append("\"/>\n  </testcase>\n");
        case ERROR ->
            xml.append(">\n    <error message=\"")
                .append(escape(r.message()))
                .append("\"/>\n  </testcase>\n");
      }
    }
    xml.append("</testsuite>\n");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, xml, StandardCharsets.UTF_8);
  }

  private static long count(List<ScenarioRunner.Result> results, ScenarioRunner.Outcome o) {
    return results.stream().filter(r -> r.outcome() == o).count();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          // XML 1.0 has no place for most control characters
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
