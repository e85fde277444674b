package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --site --hlc --protocol ocpp2.1} with a {@code v2g} peak: the sandbox CSMS asks the
 * EVs to feed back in CentralSetpoint during the peak and lifts it after; only the V2G EV does.
 */
class V2gSiteRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A V2G EV and a plain one, both on ISO 15118, plugged in before the 17:00-18:00 peak. */
  private static final String SITE =
      """
      name: evening
      start: "2026-03-02T16:00:00Z"
      gridLimitA: 40
      marginA: 2
      building:
        series:
          - {t: "16:00", a: [8, 8, 8]}
          - {t: "17:00", a: [20, 18, 19]}
          - {t: "18:00", a: [9, 9, 9]}
      evses:
        - {station: 1, evse: 1, wiring: L1L2L3}
        - {station: 1, evse: 2, wiring: L2L3L1}
      arrivals:
        - {at: "16:10", station: 1, evse: 1, batteryKwh: 60, soc: 60, targetSoc: 90, maxA: 16,
           phases: 3, departure: "07:00", v2g: {maxA: 16, minSoc: 40}}
        - {at: "16:15", station: 1, evse: 2, batteryKwh: 40, soc: 50, maxA: 16, phases: 3,
           departure: "07:00"}
      v2g: {from: "17:00", until: "18:00", dischargeA: 10}
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return EmulatorCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  /** {@code run --site --hlc --protocol ocpp2.1} in virtual time for {@code duration}. */
  private int runPeak(Path site, Path trace, String duration) {
    return run(
        "run",
        "--site",
        site.toString(),
        "--hlc",
        "--protocol",
        "ocpp2.1",
        "--speed",
        "max",
        "--duration",
        duration,
        "--trace",
        trace.toString());
  }

  private record Frame(Instant ts, String dir, JsonNode frame) {}

  private static List<Frame> frames(Path file) throws IOException {
    List<Frame> frames = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      try {
        JsonNode n = JSON.readTree(line);
        frames.add(
            new Frame(Instant.parse(n.get("ts").asText()), n.get("dir").asText(), n.get("frame")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return frames;
  }

  @Test
  void theSandboxAsksForAFeedBackInThePeakOnlyTheV2gEvAcceptsAndItIsLiftedAfter()
      throws IOException {
    Path site = Files.writeString(dir.resolve("evening.yaml"), SITE);
    Path trace = dir.resolve("trace");

    int code = runPeak(site, trace, "3h");

    assertThat(code).as(err.toString() + out).isZero();
    List<Frame> frames = frames(trace.resolve("KW-EMU-001.ocpp.jsonl"));
    Map<String, Frame> calls = new HashMap<>();
    Map<Integer, String> answers = new HashMap<>();
    Map<Integer, Instant> asked = new HashMap<>();
    List<Instant> cleared = new ArrayList<>();
    for (Frame f : frames) {
      JsonNode a = f.frame();
      if (f.dir().equals("rx") && a.get(0).asInt() == 2) {
        calls.put(a.get(1).asText(), f);
        JsonNode p = a.get(3);
        if (a.get(2).asText().equals("SetChargingProfile")
            && p.path("chargingProfile").path("id").asInt() > 2100) {
          JsonNode period =
              p.get("chargingProfile")
                  .get("chargingSchedule")
                  .get(0)
                  .get("chargingSchedulePeriod")
                  .get(0);
          assertThat(period.get("operationMode").asText()).isEqualTo("CentralSetpoint");
          assertThat(period.get("setpoint").asDouble()).isEqualTo(-10);
          assertThat(period.get("dischargeLimit").asDouble()).isEqualTo(-10);
          asked.put(p.get("evseId").asInt(), f.ts());
        }
        if (a.get(2).asText().equals("ClearChargingProfile")) {
          assertThat(p.get("chargingProfileId").asInt()).isEqualTo(2101);
          cleared.add(f.ts());
        }
      }
      if (f.dir().equals("tx") && a.get(0).asInt() == 3) {
        Frame call = calls.get(a.get(1).asText());
        if (call != null && call.frame().get(2).asText().equals("SetChargingProfile")) {
          int evse = call.frame().get(3).get("evseId").asInt();
          if (call.frame().get(3).get("chargingProfile").get("id").asInt() > 2100) {
            answers.put(evse, a.get(2).get("status").asText());
          }
        }
      }
    }
    assertThat(asked).containsOnlyKeys(1, 2);
    assertThat(asked.values())
        .allSatisfy(
            t ->
                assertThat(t)
                    .isBetween(
                        Instant.parse("2026-03-02T17:00:00Z"),
                        Instant.parse("2026-03-02T17:00:01Z")));
    assertThat(answers).containsEntry(1, "Accepted").containsEntry(2, "Rejected");
    assertThat(cleared)
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .isBetween(
                        Instant.parse("2026-03-02T18:00:00Z"),
                        Instant.parse("2026-03-02T18:00:01Z")));

    // The V2G EV feeds back 10 A during the peak, the plain one does not, and both charge after.
    List<String> pilot = Files.readAllLines(trace.resolve("KW-EMU-001.pilot.csv"));
    assertThat(drawAt(pilot, 1, "17:30:00")).isEqualTo(-10);
    assertThat(drawAt(pilot, 2, "17:30:00")).isPositive();
    assertThat(drawAt(pilot, 1, "18:30:00")).isGreaterThan(6);
    assertThat(drawAt(pilot, 2, "18:30:00")).isPositive();
  }

  @Test
  void aV2gEvArrivingInThePeakIsAskedAsSoonAsItsTransactionStarts() throws IOException {
    Path site =
        Files.writeString(
            dir.resolve("late.yaml"),
            SITE.replace(
                "{at: \"16:10\", station: 1, evse: 1", "{at: \"17:10:30\", station: 1, evse: 1"));
    Path trace = dir.resolve("late");

    int code = runPeak(site, trace, "90m");

    assertThat(code).as(err.toString() + out).isZero();
    Instant asked = null;
    for (Frame f : frames(trace.resolve("KW-EMU-001.ocpp.jsonl"))) {
      JsonNode a = f.frame();
      if (f.dir().equals("rx")
          && a.get(0).asInt() == 2
          && a.get(2).asText().equals("SetChargingProfile")
          && a.get(3).path("chargingProfile").path("id").asInt() == 2101) {
        asked = f.ts();
      }
    }
    assertThat(asked)
        .isNotNull()
        .isBetween(Instant.parse("2026-03-02T17:10:30Z"), Instant.parse("2026-03-02T17:10:32Z"));
    List<String> pilot = Files.readAllLines(trace.resolve("KW-EMU-001.pilot.csv"));
    assertThat(drawAt(pilot, 1, "17:10:40")).isEqualTo(-10);
  }

  /** What the EV on {@code evse} draws at {@code time} that day: the pilot trace's last row. */
  private static double drawAt(List<String> pilot, int evse, String time) {
    Instant at = Instant.parse("2026-03-02T" + time + "Z");
    double draw = Double.NaN;
    for (String l : pilot.subList(1, pilot.size())) {
      String[] f = l.split(",");
      if (f[1].equals(String.valueOf(evse)) && !Instant.parse(f[0]).isAfter(at)) {
        draw = Double.parseDouble(f[5]);
      }
    }
    return draw;
  }
}
