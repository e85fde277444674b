package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 2.1 CentralFrequency across a restart, against ocpp-rpc in strict mode with the 2.1 schemas
 * over 127.0.0.1: the CSMS sets a CentralFrequency TxDefaultProfile and sends an aFRR signal; the
 * station restarts from its state directory, and a V2G EV's transaction afterwards follows the
 * signal-watt curve at that signal (at the output), not the baseline alone.
 */
class AfrrSignalRestartOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static final String PROFILE =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{\"id\":5,"
          + "\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2025-12-31T00:00:00Z\",\"chargingRateUnit\":\"W\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":11040,"
          + "\"dischargeLimit\":-11040,\"operationMode\":\"CentralFrequency\","
          + "\"v2xBaseline\":690,\"v2xSignalWattCurve\":[{\"signal\":-100,\"power\":-6900},"
          + "{\"signal\":100,\"power\":6900}]}]}]}}}";

  @Test
  void theSignalInForceOutlivesARestart(@TempDir Path dir) {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware).stateDir(dir).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        hardware.fake.bidirectional(1, true);
        station.start();
        awaitCall(csms, "StatusNotification", p -> true);
        csms.send(PROFILE);
        assertThat(result(csms, "SetChargingProfile").path("status").asText())
            .isEqualTo("Accepted");
        csms.send(
            "{\"action\":\"AFRRSignal\",\"params\":{\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"signal\":-50}}");
        assertThat(result(csms, "AFRRSignal").path("status").asText()).isEqualTo("Accepted");
      }

      LazyHardware restarted = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), restarted).stateDir(dir).build()) {
        restarted.fake = new FakeHardware(station.scheduler());
        restarted.fake.bidirectional(1, true);
        restarted.fake.evInBptSession(1, true);
        station.start();
        // Registered again (its status reported anew) before the driver comes.
        await()
            .atMost(WAIT)
            .until(() -> OcppRpcCsms.calls(csms, "StatusNotification", p -> true) >= 2);
        station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        station.call(() -> station.station().plugIn(1));
        station.call(() -> restarted.fake.draw(1, 16));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        // 690 W + the curve at -50 (-3450 W) on three phases at 230 V: -4 A; the baseline is 1 A.
        await()
            .atMost(WAIT)
            .until(() -> Double.valueOf(-4.0).equals(restarted.fake.offeredSetpoint(1)));
      }
      assertNoComplaints(csms);
    }
  }

  /** The answer to the CSMS's (only) CALL of {@code action}; fails on a CALLERROR. */
  private static JsonNode result(NodePeer csms, String action) {
    Predicate<JsonNode> answer =
        e ->
            e.path("event").asText().startsWith("csmsCall")
                && e.path("action").asText().equals(action);
    await().atMost(WAIT).until(() -> OcppRpcCsms.count(csms, answer) >= 1);
    JsonNode done = csms.events().stream().filter(answer).findFirst().orElseThrow();
    assertThat(done.path("event").asText()).as(done.toString()).isEqualTo("csmsCallResult");
    return done.path("result");
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-AFRR-21")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
