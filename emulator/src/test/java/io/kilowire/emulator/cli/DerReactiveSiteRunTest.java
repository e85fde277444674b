package io.kilowire.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --site --hlc --protocol ocpp2.1} with a VoltVar curve in {@code grid.der}: the sandbox
 * asks the station for reactive power in its transaction meter values and sets the curve; as the
 * grid's voltage sags and swells across it, the V2G EV's output injects and then absorbs reactive
 * power, and the CSMS receives it as Power.Reactive.Export / Import.
 */
class DerReactiveSiteRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A V2G EV; the voltage at 100 %, 95 % from 16:30, 105 % from 17:00, 100 % from 17:30. */
  private static final Path SITE = Path.of("scenarios/volt-var.yaml");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void theV2gEvsOutputFollowsTheVoltVarCurveAndTheCsmsReceivesItsReactivePower()
      throws IOException {
    Path trace = dir.resolve("trace");

    int code =
        EmulatorCli.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "run",
            "--site",
            SITE.toString(),
            "--hlc",
            "--protocol",
            "ocpp2.1",
            "--speed",
            "max",
            "--duration",
            "2h",
            "--trace",
            trace.toString());

    assertThat(code).as(err.toString() + out).isZero();
    Map<String, String> calls = new HashMap<>();
    Map<String, JsonNode> answers = new HashMap<>();
    // Per instant the station sent it: reactive power, export negative, import positive.
    TreeMap<Instant, Double> reactive = new TreeMap<>();
    for (String line : Files.readAllLines(trace.resolve("KW-EMU-001.ocpp.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      JsonNode f = n.get("frame");
      if (f.get(0).asInt() == 2 && n.get("dir").asText().equals("rx")) {
        calls.put(f.get(1).asText(), f.get(2).asText());
      } else if (f.get(0).asInt() == 3 && n.get("dir").asText().equals("tx")) {
        String action = calls.get(f.get(1).asText());
        if (action != null) {
          answers.put(action, f.get(2));
        }
      } else if (f.get(0).asInt() == 2 && f.get(2).asText().equals("TransactionEvent")) {
        for (JsonNode value : f.get(3).path("meterValue")) {
          for (JsonNode sample : value.path("sampledValue")) {
            String measurand = sample.path("measurand").asText();
            double v = sample.path("value").asDouble();
            if (measurand.equals("Power.Reactive.Export")) {
              reactive.merge(Instant.parse(value.get("timestamp").asText()), -v, Double::sum);
            } else if (measurand.equals("Power.Reactive.Import")) {
              reactive.merge(Instant.parse(value.get("timestamp").asText()), v, Double::sum);
            }
          }
        }
      }
    }
    assertThat(answers.get("SetVariables").path("setVariableResult"))
        .as(String.valueOf(answers.get("SetVariables")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path("attributeStatus").asText()).isEqualTo("Accepted"));
    assertThat(answers.get("SetDERControl").path("status").asText()).isEqualTo("Accepted");

    // 100 %: inside the dead band, nothing exchanged.
    assertThat(at(reactive, "16:25")).isCloseTo(0, within(1e-6));
    // 95 %: 15 % of 32 A injected on three phases at 230 V, 3312 var exported.
    assertThat(at(reactive, "16:55")).isCloseTo(-3312, within(1e-6));
    // 105 %: as much absorbed.
    assertThat(at(reactive, "17:25")).isCloseTo(3312, within(1e-6));
    assertThat(at(reactive, "17:55")).isCloseTo(0, within(1e-6));
  }

  /** The last reactive power reported at or before {@code time} of the site's day. */
  private static double at(TreeMap<Instant, Double> reactive, String time) {
    Map.Entry<Instant, Double> e =
        reactive.floorEntry(Instant.parse("2026-12-07T" + time + ":00Z"));
    assertThat(e).as("a reactive reading before " + time).isNotNull();
    return e.getValue();
  }
}
