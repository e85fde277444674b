package io.kilowire.core.interop;

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
 * Network profiles (B09, B10) on a 2.1 station against ocpp-rpc in strict mode with the 2.1
 * schemas, over real WebSockets on 127.0.0.1. 2.1 makes a profile's ocppVersion optional and
 * ignored (the WebSocket handshake picks the version), so a profile without it, or saying OCPP21,
 * is stored and used; 2.1's per-profile identity and password are not kept here and are refused by
 * name, never dropped. After a reset the station tries the slots in NetworkConfigurationPriority
 * order, each NetworkProfileConnectionAttempts times, then goes back to the profile it last
 * connected with (B10.FR.03, FR.07).
 */
class NetworkProfileOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static String setProfile(int slot, int port, String extra) {
    return "{\"action\":\"SetNetworkProfile\",\"params\":{\"configurationSlot\":"
        + slot
        + ",\"connectionData\":{"
        + extra
        + "\"ocppTransport\":\"JSON\",\"ocppCsmsUrl\":\"ws://127.0.0.1:"
        + port
        + "\",\"messageTimeout\":30,\"securityProfile\":0,\"ocppInterface\":\"Wired0\"}}}";
  }

  @Test
  void aProfileWithoutOrWithAnyOcppVersionIsStoredAndUsedAfterAReset() {
    try (NodePeer next = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int nextPort = next.awaitEvent("ready", WAIT).get("port").asInt();
      String calls =
          "["
              + setProfile(2, nextPort, "")
              + ","
              + setProfile(3, nextPort, "\"ocppVersion\":\"OCPP21\",")
              + ",{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"component\":"
              + "{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":"
              + "\"NetworkConfigurationPriority\"},\"attributeValue\":\"2,1\"}]}},"
              + "{\"action\":\"Reset\",\"params\":{\"type\":\"Immediate\"}}]";
      try (NodePeer old =
          NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
        int oldPort = old.awaitEvent("ready", WAIT).get("port").asInt();
        LazyHardware hardware = new LazyHardware();
        try (StationRuntime station =
            StationRuntime.builder(config(oldPort, "KW-RPC-NET21"), hardware).build()) {
          hardware.fake = new FakeHardware(station.scheduler());
          station.start();

          JsonNode boot = awaitCall(next, "BootNotification", p -> true);
          assertThat(boot.path("params").path("reason").asText()).isEqualTo("RemoteReset");
          assertThat(answers(old))
              .containsExactly(
                  "SetNetworkProfile Accepted",
                  "SetNetworkProfile Accepted",
                  "SetVariables RebootRequired",
                  "Reset Accepted");
          assertNoSchemaComplaints(old);
          assertNoSchemaComplaints(next);
        }
      }
    }
  }

  @Test
  void slotsThatDoNotConnectAreTriedInPriorityOrderSoManyTimesThenTheLastGoodProfile() {
    try (NodePeer gone = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int gonePort = gone.awaitEvent("ready", WAIT).get("port").asInt();
      gone.send("{\"offline\":true}"); // every handshake refused: no slot there connects
      gone.awaitEvent("offline", WAIT);
      String calls =
          "["
              + setProfile(2, gonePort, "").replace(gonePort + "\"", gonePort + "/two\"")
              + ","
              + setProfile(3, gonePort, "").replace(gonePort + "\"", gonePort + "/three\"")
              + ",{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
              + "{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":"
              + "\"NetworkProfileConnectionAttempts\"},\"attributeValue\":\"2\"},"
              + "{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":"
              + "\"NetworkConfigurationPriority\"},\"attributeValue\":\"3,2\"}]}},"
              + "{\"action\":\"Reset\",\"params\":{\"type\":\"Immediate\"}}]";
      try (NodePeer old =
          NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
        int oldPort = old.awaitEvent("ready", WAIT).get("port").asInt();
        LazyHardware hardware = new LazyHardware();
        TransportConfig config =
            config(oldPort, "KW-RPC-NET21C").toBuilder()
                .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 0)
                .build();
        try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
          hardware.fake = new FakeHardware(station.scheduler());
          station.start();

          // Back at the CSMS it last connected with, after the reset's boot elsewhere failed.
          JsonNode boot =
              awaitCall(
                  old, "BootNotification", p -> p.path("reason").asText().equals("RemoteReset"));
          assertThat(boot.path("params").path("reason").asText()).isEqualTo("RemoteReset");
          assertThat(attempts(gone))
              .as("slot 3 twice, then slot 2 twice")
              .containsExactly("/three", "/three", "/two", "/two");
          JsonNode attemptsSet =
              old.events().stream()
                  .filter(e -> e.path("action").asText().equals("SetVariables"))
                  .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                  .findFirst()
                  .orElseThrow()
                  .path("result");
          assertThat(attemptsSet.at("/setVariableResult/0/attributeStatus").asText())
              .isEqualTo("Accepted");
          assertThat(attemptsSet.at("/setVariableResult/1/attributeStatus").asText())
              .isEqualTo("RebootRequired");
          assertNoSchemaComplaints(old);
        }
      }
      assertThat(attempts(gone)).as("the station stays with the last good profile").hasSize(4);
    }
  }

  /** The URL paths the station's connection attempts at {@code csms} came in on, in order. */
  private static List<String> attempts(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().equals("auth"))
        .map(e -> e.path("endpoint").asText())
        .toList();
  }

  @Test
  void aProfilesOwnIdentityOrPasswordIsRefusedByNameAndProfilesItCannotUseAreRejected() {
    String calls =
        "["
            + setProfile(2, 1, "\"identity\":\"another-name\",")
            + ","
            + setProfile(2, 1, "\"basicAuthPassword\":\"a-password-of-24-chars!\",")
            + ","
            + setProfile(9, 1, "")
            + ","
            + setProfile(2, 1, "").replace("\"JSON\"", "\"SOAP\"")
            + ","
            + setProfile(3, 1, "").replace("\"securityProfile\":0", "\"securityProfile\":2")
            + ",{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"component\":"
            + "{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":"
            + "\"NetworkConfigurationPriority\"},\"attributeValue\":\"3,1\"}]}}"
            + "]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, "KW-RPC-NET21B"), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();

        csms.await(
            e ->
                e.path("event").asText().equals("csmsCallResult")
                    && e.path("action").asText().equals("SetVariables"),
            WAIT);
        List<JsonNode> errors =
            csms.events().stream()
                .filter(e -> e.path("event").asText().equals("csmsCallError"))
                .toList();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).path("code").asText()).isEqualTo("NotSupported");
        assertThat(errors.get(0).path("error").asText()).contains("identity");
        assertThat(errors.get(1).path("code").asText()).isEqualTo("NotSupported");
        assertThat(errors.get(1).path("error").asText()).contains("basicAuthPassword");
        JsonNode noSlot =
            csms.events().stream()
                .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                .findFirst()
                .orElseThrow()
                .path("result");
        assertThat(noSlot.path("status").asText()).as("B09.FR.05: no slot 9").isEqualTo("Rejected");
        assertThat(noSlot.path("statusInfo").path("reasonCode").asText())
            .isEqualTo("InvalidConfSlot");
        // B09.FR.02: SOAP, and a ws:// URL for security profile 2 (TLS), cannot be used.
        assertThat(answers(csms))
            .as("the last: B10.FR.02, a priority naming slot 3, which holds no profile")
            .containsExactly(
                "SetNetworkProfile Rejected",
                "SetNetworkProfile Rejected",
                "SetNetworkProfile Rejected",
                "SetVariables Rejected");
        assertThat(
                csms.events().stream()
                    .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                    .skip(1)
                    .limit(2)
                    .map(e -> e.at("/result/statusInfo/reasonCode").asText()))
            .containsExactly("InvalidNetworkConf", "InvalidNetworkConf");
        assertNoSchemaComplaints(csms);
      }
    }
  }

  @Test
  void aProfileBelowTheSecurityProfileInForceIsRejected() {
    // B09.FR.04: the station runs security profile 1 (Basic auth); a profile 0 is a downgrade.
    List<JsonNode> events =
        StrictCsmsRun.drive(
            OcppVersion.V21,
            "KW-RPC-NET21D",
            "[" + setProfile(2, 1, "") + "]",
            t -> t.securityProfile(1).basicAuthPassword("0123456789abcdef0123"));
    JsonNode answer = StrictCsmsRun.results(events).get(0).path("result");
    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.at("/statusInfo/reasonCode").asText()).isEqualTo("NoSecurityDowngrade");
  }

  /** Each CSMS call's action and answer status, in order. */
  private static List<String> answers(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().equals("csmsCallResult"))
        .map(
            e -> {
              JsonNode result = e.path("result");
              String status =
                  result.has("setVariableResult")
                      ? result.path("setVariableResult").path(0).path("attributeStatus").asText()
                      : result.path("status").asText();
              return e.path("action").asText() + " " + status;
            })
        .toList();
  }

  private static void assertNoSchemaComplaints(NodePeer csms) {
    assertThat(csms.primitiveViolations()).as("primitive-datatype rules broken").isEmpty();
    assertThat(csms.events())
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
  }

  private static TransportConfig config(int port, String id) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId(id)
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
