package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.AvailabilityStatus;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v16.ChargePointErrorCode;
import io.kilowire.core.ocpp.v16.ChargePointStatus;
import io.kilowire.core.ocpp.v201.BootReason;
import io.kilowire.core.ocpp.v201.ChargingStation;
import io.kilowire.core.ocpp.v201.ConnectorStatus;
import io.kilowire.core.ocpp.v201.GetVariableResult;
import io.kilowire.core.ocpp.v201.GetVariableStatus;
import io.kilowire.core.ocpp.v201.GetVariablesRequest;
import io.kilowire.core.ocpp.v201.GetVariablesResponse;
import io.kilowire.core.ocpp.v201.RegistrationStatus;
import io.kilowire.core.runtime.OcppClient;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our station-side client against a third-party CSMS: ocpp-rpc in strict mode validates every frame
 * we send and every reply we give against the OCA schemas. A single schema error on either side
 * fails the test.
 */
class OcppRpcServerInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void anOcpp16StationBootsHeartbeatsReportsStatusAndAnswersTheCsmsCall() throws Exception {
    String csmsCall =
        "{\"action\":\"ChangeAvailability\",\"params\":{\"connectorId\":1,\"type\":\"Inoperative\"}}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp1.6", "--csms-call", csmsCall)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (OcppClient client =
          OcppClient.builder(config(port, OcppVersion.V16))
              .sessionConfigurer(
                  s ->
                      s.handle(
                          ChangeAvailabilityRequest.class,
                          r -> new ChangeAvailabilityResponse(AvailabilityStatus.SCHEDULED)))
              .build()) {
        client.start();
        await().atMost(WAIT).until(client::isConnected);

        var boot =
            client
                .call(
                    io.kilowire.core.ocpp.v16.BootNotificationRequest.of("Kilowire", "KW-IT"),
                    io.kilowire.core.ocpp.v16.BootNotificationResponse.class)
                .get(10, TimeUnit.SECONDS);
        assertThat(boot.status()).isEqualTo(io.kilowire.core.ocpp.v16.RegistrationStatus.ACCEPTED);
        client
            .call(
                new io.kilowire.core.ocpp.v16.HeartbeatRequest(),
                io.kilowire.core.ocpp.v16.HeartbeatResponse.class)
            .get(10, TimeUnit.SECONDS);
        client
            .call(
                new io.kilowire.core.ocpp.v16.StatusNotificationRequest(
                    1,
                    ChargePointErrorCode.NO_ERROR,
                    null,
                    ChargePointStatus.AVAILABLE,
                    Instant.now(),
                    null,
                    null),
                io.kilowire.core.ocpp.v16.StatusNotificationResponse.class)
            .get(10, TimeUnit.SECONDS);

        JsonNode answered = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(answered.path("result").path("status").asText()).isEqualTo("Scheduled");
        assertNoSchemaComplaints(csms);
        assertThat(actionsSeenBy(csms))
            .containsExactly("BootNotification", "Heartbeat", "StatusNotification");
        assertThat(csms.awaitEvent("connected", WAIT).path("protocol").asText())
            .isEqualTo("ocpp1.6");
      }
    }
  }

  @Test
  void anOcpp201StationBootsHeartbeatsReportsStatusAndAnswersTheCsmsCall() throws Exception {
    String csmsCall =
        "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}}";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.0.1", "--csms-call", csmsCall)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (OcppClient client =
          OcppClient.builder(config(port, OcppVersion.V201))
              .sessionConfigurer(
                  s ->
                      s.handle(
                          GetVariablesRequest.class,
                          r ->
                              new GetVariablesResponse(
                                  null,
                                  r.getVariableData().stream()
                                      .map(
                                          d ->
                                              new GetVariableResult(
                                                  null,
                                                  null,
                                                  GetVariableStatus.ACCEPTED,
                                                  null,
                                                  "300",
                                                  d.component(),
                                                  d.variable()))
                                      .toList())))
              .build()) {
        client.start();
        await().atMost(WAIT).until(client::isConnected);

        var boot =
            client
                .call(
                    io.kilowire.core.ocpp.v201.BootNotificationRequest.of(
                        ChargingStation.of("KW-IT", "Kilowire"), BootReason.POWER_UP),
                    io.kilowire.core.ocpp.v201.BootNotificationResponse.class)
                .get(10, TimeUnit.SECONDS);
        assertThat(boot.status()).isEqualTo(RegistrationStatus.ACCEPTED);
        client
            .call(
                io.kilowire.core.ocpp.v201.HeartbeatRequest.of(),
                io.kilowire.core.ocpp.v201.HeartbeatResponse.class)
            .get(10, TimeUnit.SECONDS);
        client
            .call(
                io.kilowire.core.ocpp.v201.StatusNotificationRequest.of(
                    Instant.now(), ConnectorStatus.AVAILABLE, 1, 1),
                io.kilowire.core.ocpp.v201.StatusNotificationResponse.class)
            .get(10, TimeUnit.SECONDS);

        JsonNode answered = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(
                answered
                    .path("result")
                    .path("getVariableResult")
                    .get(0)
                    .path("attributeValue")
                    .asText())
            .isEqualTo("300");
        assertNoSchemaComplaints(csms);
        assertThat(actionsSeenBy(csms))
            .containsExactly("BootNotification", "Heartbeat", "StatusNotification");
        assertThat(csms.awaitEvent("connected", WAIT).path("protocol").asText())
            .isEqualTo("ocpp2.0.1");
      }
    }
  }

  private static TransportConfig config(int port, OcppVersion version) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-IT-1")
        .ocppVersions(version)
        .securityProfile(0)
        .build();
  }

  private static List<String> actionsSeenBy(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> "call".equals(e.path("event").asText()))
        .map(e -> e.path("action").asText())
        .toList();
  }

  /**
   * ocpp-rpc reports schema failures of our frames as these events, and errors in its replies; the
   * peer adds the primitive-datatype rules the schemas miss.
   */
  private static void assertNoSchemaComplaints(NodePeer csms) {
    assertThat(csms.primitiveViolations()).as("primitive-datatype rules broken").isEmpty();
    assertThat(csms.events())
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
        .noneMatch(e -> e.path("event").asText().equals("csmsCallError"))
        .noneMatch(
            e ->
                e.path("event").asText().equals("frame")
                    && e.path("dir").asText().equals("tx")
                    && e.path("frame").asText().startsWith("[4,"));
  }
}
