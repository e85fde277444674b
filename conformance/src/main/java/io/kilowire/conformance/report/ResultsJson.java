package io.kilowire.conformance.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.script.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code results.json}: {@code {"cases":[{"id","title","verdict","reason","requirements",...}]}},
 * for scripts and dashboards. Besides the five fields every case has its group (block or profile),
 * certification profile, station, whether a FAIL lay in its scenario, the requirement of the failed
 * check, the CSMS frame that check judged ({@code observed}) and its duration.
 */
public final class ResultsJson {
  private ResultsJson() {}

  public static void write(Path file, RunInfo run, List<CaseResult> results) throws IOException {
    ArrayNode cases = Json.arr();
    for (CaseResult r : results) {
      ArrayNode requirements = Json.arr();
      r.kase().requirements().forEach(requirements::add);
      ObjectNode c =
          Json.obj(
              "id",
              r.kase().id(),
              "title",
              r.kase().title(),
              "verdict",
              r.verdict().name(),
              "reason",
              r.reason(),
              "requirements",
              requirements,
              "protocol",
              r.kase().version().subprotocol(),
              "group",
              r.kase().group(),
              "profile",
              r.kase().profile().title(),
              "station",
              r.stationId().isEmpty() ? null : r.stationId(),
              "failedRequirement",
              r.requirement().isEmpty() ? null : r.requirement(),
              "observed",
              r.observed(),
              "failedIn",
              r.failedIn() == null ? null : r.failedIn().name(),
              "durationMs",
              r.duration().toMillis());
      cases.add(c);
    }
    ObjectNode root =
        Json.obj(
            "csms",
            run.csms(),
            "protocol",
            run.protocol(),
            "driver",
            run.driver(),
            "started",
            run.started(),
            "cases",
            cases);
    Files.writeString(
        file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }
}
