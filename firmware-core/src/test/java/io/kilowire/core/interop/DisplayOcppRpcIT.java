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
 * The display-message block driven by ocpp-rpc in strict mode (2.0.1 O01-O06): every answer and the
 * NotifyDisplayMessages page pass the OCA schemas, with the statuses the use cases prescribe.
 */
class DisplayOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void theDisplayBlockPassesOcppRpcStrictMode() {
    String calls =
        "[{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":1,"
            + "\"priority\":\"InFront\",\"state\":\"Idle\","
            + "\"startDateTime\":\"2020-01-01T00:00:00.000Z\","
            + "\"message\":{\"format\":\"UTF8\",\"language\":\"en\",\"content\":\"Welcome\"}}}},"
            + "{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":2,"
            + "\"priority\":\"NormalCycle\",\"transactionId\":\"none\","
            + "\"message\":{\"format\":\"ASCII\",\"content\":\"x\"}}}},"
            + "{\"action\":\"GetDisplayMessages\",\"params\":{\"requestId\":7}},"
            + "{\"action\":\"ClearDisplayMessage\",\"params\":{\"id\":1}},"
            + "{\"action\":\"ClearDisplayMessage\",\"params\":{\"id\":1}}]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.0.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId("KW-DISPLAY-RPC")
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
                        == 5);
        JsonNode page =
            csms.await(
                e ->
                    e.path("event").asText().equals("call")
                        && e.path("action").asText().equals("NotifyDisplayMessages"),
                WAIT);
        assertThat(page.at("/params/requestId").asInt()).isEqualTo(7);
        assertThat(page.at("/params/messageInfo/0/message/content").asText()).isEqualTo("Welcome");
      }
      List<JsonNode> events = csms.events();
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(events)
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("csmsCallError"));
      List<String> statuses =
          events.stream()
              .filter(e -> e.path("event").asText().equals("csmsCallResult"))
              .map(e -> e.at("/result/status").asText())
              .toList();
      assertThat(statuses)
          .containsExactly("Accepted", "UnknownTransaction", "Accepted", "Accepted", "Unknown");
    }
  }
}
