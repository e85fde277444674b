package io.kilowire.conformance.report;

import io.kilowire.conformance.run.CaseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's reports into one directory: junit.xml, results.json and report.html (the traces,
 * {@code <case>.ocpp.jsonl}, are written there while the cases run).
 */
public final class Reports {
  private Reports() {}

  public static void write(Path dir, RunInfo run, List<CaseResult> results) throws IOException {
    Files.createDirectories(dir);
    JunitXml.write(dir.resolve("junit.xml"), "kilowire-conformance " + run.protocol(), results);
    ResultsJson.write(dir.resolve("results.json"), run, results);
    HtmlReport.write(dir.resolve("report.html"), run, results);
  }
}
