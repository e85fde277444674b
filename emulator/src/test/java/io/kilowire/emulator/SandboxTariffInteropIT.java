package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox CSMS sets its price list as the default tariff of a 2.1 station once it has accepted
 * its boot, judged by a third party: a 2.1 station played by ocpp-rpc in strict mode (the bundled
 * 2.1 schemas) over a WebSocket on 127.0.0.1 receives SetDefaultTariff for every EVSE at 0.30 a
 * kWh. Every frame passes the schemas both ways and Part 2's primitive rules.
 */
class SandboxTariffInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aStrict21StationGetsTheSandboxsPriceListAsItsDefaultTariff() {
    ExecutorTaskScheduler scheduler =
        ExecutorTaskScheduler.singleThread("sandbox-csms-test", Map.of());
    SandboxCsms sandbox =
        new SandboxCsms(
                new Console(new PrintStream(OutputStream.nullOutputStream())),
                scheduler,
                Clock.systemUTC(),
                0)
            .defaultTariff()
            .start();
    String calls =
        "[{\"call\":\"BootNotification\",\"params\":{\"reason\":\"PowerUp\",\"chargingStation\":"
            + "{\"model\":\"Cost\",\"vendorName\":\"Test\"}}}]";
    try (NodePeer station =
        NodePeer.start(
            "station.js",
            "--endpoint",
            sandbox.uri().toString().replaceAll("/+$", ""),
            "--identity",
            "CP-COST",
            "--protocol",
            "ocpp2.1",
            "--calls",
            calls,
            "--replies",
            "{\"SetDefaultTariff\":{\"status\":\"Accepted\"}}",
            "--until",
            "SetDefaultTariff",
            "--timeout-ms",
            "25000")) {
      assertThat(station.awaitExit(WAIT)).as(station.events() + station.stderr()).isZero();
      List<JsonNode> events = station.events();
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("fatal"));
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
      assertThat(station.primitiveViolations()).isEmpty();
      JsonNode set =
          events.stream()
              .filter(e -> e.path("event").asText().equals("call"))
              .filter(e -> e.path("action").asText().equals("SetDefaultTariff"))
              .findFirst()
              .orElseThrow()
              .path("params");
      assertThat(set.path("evseId").asInt()).isZero();
      assertThat(set.path("tariff").path("currency").asText()).isEqualTo("EUR");
      assertThat(set.at("/tariff/energy/prices/0/priceKwh").decimalValue())
          .isEqualByComparingTo("0.30");
    } finally {
      sandbox.close();
      scheduler.close();
    }
  }
}
