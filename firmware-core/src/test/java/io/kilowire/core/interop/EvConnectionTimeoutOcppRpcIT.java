package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.awaitOutcomes;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static io.kilowire.core.interop.OcppRpcCsms.outcomes;
import static io.kilowire.core.interop.OcppRpcCsms.started;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TxCtrlr.EVConnectionTimeOut against ocpp-rpc in strict mode, 2.0.1 and 2.1, over a real WebSocket
 * on 127.0.0.1: the CSMS sets it (and TxStartPoint Authorized), a driver authorizes and no EV
 * comes, and the transaction begun on the token ends with EVConnectTimeout, stoppedReason Timeout.
 * In 1.6 the same rule reads ConnectionTimeOut: the authorization lapses and the connector is
 * Available again.
 */
class EvConnectionTimeoutOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String SET =
      "[{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
          + "{\"attributeValue\":\"2\",\"component\":{\"name\":\"TxCtrlr\"},"
          + "\"variable\":{\"name\":\"EVConnectionTimeOut\"}},"
          + "{\"attributeValue\":\"Authorized\",\"component\":{\"name\":\"TxCtrlr\"},"
          + "\"variable\":{\"name\":\"TxStartPoint\"}}]}}]";

  @ParameterizedTest
  @ValueSource(strings = {"ocpp2.0.1", "ocpp2.1"})
  void aTransactionBegunOnTheTokenEndsWhenNoEvConnectsInTime(String protocol) {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", protocol, "--csms-call", SET);
        StationRuntime station = station(csms, protocol)) {
      awaitOutcomes(csms, 1);
      JsonNode set =
          csms.events().stream()
              .filter(e -> e.path("action").asText().equals("SetVariables"))
              .findFirst()
              .orElseThrow();
      assertThat(set.at("/result/setVariableResult/0/attributeStatus").asText())
          .as(set.toString())
          .isEqualTo("Accepted");
      assertThat(set.at("/result/setVariableResult/1/attributeStatus").asText())
          .isEqualTo("Accepted");

      station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
      awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      JsonNode ended =
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
      assertThat(ended.path("params").path("triggerReason").asText()).isEqualTo("EVConnectTimeout");
      assertThat(ended.path("params").at("/transactionInfo/stoppedReason").asText())
          .isEqualTo("Timeout");
      assertNoComplaints(csms);
    }
  }

  private static final String SET_16 =
      "{\"action\":\"ChangeConfiguration\",\"params\":"
          + "{\"key\":\"ConnectionTimeOut\",\"value\":\"2\"}}";

  @Test
  void onOcpp16AnAuthorizationNoEvFollowsInConnectionTimeOutLapsesAndTheConnectorIsAvailable() {
    try (NodePeer csms =
            NodePeer.start("server.js", "--protocol", "ocpp1.6", "--csms-call", SET_16);
        StationRuntime station = station(csms, "ocpp1.6")) {
      awaitOutcomes(csms, 1);
      assertThat(outcomes(csms)).containsExactly("Accepted");

      station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
      awaitCall(csms, "Authorize", p -> p.path("idTag").asText().equals("04A1B2C3"));
      awaitCall(csms, "StatusNotification", p -> p.path("status").asText().equals("Preparing"));
      int before = calls(csms, "StatusNotification", EvConnectionTimeoutOcppRpcIT::available1);
      // No EV within 2 s: the driver's authorization no longer holds the connector.
      csms.await(
          e -> calls(csms, "StatusNotification", EvConnectionTimeoutOcppRpcIT::available1) > before,
          WAIT);
      assertThat(calls(csms, "StartTransaction", p -> true)).isZero();
      assertNoComplaints(csms);
    }
  }

  private static boolean available1(JsonNode status) {
    return status.path("connectorId").asInt() == 1
        && status.path("status").asText().equals("Available");
  }

  private static StationRuntime station(NodePeer csms, String protocol) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    LazyHardware hardware = new LazyHardware();
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl(URI.create("ws://127.0.0.1:" + port))
            .stationId("KW-EV-TIMEOUT")
            .ocppVersions(
                switch (protocol) {
                  case "ocpp2.1" -> OcppVersion.V21;
                  case "ocpp1.6" -> OcppVersion.V16;
                  default -> OcppVersion.V201;
                })
            .securityProfile(0)
            .build();
    return started(hardware, StationRuntime.builder(config, hardware));
  }
}
