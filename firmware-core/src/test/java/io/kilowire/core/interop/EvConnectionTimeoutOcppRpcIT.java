package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.awaitOutcomes;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TxCtrlr.EVConnectionTimeOut against ocpp-rpc in strict mode, 2.0.1 and 2.1, over a real WebSocket
 * on 127.0.0.1: the CSMS sets it (and TxStartPoint Authorized), a driver authorizes and no EV
 * comes, and the transaction begun on the token ends with EVConnectTimeout, stoppedReason Timeout.
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

  private static StationRuntime station(NodePeer csms, String protocol) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    LazyHardware hardware = new LazyHardware();
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl(URI.create("ws://127.0.0.1:" + port))
            .stationId("KW-EV-TIMEOUT")
            .ocppVersions(protocol.equals("ocpp2.1") ? OcppVersion.V21 : OcppVersion.V201)
            .securityProfile(0)
            .build();
    return started(hardware, StationRuntime.builder(config, hardware));
  }
}
