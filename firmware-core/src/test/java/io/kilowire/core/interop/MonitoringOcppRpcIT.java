package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monitoring block and GetReport driven by ocpp-rpc in strict mode (2.0.1): every answer and
 * the NotifyMonitoringReport / NotifyReport pages pass the OCA schemas, with the statuses the use
 * cases prescribe.
 */
class MonitoringOcppRpcIT {
  /** The block's requests, as the peer takes them; the 2.1 run makes them too. */
  static final String CALLS =
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

  @Test
  void theMonitoringBlockPassesOcppRpcStrictMode() {
    List<JsonNode> events =
        StrictCsmsRun.drive(
            OcppVersion.V201,
            "KW-MON-RPC",
            CALLS,
            t -> t,
            "NotifyMonitoringReport",
            "NotifyReport");
    List<JsonNode> results =
        StrictCsmsRun.results(events).stream().map(e -> e.path("result")).toList();
    assertThat(results.get(0).at("/setMonitoringResult/0/status").asText()).isEqualTo("Accepted");
    assertThat(results.get(0).at("/setMonitoringResult/1/status").asText())
        .isEqualTo("UnsupportedMonitorType");
    assertThat(results.get(1).at("/status").asText()).isEqualTo("Accepted");
    assertThat(results.get(2).at("/status").asText()).isEqualTo("Accepted");
    assertThat(results.get(3).at("/status").asText()).isEqualTo("Accepted");
    assertThat(results.get(4).at("/status").asText()).isEqualTo("Accepted");
    assertThat(results.get(5).at("/clearMonitoringResult/0/status").asText()).isEqualTo("Accepted");
    assertThat(results.get(5).at("/clearMonitoringResult/1/status").asText()).isEqualTo("NotFound");
  }
}
