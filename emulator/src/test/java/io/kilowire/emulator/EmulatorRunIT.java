package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a user runs it: the shaded jar in its own JVM, stations against the
 * built-in sandbox CSMS, a frame trace on disk.
 */
class EmulatorRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Process start(String... args) throws IOException {
    return EmulatorJar.start(dir.resolve("out.txt"), List.of(args));
  }

  @Test
  void stationsBootAgainstTheSandboxAndTheTraceHoldsEveryFrame() throws Exception {
    for (String protocol : List.of("ocpp1.6", "ocpp2.0.1", "ocpp2.1")) {
      Path trace = dir.resolve("trace-" + protocol);
      Process p =
          start(
              "run",
              "--protocol",
              protocol,
              "--stations",
              "3",
              "--duration",
              "4s",
              "--trace",
              trace.toString());

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("emulator ended").isTrue();
      String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
      for (String id : List.of("KW-EMU-001", "KW-EMU-002", "KW-EMU-003")) {
        assertThat(out).contains("[sandbox] " + id + " connected (" + protocol + ")");
        assertThat(out).contains("[sandbox] " + id + " BootNotification Kilowire");
        assertThat(out).contains("[" + id + "] accepted");
        List<String> lines = Files.readAllLines(trace.resolve(id + ".ocpp.jsonl"));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        for (String line : lines) {
          JsonNode entry = JSON.readTree(line);
          assertThat(entry.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
          assertThat(entry.path("dir").asText()).isIn("tx", "rx");
          assertThat(entry.path("frame").isArray()).isTrue();
        }
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("frame").get(2).asText()).isEqualTo("BootNotification");
      }
      assertThat(out).contains("stopped: 3 station(s), 3 accepted");
    }
  }

  @Test
  void theRampSpreadsTheConnectionsAndTheStopEndsEveryStationAtOnce() throws Exception {
    Process p = start("run", "--stations", "6", "--ramp", "2/s", "--duration", "5s");

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("emulator ended").isTrue();
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    java.time.LocalTime starting = null;
    List<java.time.LocalTime> connected = new ArrayList<>();
    for (String line : out.lines().toList()) {
      java.time.LocalTime at = null;
      if (line.matches("\\S+ \\[\\w+\\] .*")) {
        at = java.time.LocalTime.parse(line.substring(0, line.indexOf(' ')));
      }
      if (line.contains("[emulator] starting 6 station(s) at 2/s")) {
        starting = at;
      } else if (line.matches("\\S+ \\[sandbox\\] KW-EMU-00\\d connected .*")) {
        connected.add(at);
      }
    }
    // 2 per second: the sixth station starts 2.5 s after the first (a busy machine only makes
    // it later), where without the ramp all six would connect at once.
    assertThat(starting).isNotNull();
    assertThat(connected).hasSize(6);
    assertThat(Duration.between(starting, connected.get(5)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2400));
    assertThat(out)
        .contains("6 station(s) stopped in")
        .contains("stopped: 6 station(s), 6 accepted");
  }

  @Test
  void sigtermEndsTheRunCleanly() throws Exception {
    Process p = start("run", "--stations", "2");
    Path out = dir.resolve("out.txt");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(out).contains("[KW-EMU-002] accepted"));
    p.destroy(); // SIGTERM

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(out)).contains("stopped: 2 station(s), 2 accepted");
    assertThat(p.exitValue()).as("a signal is a normal stop").isZero();
  }

  @Test
  void aRunThatNoCsmsEverAcceptedExitsNonZeroNamingTheUrlAndWhy() throws Exception {
    Process p = start("run", "--csms", "ws://127.0.0.1:1/", "--duration", "3s");

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"));
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out)
        .contains("no station was accepted by the CSMS at ws://127.0.0.1:1/ (UNREACHABLE")
        .contains("Connection refused")
        .doesNotContain("\tat "); // no stack trace
  }
}
