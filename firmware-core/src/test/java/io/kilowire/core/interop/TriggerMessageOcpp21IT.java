package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;

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
 * TriggerMessage with 2.1's kinds against ocpp-rpc in strict mode with the 2.1 schemas, over a real
 * WebSocket on 127.0.0.1: SignV2G20Certificate and CustomTrigger are answered NotImplemented (a
 * schema-valid answer, no CALLERROR), Heartbeat is answered Accepted and the heartbeat follows.
 */
class TriggerMessageOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void theNewKindsAreNotImplementedAndAKnownOneIsSent() {
    String calls =
        "[{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":\"SignV2G20Certificate\"}},"
            + "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":\"CustomTrigger\","
            + "\"customTrigger\":\"com.example.Foo\"}},"
            + "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":\"Heartbeat\"}}]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();

        awaitCall(csms, "Heartbeat", p -> true);
        // The triggered heartbeat may reach the peer before it prints the trigger's answer.
        csms.await(
            e ->
                e.path("event").asText().equals("csmsCallResult")
                    && e.path("result").path("status").asText().equals("Accepted"),
            WAIT);
        List<String> statuses =
            csms.events().stream()
                .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                .map(e -> e.path("result").path("status").asText())
                .toList();
        assertThat(statuses).containsExactly("NotImplemented", "NotImplemented", "Accepted");
        JsonNode custom =
            csms.events().stream()
                .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                .skip(1)
                .findFirst()
                .orElseThrow();
        assertThat(custom.path("result").path("statusInfo").path("additionalInfo").asText())
            .contains("com.example.Foo");
        assertNoComplaints(csms);
      }
    }
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-TRIGGER")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
