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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** {@link #bench} for {@code duration}: long enough for every boot on a loaded machine. */
  private String[] benchFor(String duration, String... more) {
    String[] args = bench(more);
    args[List.of(args).indexOf("--duration") + 1] = duration;
    return args;
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

    String out = run(benchFor("20s", "--protocol", "ocpp2.1", "--summary", summary.toString()));

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

  /** Shards on each wire: a 2.1 fleet splits and merges as a 1.6 one does. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ocpp1.6", "ocpp2.1"})
  void twoShardsRunDisjointStationsAndMergeIntoOneSummary(String protocol) throws Exception {
    Path first = dir.resolve("shard-1.json");
    Path second = dir.resolve("shard-2.json");

    String one =
        run(
            benchFor(
                "20s", "--protocol", protocol, "--shard", "1/2", "--summary", first.toString()));
    String two =
        run(
            benchFor(
                "20s", "--protocol", protocol, "--shard", "2/2", "--summary", second.toString()));
    String merged = run("merge", first.toString(), second.toString());

    assertThat(one)
        .contains("shard 1/2 of a fleet of 24: stations KW-EMU-001 to KW-EMU-012")
        .contains("===== 12 stations, " + protocol)
        .contains("stations booted   12 of 12");
    assertThat(two)
        .contains("shard 2/2 of a fleet of 24: stations KW-EMU-013 to KW-EMU-024")
        .contains("===== 12 stations, " + protocol)
        .contains("stations booted   12 of 12");
    assertThat(merged)
        .contains("merged 2 shard summaries")
        .contains("stations booted   24 of 24")
        .contains("CALL round trip   p50");
    FleetSummary whole =
        FleetSummary.merge(List.of(FleetSummary.read(first), FleetSummary.read(second)));
    assertThat(whole.accepted()).isEqualTo(24);
    assertThat(whole.roundTripHistogram().getTotalCount())
        .isEqualTo(
            FleetSummary.read(first).roundTripHistogram().getTotalCount()
                + FleetSummary.read(second).roundTripHistogram().getTotalCount());
  }
}
