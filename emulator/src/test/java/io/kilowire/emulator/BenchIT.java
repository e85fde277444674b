package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.emulator.bench.FleetSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark as a user runs it, small: the shaded jar starts its sink CSMS in a JVM of its own,
 * runs the stations, prints its figures and a summary file, and leaves no sink behind; two shards
 * of a fleet run disjoint stations and merge into one summary.
 */
class BenchIT {
  @TempDir Path dir;

  private String run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Process p = EmulatorJar.start(out, List.of(args));
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("ended").isTrue();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  private String[] bench(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "--stations",
                "24",
                "--ramp",
                "40/s",
                "--duration",
                "10s",
                "--report-every",
                "3s",
                "--session",
                "4s",
                "--gap",
                "2s",
                "--meter-interval",
                "1s"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void theBenchmarkPrintsItsFiguresAndLeavesNoSinkBehind() throws Exception {
    Path summary = dir.resolve("summary.json");

    String out = run(bench("--summary", summary.toString()));

    assertThat(out)
        .contains("stations booted   24 of 24; all booted")
        .contains("steady phase")
        .containsPattern("calls +\\d+ CALLs by the stations, [\\d.]+ per second")
        .containsPattern(
            "CALL round trip   p50 [\\d.]+ ms, p90 .*, p99 [\\d.]+ ms, .*max [\\d.]+ ms")
        .containsPattern("CPU +[\\d.]+ CPU s per wall-clock s")
        .containsPattern("memory +peak RSS [\\d.]+ MB")
        .containsPattern("threads +\\d+")
        .contains("stop              24 stations stopped in")
        .contains("MeterValues")
        .doesNotContain("connection failed");
    FleetSummary written = FleetSummary.read(summary);
    assertThat(written.stations()).isEqualTo(24);
    assertThat(written.accepted()).isEqualTo(24);
    assertThat(written.roundTripHistogram().getTotalCount()).isPositive();
    Matcher sink = Pattern.compile("sink CSMS \\(pid (\\d+)\\)").matcher(out);
    assertThat(sink.find()).isTrue();
    long pid = Long.parseLong(sink.group(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
  }

  /** The same measured run on OCPP 2.1: the stations' transactions go out as TransactionEvents. */
  @Test
  void onOcpp21TheBenchmarkMeasuresTheStationsTransactionEvents() throws Exception {
    Path summary = dir.resolve("summary-21.json");

    String[] args = bench("--protocol", "ocpp2.1", "--summary", summary.toString());
    // Long enough for sessions to start after the boots on a loaded machine.
    args[List.of(args).indexOf("--duration") + 1] = "20s";

    String out = run(args);

    assertThat(out)
        .contains("===== 24 stations, ocpp2.1")
        .contains("stations booted   24 of 24; all booted")
        .containsPattern(
            "calls +\\d+ CALLs by the stations, [\\d.]+ per second; [1-9]\\d* transactions")
        .containsPattern("CALL round trip   p50 [\\d.]+ ms, p90 .*, p99 [\\d.]+ ms")
        .containsPattern("calls by action .*TransactionEvent [\\d.]+%")
        .contains("stop              24 stations stopped in")
        .doesNotContain("connection failed");
    FleetSummary written = FleetSummary.read(summary);
    assertThat(written.accepted()).isEqualTo(24);
    assertThat(written.roundTripHistogram().getTotalCount()).isPositive();
  }

  @Test
  void twoShardsRunDisjointStationsAndMergeIntoOneSummary() throws Exception {
    Path first = dir.resolve("shard-1.json");
    Path second = dir.resolve("shard-2.json");

    String one = run(bench("--shard", "1/2", "--summary", first.toString()));
    String two = run(bench("--shard", "2/2", "--summary", second.toString()));
    String merged = run("merge", first.toString(), second.toString());

    assertThat(one).contains("shard 1/2 of a fleet of 24: stations KW-EMU-001 to KW-EMU-012");
    assertThat(two).contains("shard 2/2 of a fleet of 24: stations KW-EMU-013 to KW-EMU-024");
    assertThat(merged)
        .contains("merged 2 shard summaries")
        .contains("stations booted   24 of 24")
        .contains("CALL round trip   p50");
  }
}
