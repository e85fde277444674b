package io.kilowire.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.conformance.cli.ConformanceCli;
import io.kilowire.conformance.script.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs {@code run --config} as a lab would and reads back what results.json says of each case. */
public final class SuiteFromTheCommandLine {
  /**
   * The outcome of one run.
   *
   * @param exit the exit status
   * @param output what it printed (standard output and error)
   * @param verdicts each case's id to its verdict and reason ("FAIL the CSMS ...")
   */
  public record Outcome(int exit, String output, Map<String, String> verdicts) {}

  private SuiteFromTheCommandLine() {}

  /** Runs the suite on {@code config}, reports in {@code report}, with {@code more} flags. */
  public static Outcome run(Path config, Path report, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("run", "--config", config.toString(), "--report", report.toString()));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    int exit =
        ConformanceCli.execute(
            new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(String[]::new));
    Map<String, String> verdicts = new TreeMap<>();
    try {
      for (JsonNode c : Json.parse(Files.readString(report.resolve("results.json"))).get("cases")) {
        verdicts.put(
            c.get("id").asText(), c.get("verdict").asText() + " " + c.get("reason").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("no results.json after: " + out, e);
    }
    return new Outcome(exit, out.toString(), verdicts);
  }
}
