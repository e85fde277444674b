package io.kilowire.core.interop;

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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monitoring block and GetReport driven by ocpp-rpc in strict mode (2.0.1): every answer and
 * the NotifyMonitoringReport / NotifyReport pages pass the OCA schemas, with the statuses the use
 * cases prescribe.
 */
class MonitoringOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void theMonitoringBlockPassesOcppRpcStrictMode() {
    String calls =
        "[{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
            + "{\"value\":5,\"type\":\"Periodic\",\"severity\":8,"
            + "\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}},"
            + "{\"value\":1,\"type\":\"UpperThreshold\",\"severity\":8,"
            + "\"component\":{\"name\":\"ChargingStation\"},\"variable\":{\"name\":\"AvailabilityState\"}}]}},"
            + "{\"action\":\"GetMonitoringReport\",\"params\":{\"requestId\":1}},"
            + "{\"action\":\"SetMonitoringLevel\",\"params\":{\"severity\":8}},"
            + "{\"action\":\"SetMonitoringBase\",\"params\":{\"monitoringBase\":\"All\"}},"
            + "{\"action\":\"GetReport\",\"params\":{\"requestId\":2,\"componentCriteria\":[\"Enabled\"]}},"
            + "{\"action\":\"ClearVariableMonitoring\",\"params\":{\"id\":[1,42]}}]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.0.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId("KW-MON-RPC")
              .ocppVersions(OcppVersion.V201)
              .securityProfile(0)
              .build();
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    csms.events().stream()
                            .filter(e -> e.path("event").asText().startsWith("csmsCall"))
                            .count()
                        == 6);
        for (String action : List.of("NotifyMonitoringReport", "NotifyReport")) {
          csms.await(
              e ->
                  e.path("event").asText().equals("call")
                      && e.path("action").asText().equals(action),
              WAIT);
        }
      }
      List<JsonNode> events = csms.events();
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(events)
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("csmsCallError"));
      List<JsonNode> results =
          events.stream()
              .filter(e -> e.path("event").asText().equals("csmsCallResult"))
              .map(e -> e.path("result"))
              .toList();
      assertThat(results.get(0).at("/setMonitoringResult/0/status").asText()).isEqualTo("Accepted");
      assertThat(results.get(0).at("/setMonitoringResult/1/status").asText())
          .isEqualTo("UnsupportedMonitorType");
      assertThat(results.get(1).at("/status").asText()).isEqualTo("Accepted");
      assertThat(results.get(2).at("/status").asText()).isEqualTo("Accepted");
      assertThat(results.get(3).at("/status").asText()).isEqualTo("Accepted");
      assertThat(results.get(4).at("/status").asText()).isEqualTo("Accepted");
      assertThat(results.get(5).at("/clearMonitoringResult/0/status").asText())
          .isEqualTo("Accepted");
      assertThat(results.get(5).at("/clearMonitoringResult/1/status").asText())
          .isEqualTo("NotFound");
    }
  }
}
