package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** --log-format, --log-level, --show-frames, and the progress bar's line. */
class OutputFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream systemOut = System.out;
  private final PrintStream systemErr = System.err;

  @AfterEach
  void restore() {
    System.setOut(systemOut);
    System.setErr(systemErr);
    Logs.defaults();
  }

  @Test
  void aVirtualRunWithShowFramesAndJsonPrintsEveryFrameAsAJsonLine() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));

    int code =
        EmulatorCli.execute(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(new StringWriter(), true),
            "run",
            "--speed",
            "max",
            "--duration",
            "2m",
            "--ev-mode",
            "none",
            "--show-frames",
            "--log-format",
            "json");

    assertThat(code).isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      assertThat(o.path("ts").asText()).endsWith("Z");
      assertThat(o.path("source").asText()).isNotEmpty();
      assertThat(o.has("message")).isTrue();
    }
    assertThat(lines)
        .anyMatch(
            l ->
                l.contains("\"source\":\"KW-EMU-001\"")
                    && l.contains("→ [2,")
                    && l.contains("BootNotification"))
        .anyMatch(l -> l.contains("\"source\":\"KW-EMU-001\"") && l.contains("← [3,"));
  }

  @Test
  void logLinesAreJsonObjectsAtTheLevelAskedFor() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Logs.configure(Logs.LogLevel.INFO, true);

    LoggerFactory.getLogger("io.kilowire.test").debug("not shown");
    LoggerFactory.getLogger("io.kilowire.test")
        .info("shown {}", 42, new IllegalStateException("why"));

    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode o = JSON.readTree(lines.get(0));
    assertThat(o.path("level").asText()).isEqualTo("INFO");
    assertThat(o.path("logger").asText()).isEqualTo("io.kilowire.test");
    assertThat(o.path("message").asText()).isEqualTo("shown 42");
    assertThat(o.path("error").asText()).contains("IllegalStateException: why");
  }

  @Test
  void textLogLinesAreMarkedWallClock() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Logs.configure(Logs.LogLevel.WARN, false);

    LoggerFactory.getLogger("io.kilowire.test").info("not shown");
    LoggerFactory.getLogger("io.kilowire.test").warn("careful");

    assertThat(err.toString(StandardCharsets.UTF_8))
        .matches(
            "wall \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[.+\\] WARN io\\.kilowire\\.test - careful\\R");
  }

  @Test
  void theProgressBarShowsTheFractionDone() {
    assertThat(ProgressBar.render("simulating", 0.5, "12:00"))
        .isEqualTo("simulating [###############...............]  50 % 12:00");
    assertThat(ProgressBar.render("x", 1.2, "")).contains("[" + "#".repeat(30) + "] 100 %");
  }

  @Test
  void offATerminalTheProgressBarWritesNothing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), false, "x");
    bar.show(0.3, "");
    bar.done();
    assertThat(err.size()).isZero();
  }
}
