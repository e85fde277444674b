package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --protocol ocpp2.1 --site} with a {@code grid.der} curve: the sandbox CSMS sets it on
 * the station (SetDERControl, answered Accepted) and the site's EV current falls along it in the
 * under-frequency event and comes back after.
 */
class DerSiteRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SITE =
      """
      name: under-frequency
      start: "2026-12-07T16:00:00Z"
      gridLimitA: 100
      building: {profile: flat, peakA: [5, 5, 5]}
      evses:
        - {station: 1, evse: 1, wiring: L1L2L3, hardwareMaxA: 32}
      arrivals:
        - {at: "16:05", station: 1, evse: 1, batteryKwh: 200, soc: 10, targetSoc: 90, maxA: 32,
           phases: 3, departure: "23:00"}
      grid:
        frequencyHz:
          - {t: "00:00", value: 50.0}
          - {t: "17:00", value: 49.9}
          - {t: "17:20", value: 49.75}
          - {t: "17:30", value: 50.0}
        der:
          - {id: fw, type: FreqWatt, priority: 1, yUnit: PctMaxW,
             curve: [{x: 49.8, y: 0}, {x: 50.0, y: -100}]}
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void theStationAcceptsTheSandboxsCurveAndTheEvCurrentFollowsIt() throws IOException {
    Path site = Files.writeString(dir.resolve("der.yaml"), SITE);
    Path trace = dir.resolve("trace");

    int code =
        EmulatorCli.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "run",
            "--site",
            site.toString(),
            "--protocol",
            "ocpp2.1",
            "--speed",
            "max",
            "--duration",
            "2h",
            "--trace",
            trace.toString());

    assertThat(code).as(err.toString() + out).isZero();
    String setId = null;
    String answer = null;
    for (String line : Files.readAllLines(trace.resolve("KW-EMU-001.ocpp.jsonl"))) {
      JsonNode f = JSON.readTree(line).get("frame");
      if (f.get(0).asInt() == 2 && f.get(2).asText().equals("SetDERControl")) {
        assertThat(f.get(3).path("controlType").asText()).isEqualTo("FreqWatt");
        setId = f.get(1).asText();
      } else if (f.get(0).asInt() == 3 && f.get(1).asText().equals(setId)) {
        answer = f.get(2).path("status").asText();
      }
    }
    assertThat(answer).as("the station's answer to SetDERControl").isEqualTo("Accepted");

    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(trace.resolve("site.csv"))) {
      String[] r = line.split(",");
      if (r[1].equals("L1")) {
        rows.add(r);
      }
    }
    assertThat(ev(rows, "16:50")).as("50 Hz").isGreaterThan(20);
    assertThat(ev(rows, "17:15")).as("49.9 Hz: half").isLessThanOrEqualTo(16).isGreaterThan(10);
    assertThat(ev(rows, "17:25")).as("49.75 Hz: none").isZero();
    assertThat(ev(rows, "17:45")).as("50 Hz again").isGreaterThan(20);
  }

  /** What the EVs draw on L1 at {@code time} of the site's day (the last trace row before it). */
  private static double ev(List<String[]> rows, String time) {
    Instant at = Instant.parse("2026-12-07T" + time + ":00Z");
    double value = 0;
    for (String[] r : rows) {
      if (Instant.parse(r[0]).isAfter(at)) {
        break;
      }
      value = Double.parseDouble(r[4]);
    }
    return value;
  }
}
