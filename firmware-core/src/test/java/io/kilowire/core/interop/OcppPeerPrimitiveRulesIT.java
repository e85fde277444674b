package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.MessageListener;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.WebSocketTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The interop tests' strict peer checks more than the schemas: raw frames, sent past our codec,
 * that break OCPP 2.0.1 Part 2's primitive rules (dateTime with more than 3 fractional digits, a
 * decimal with more than 6 places, an ISO14443 token that is not a UID), in a CALL and in a
 * CALLRESULT, each come back as a {@code primitiveViolation} line naming the field, and frames that
 * keep the rules produce none. Without this, a peer that never complains would prove nothing.
 */
class OcppPeerPrimitiveRulesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void thePeerReportsEveryBrokenPrimitiveRuleAndNothingElse() throws Exception {
    String compositeCall =
        "{\"action\":\"GetCompositeSchedule\",\"params\":{\"duration\":600,\"evseId\":1}}";
    try (NodePeer csms =
            NodePeer.start("server.js", "--protocol", "ocpp2.0.1", "--csms-call", compositeCall);
        ExecutorTaskScheduler scheduler =
            ExecutorTaskScheduler.singleThread("raw-station", Map.of())) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      WebSocketTransport station =
          new WebSocketTransport(
              TransportConfig.builder()
                  .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                  .stationId("RAW-1")
                  .ocppVersions(OcppVersion.V201)
                  .securityProfile(0)
                  .build(),
              scheduler);
      station.connect(new MessageListener(frame -> answerTheCompositeScheduleCall(station, frame)));
      await().atMost(WAIT).until(station::isOpen);

      send(
          csms,
          station,
          "[2,\"ok-boot\",\"BootNotification\",{\"chargingStation\":{\"model\":\"X\",\"vendorName\":\"V\"},\"reason\":\"PowerUp\"}]");
      send(
          csms,
          station,
          "[2,\"bad-time\",\"StatusNotification\",{\"timestamp\":\"2026-12-07T06:08:15.362177431Z\",\"connectorStatus\":\"Available\",\"evseId\":1,\"connectorId\":1}]");
      send(
          csms,
          station,
          "[2,\"bad-token\",\"Authorize\",{\"idToken\":{\"idToken\":\"EVKWEMU00101\",\"type\":\"ISO14443\"}}]");
      send(
          csms,
          station,
          "[2,\"bad-decimal\",\"MeterValues\",{\"evseId\":1,\"meterValue\":[{\"timestamp\":\"2026-01-01T00:00:00.123Z\",\"sampledValue\":[{\"value\":120.90000000000001}]}]}]");
      send(
          csms,
          station,
          "[2,\"ok-token\",\"Authorize\",{\"idToken\":{\"idToken\":\"04A1B2C3D4E5F6\",\"type\":\"ISO14443\"}}]");
      csms.awaitEvent("csmsCallResult", WAIT);
      station.close();

      List<JsonNode> violations = csms.primitiveViolations();
      assertThat(violations)
          .extracting(v -> v.path("rule").asText() + " " + v.path("value").asText())
          .containsExactlyInAnyOrder(
              "dateTime 2026-12-07T06:08:15.362177431Z",
              "idToken EVKWEMU00101",
              "decimal 120.90000000000001",
              "dateTime 2026-01-01T00:00:00.1234567Z",
              "decimal 16.6666667");
      assertThat(violations)
          .filteredOn(v -> v.path("rule").asText().equals("dateTime"))
          .extracting(v -> v.path("path").asText())
          .containsExactlyInAnyOrder("timestamp", "schedule.scheduleStart");
      assertThat(violations).noneMatch(v -> v.path("frame").asText().contains("ok-"));
    }
  }

  /** Sends a raw frame and waits until the peer has answered it. */
  private static void send(NodePeer csms, WebSocketTransport station, String frame) {
    String id = frame.split("\"")[1];
    assertThat(station.send(frame)).as("sent %s", id).isTrue();
    csms.await(
        e ->
            e.path("event").asText().equals("frame")
                && e.path("dir").asText().equals("tx")
                && e.path("frame").asText().matches("\\[[34],\"" + id + "\".*"),
        WAIT);
  }

  /** Answers the CSMS's GetCompositeSchedule with a schedule that breaks two rules. */
  private static void answerTheCompositeScheduleCall(WebSocketTransport station, String frame) {
    JsonNode call;
    try {
      call = JSON.readTree(frame);
    } catch (IOException e) {
      return;
    }
    if (call.path(0).asInt() == 2 && call.path(2).asText().equals("GetCompositeSchedule")) {
      station.send(
          "[3,\""
              + call.path(1).asText()
              + "\",{\"status\":\"Accepted\",\"schedule\":{\"evseId\":1,\"duration\":600,"
              + "\"scheduleStart\":\"2026-01-01T00:00:00.1234567Z\",\"chargingRateUnit\":\"A\","
              + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16.6666667}]}}]");
    }
  }
}
