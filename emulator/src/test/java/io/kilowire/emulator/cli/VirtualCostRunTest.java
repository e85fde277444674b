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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --protocol ocpp2.1 --speed max}: the in-memory sandbox gives its 2.1 stations its
 * price list as default tariff, as the real-time one does, and the stations price their
 * transactions in virtual time: each transaction's cost is its energy at 0.30 a kWh, and its
 * charging and idle time add up to the simulated time between its start and end, not to the
 * wall-clock instant it took.
 */
class VirtualCostRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** A CALL the station sent, at the simulated instant it sent it. */
  private record Sent(Instant at, JsonNode payload) {}

  @Test
  void aTwoOneStationInVirtualTimePricesEachTransactionWithTheSandboxsTariff() throws IOException {
    Path trace = dir.resolve("trace");

    int code =
        EmulatorCli.execute(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "run",
            "--protocol",
            "ocpp2.1",
            "--stations",
            "1",
            "--speed",
            "max",
            "--duration",
            "10m",
            "--trace",
            trace.toString());

    assertThat(code).as(err.toString() + out).isZero();
    Map<String, Sent> started = new HashMap<>();
    List<Sent[]> priced = new ArrayList<>();
    boolean tariffSet = false;
    for (String line : Files.readAllLines(trace.resolve("KW-EMU-001.ocpp.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      JsonNode frame = n.path("frame");
      if (n.path("dir").asText().equals("rx")
          && frame.path(2).asText().equals("SetDefaultTariff")) {
        tariffSet = true;
      }
      if (!n.path("dir").asText().equals("tx")
          || frame.path(0).asInt() != 2
          || !frame.path(2).asText().equals("TransactionEvent")) {
        continue;
      }
      JsonNode event = frame.path(3);
      Sent sent = new Sent(Instant.parse(n.path("ts").asText()), event);
      String tx = event.path("transactionInfo").path("transactionId").asText();
      switch (event.path("eventType").asText()) {
        case "Started" -> started.put(tx, sent);
        case "Ended" -> {
          if (started.containsKey(tx)) {
            priced.add(new Sent[] {started.get(tx), sent});
          }
        }
        default -> {}
      }
    }
    assertThat(tariffSet).as("the sandbox sent SetDefaultTariff").isTrue();
    assertThat(priced).as("transactions begun and ended in the run").isNotEmpty();
    for (Sent[] tx : priced) {
      JsonNode end = tx[1].payload();
      assertThat(end.path("transactionInfo").path("tariffId").asText()).isEqualTo("SANDBOX-0.30");
      JsonNode cost = end.path("costDetails");
      double kwh = (register(end) - register(tx[0].payload())) / 1000;
      assertThat(kwh).as(end.toString()).isPositive();
      assertThat(cost.path("totalCost").path("total").path("exclTax").asDouble())
          .as(end.toString())
          .isCloseTo(kwh * 0.30, within(0.0001));
      double usedS =
          cost.path("totalUsage").path("chargingTime").asDouble()
              + cost.path("totalUsage").path("idleTime").asDouble();
      long simulatedS = Duration.between(tx[0].at(), tx[1].at()).toSeconds();
      assertThat(usedS).as(end.toString()).isCloseTo(simulatedS, within(2.0));
    }
  }

  /** The event's energy import register, Wh. */
  private static double register(JsonNode event) {
    for (JsonNode value : event.path("meterValue")) {
      for (JsonNode sample : value.path("sampledValue")) {
        String measurand = sample.path("measurand").asText("Energy.Active.Import.Register");
        if (measurand.equals("Energy.Active.Import.Register") && !sample.has("phase")) {
          return sample.path("value").asDouble();
        }
      }
    }
    throw new AssertionError("no energy register in " + event);
  }
}
