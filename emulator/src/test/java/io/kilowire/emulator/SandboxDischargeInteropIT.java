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
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox CSMS's V2G programme on the wire, judged by a third party: a 2.1 station played by
 * ocpp-rpc in strict mode (the bundled 2.1 schemas) over a WebSocket on 127.0.0.1 starts a
 * transaction; in the window the sandbox sends a CentralSetpoint TxProfile with a negative setpoint
 * for it and, at the window's end, a ClearChargingProfile. Every frame passes the schemas both ways
 * and Part 2's primitive rules.
 */
class SandboxDischargeInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theDischargeProfileAndItsClearingPassThe21SchemasOfAStrictStation() {
    ExecutorTaskScheduler scheduler =
        ExecutorTaskScheduler.singleThread("sandbox-csms-test", Map.of());
    // A zone where it is midday now, so the few seconds of the window never straddle midnight.
    Instant now = Instant.now();
    int hourUtc = now.atZone(ZoneOffset.UTC).getHour();
    ZoneOffset zone = ZoneOffset.ofHours(Math.floorMod(12 - hourUtc + 12, 24) - 12);
    LocalTime local = now.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
    SandboxCsms sandbox =
        new SandboxCsms(
                new Console(new PrintStream(OutputStream.nullOutputStream())),
                scheduler,
                Clock.systemUTC(),
                0)
            .start();
    sandbox.discharge(
        new SandboxCsms.DischargeWindow(local.plusSeconds(6), local.plusSeconds(9), 10, zone));
    String started = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    String calls =
        "[{\"call\":\"BootNotification\",\"params\":{\"reason\":\"PowerUp\",\"chargingStation\":"
            + "{\"model\":\"V2G\",\"vendorName\":\"Test\"}}},"
            + "{\"call\":\"TransactionEvent\",\"params\":{\"eventType\":\"Started\",\"timestamp\":\""
            + started
            + "\",\"triggerReason\":\"CablePluggedIn\",\"seqNo\":0,\"transactionInfo\":"
            + "{\"transactionId\":\"tx-v2g-1\"},\"evse\":{\"id\":1,\"connectorId\":1}}}]";
    String replies =
        "{\"SetChargingProfile\":{\"status\":\"Accepted\"},"
            + "\"ClearChargingProfile\":{\"status\":\"Accepted\"}}";
    try (NodePeer station =
        NodePeer.start(
            "station.js",
            "--endpoint",
            sandbox.uri().toString().replaceAll("/+$", ""),
            "--identity",
            "CP-V2G",
            "--protocol",
            "ocpp2.1",
            "--calls",
            calls,
            "--replies",
            replies,
            "--until",
            "ClearChargingProfile",
            "--timeout-ms",
            "25000")) {
      assertThat(station.awaitExit(WAIT)).as(station.events() + station.stderr()).isZero();
      List<JsonNode> events = station.events();
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("fatal"));
      assertThat(events).filteredOn(e -> e.path("event").asText().equals("result")).hasSize(2);
      assertThat(events).noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
      assertThat(station.primitiveViolations()).isEmpty();
      List<JsonNode> csmsCalls =
          events.stream().filter(e -> e.path("event").asText().equals("call")).toList();
      assertThat(csmsCalls)
          .extracting(e -> e.path("action").asText())
          .containsSubsequence("SetChargingProfile", "ClearChargingProfile");
      JsonNode set =
          csmsCalls.stream()
              .filter(e -> e.path("action").asText().equals("SetChargingProfile"))
              .filter(e -> e.path("params").path("chargingProfile").path("id").asInt() == 2101)
              .findFirst()
              .orElseThrow()
              .path("params");
      assertThat(set.path("evseId").asInt()).isEqualTo(1);
      JsonNode profile = set.path("chargingProfile");
      assertThat(profile.path("chargingProfilePurpose").asText()).isEqualTo("TxProfile");
      assertThat(profile.path("transactionId").asText()).isEqualTo("tx-v2g-1");
      JsonNode period =
          profile.path("chargingSchedule").path(0).path("chargingSchedulePeriod").path(0);
      assertThat(period.path("operationMode").asText()).isEqualTo("CentralSetpoint");
      assertThat(period.path("setpoint").asDouble()).isEqualTo(-10);
      assertThat(period.path("dischargeLimit").asDouble()).isEqualTo(-10);
      JsonNode clear =
          csmsCalls.stream()
              .filter(e -> e.path("action").asText().equals("ClearChargingProfile"))
              .findFirst()
              .orElseThrow();
      assertThat(clear.path("params").path("chargingProfileId").asInt()).isEqualTo(2101);
    } finally {
      sandbox.close();
      scheduler.close();
    }
  }
}
