package io.kilowire.conformance.report;

import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.StepRecord;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.conformance.wire.StationSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code report.html}: one self-contained page; a summary by block and by certification profile,
 * then each case with its steps, its verdict and its wire log as a sequence (station left, CSMS
 * right).
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body{font-family:system-ui,sans-serif;margin:2em;color:#222}
      table{border-collapse:collapse;margin:.5em 0}
      th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
      .PASS{background:#d8f3d8}.FAIL{background:#f8d0d0}.ERROR{background:#f3d9a8}
      .INCONCLUSIVE{background:#f3ecb0}.NOT_APPLICABLE{background:#e6e6e6}
      .steps{list-style:none;padding-left:0}.steps li{margin:.1em 0}
      .FAILED{color:#a00;font-weight:bold}.SKIPPED,.NOT_RUN{color:#888}
      .wire td{font-family:ui-monospace,monospace;font-size:.85em;max-width:45em;word-break:break-all}
      .cs{background:#f4f8ff}.cx{background:#fff8ee}
      h2{margin-top:2em;border-top:1px solid #ddd;padding-top:1em}
      """;

  private HtmlReport() {}

  public static void write(Path file, RunInfo run, List<CaseResult> results) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Kilowire conformance report</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    h.append("<h1>Kilowire conformance report</h1>\n<p>CSMS <code>")
        .append(esc(run.csms()))
        .append("</code>, ")
        .append(esc(run.protocol()))
        .append(", driver ")
        .append(esc(run.driver()))
        .append(", started ")
        .append(esc(run.started().toString()))
        .append(".</p>\n");
    h.append("<h2>Summary by block</h2>\n");
    summary(h, results, r -> r.kase().version().subprotocol() + " " + r.kase().group());
    h.append("<h2>Summary by certification profile</h2>\n");
    summary(h, results, r -> r.kase().version().subprotocol() + " " + r.kase().profile().title());
    h.append("<h2>Cases</h2>\n<table><tr><th>case</th><th>title</th><th>verdict</th></tr>\n");
    for (CaseResult r : results) {
      h.append("<tr><td><a href=\"#")
          .append(esc(r.kase().id()))
          .append("\">")
          .append(esc(r.kase().id()))
          .append("</a></td><td>")
          .append(esc(r.kase().title()))
          .append("</td><td class=\"")
          .append(r.verdict().name())
          .append("\">")
          .append(r.verdict().name())
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (CaseResult r : results) {
      caseSection(h, r);
    }
    h.append("</body></html>\n");
    Files.writeString(file, h.toString());
  }

  private static void summary(
      StringBuilder h, List<CaseResult> results, Function<CaseResult, String> key) {
    Map<String, Map<Verdict, Integer>> rows = new TreeMap<>();
    for (CaseResult r : results) {
      rows.computeIfAbsent(key.apply(r), k -> new EnumMap<>(Verdict.class))
          .merge(r.verdict(), 1, Integer::sum);
    }
    h.append("<table><tr><th></th>");
    for (Verdict v : Verdict.values()) {
      h.append("<th class=\"").append(v.name()).append("\">").append(v.name()).append("</th>");
    }
    h.append("</tr>\n");
    for (Map.Entry<String, Map<Verdict, Integer>> row : rows.entrySet()) {
      h.append("<tr><th>").append(esc(row.getKey())).append("</th>");
      for (Verdict v : Verdict.values()) {
        h.append("<td>").append(row.getValue().getOrDefault(v, 0)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void caseSection(StringBuilder h, CaseResult r) {
    h.append("<h2 id=\"")
        .append(esc(r.kase().id()))
        .append("\">")
        .append(esc(r.kase().id()))
        .append(" — ")
        .append(esc(r.kase().title()))
        .append("</h2>\n<p><span class=\"")
        .append(r.verdict().name())
        .append("\">&nbsp;")
        .append(r.verdict().name())
        .append("&nbsp;</span> ")
        .append(esc(r.reason()));
    if (!r.requirement().isEmpty()) {
      h.append(" <b>[").append(esc(r.requirement())).append("]</b>");
    }
    if (r.observed() != null) {
      h.append("<br>observed: <code>").append(esc(r.observed())).append("</code>");
    }
    h.append("</p>\n<p>")
        .append(esc(r.kase().profile().title()))
        .append("; use cases ")
        .append(esc(String.join(", ", r.kase().useCases())))
        .append("; requirements ")
        .append(esc(String.join(", ", r.kase().requirements())))
        .append("; features ")
        .append(
            esc(
                r.kase().features().toString().isEmpty()
                    ? "none"
                    : r.kase().features().toString()));
    if (!r.stationId().isEmpty()) {
      h.append("; station ").append(esc(r.stationId()));
    }
    h.append(String.format(Locale.ROOT, "; %.1f s</p>%n", r.duration().toMillis() / 1000.0));
    if (!r.steps().isEmpty()) {
      h.append("<ol class=\"steps\">\n");
      for (StepRecord s : r.steps()) {
        h.append("<li class=\"")
            .append(s.outcome().name())
            .append("\" style=\"margin-left:")
            .append(1.5 * s.depth())
            .append("em\">")
            .append(
                s.phase() == null
                    ? ""
                    : "<small>" + s.phase().name().toLowerCase(Locale.ROOT) + "</small> ")
            .append(esc(s.label()));
        if (s.outcome() != StepRecord.Outcome.DONE) {
          h.append(" — ").append(s.outcome().name().toLowerCase(Locale.ROOT));
        }
        if (!s.detail().isEmpty()) {
          h.append(": ").append(esc(s.detail()));
        }
        h.append("</li>\n");
      }
      h.append("</ol>\n");
    }
    if (!r.frames().isEmpty()) {
      h.append(
          "<table class=\"wire\"><tr><th>time</th><th>station (suite)</th><th>CSMS</th></tr>\n");
      Instant start = r.frames().get(0).at();
      int connection = r.frames().get(0).connection();
      for (StationSide.WireFrame f : r.frames()) {
        if (f.connection() != connection) {
          connection = f.connection();
          h.append("<tr><td colspan=\"3\"><i>connection ")
              .append(connection)
              .append("</i></td></tr>\n");
        }
        h.append("<tr><td>+").append(Duration.between(start, f.at()).toMillis()).append(" ms</td>");
        if (f.fromCsms()) {
          h.append("<td></td><td class=\"cx\">&larr; ").append(esc(f.text())).append("</td>");
        } else {
          h.append("<td class=\"cs\">").append(esc(f.text())).append(" &rarr;</td><td></td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
