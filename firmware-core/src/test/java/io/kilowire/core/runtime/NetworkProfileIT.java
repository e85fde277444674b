package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Network profiles over real WebSockets on 127.0.0.1 (2.0.1 B09, B10): the CSMS stores a profile
 * for another CSMS in slot 2, puts slot 2 first in NetworkConfigurationPriority (RebootRequired)
 * and resets; the station boots at the new CSMS. A profile that does not connect is tried
 * NetworkProfileConnectionAttempts times, then the station goes back to the CSMS it last connected
 * with.
 */
class NetworkProfileIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ID = "KW-NETWORK";
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  private static String profile(int slot, String url) {
    return "{\"configurationSlot\":"
        + slot
        + ",\"connectionData\":{\"ocppVersion\":\"OCPP20\",\"ocppTransport\":\"JSON\","
        + "\"ocppCsmsUrl\":\""
        + url
        + "\",\"messageTimeout\":30,\"securityProfile\":0,\"ocppInterface\":\"Wired0\"}}";
  }

  private static String profile(int slot, String url, int securityProfile) {
    return profile(slot, url)
        .replace("\"securityProfile\":0", "\"securityProfile\":" + securityProfile);
  }

  private static String priority(String slots) {
    return "{\"setVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
        + "\"variable\":{\"name\":\"NetworkConfigurationPriority\"},\"attributeValue\":\""
        + slots
        + "\"}]}";
  }

  private static String status(JsonNode answer) {
    return answer.at("/status").asText();
  }

  @Test
  void theStationMovesToTheCsmsOfTheFirstSlotAfterAReset() {
    TestCsms old = stations.csms(OcppVersion.V201);
    TestCsms next = stations.csms(OcppVersion.V201);
    stations.station(old, OcppVersion.V201, ID);

    assertThat(status(old.call(ID, "SetNetworkProfile", profile(2, next.uri().toString()))))
        .isEqualTo("Accepted");
    JsonNode noSlot = old.call(ID, "SetNetworkProfile", profile(9, next.uri().toString()));
    assertThat(status(noSlot)).as("B09.FR.05: no slot 9").isEqualTo("Rejected");
    assertThat(noSlot.at("/statusInfo/reasonCode").asText()).isEqualTo("InvalidConfSlot");
    assertThat(
            old.call(ID, "SetVariables", priority("2,1"))
                .at("/setVariableResult/0/attributeStatus")
                .asText())
        .isEqualTo("RebootRequired");
    assertThat(status(old.call(ID, "Reset", "{\"type\":\"Immediate\"}"))).isEqualTo("Accepted");

    JsonNode boot = next.awaitCall(ID, "BootNotification", WAIT).payload();
    assertThat(boot.at("/reason").asText()).isEqualTo("RemoteReset");
  }

  @Test
  void securityProfileReadsTheProfileOfTheSlotTheStationMovedTo() {
    TestCsms old = stations.csms(OcppVersion.V201);
    TestCsms next = stations.csms(OcppVersion.V201);
    stations.station(old, OcppVersion.V201, ID);
    assertThat(
            old.call(
                    ID,
                    "SetVariables",
                    "{\"setVariableData\":[{\"attributeValue\":\"a-password-of-24-chars!\","
                        + "\"component\":{\"name\":\"SecurityCtrlr\"},"
                        + "\"variable\":{\"name\":\"BasicAuthPassword\"}}]}")
                .at("/setVariableResult/0/attributeStatus")
                .asText())
        .isEqualTo("Accepted");
    old.awaitCall(ID, "BootNotification", WAIT); // the password's new connection
    assertThat(status(old.call(ID, "SetNetworkProfile", profile(2, next.uri().toString(), 1))))
        .isEqualTo("Accepted");
    old.call(ID, "SetVariables", priority("2,1"));
    old.call(ID, "Reset", "{\"type\":\"Immediate\"}");

    next.awaitCall(ID, "BootNotification", WAIT);
    assertThat(
            next.call(
                    ID,
                    "GetVariables",
                    "{\"getVariableData\":[{\"component\":{\"name\":\"SecurityCtrlr\"},"
                        + "\"variable\":{\"name\":\"SecurityProfile\"}}]}")
                .at("/getVariableResult/0/attributeValue")
                .asText())
        .isEqualTo("1");
    JsonNode downgrade = next.call(ID, "SetNetworkProfile", profile(3, old.uri().toString(), 0));
    assertThat(status(downgrade)).as("B09.FR.04: 0 is below 1 in force").isEqualTo("Rejected");
    assertThat(downgrade.at("/statusInfo/reasonCode").asText()).isEqualTo("NoSecurityDowngrade");
  }

  @Test
  void callsTimeOutAfterTheMessageTimeoutOfTheSlotInUse() {
    TestCsms old = stations.csms(OcppVersion.V201);
    TestCsms next = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(old, OcppVersion.V201, ID);
    assertThat(station.client().session().orElseThrow().callTimeout())
        .as("the installed profile: OCPPCommCtrlr.MessageTimeout")
        .isEqualTo(Duration.ofSeconds(30));
    old.call(
        ID,
        "SetNetworkProfile",
        profile(2, next.uri().toString()).replace("\"messageTimeout\":30", "\"messageTimeout\":7"));
    old.call(ID, "SetVariables", priority("2,1"));
    old.call(ID, "Reset", "{\"type\":\"Immediate\"}");

    next.awaitCall(ID, "BootNotification", WAIT);
    assertThat(station.client().session().orElseThrow().callTimeout())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aPriorityNamingAnEmptySlotIsRejected() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    stations.station(csms, OcppVersion.V201, ID);

    // B10.FR.02: slot 3 holds no profile.
    JsonNode refused = csms.call(ID, "SetVariables", priority("3,1"));
    assertThat(refused.at("/setVariableResult/0/attributeStatus").asText()).isEqualTo("Rejected");
    assertThat(refused.at("/setVariableResult/0/attributeStatusInfo/additionalInfo").asText())
        .contains("slot 3");
    assertThat(
            csms.call(
                    ID,
                    "GetVariables",
                    "{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                        + "\"variable\":{\"name\":\"NetworkConfigurationPriority\"}}]}")
                .at("/getVariableResult/0/attributeValue")
                .asText())
        .isEqualTo("1");

    csms.call(ID, "SetNetworkProfile", profile(3, csms.uri().toString()));
    assertThat(
            csms.call(ID, "SetVariables", priority("3,1"))
                .at("/setVariableResult/0/attributeStatus")
                .asText())
        .isEqualTo("RebootRequired");
  }

  @Test
  void aProfileThatDoesNotConnectFallsBackToTheLastGoodOne() throws Exception {
    TestCsms old = stations.csms(OcppVersion.V201);
    stations.station(old, OcppVersion.V201, ID);
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort(); // free once closed: nothing listens there
    }
    old.call(ID, "SetNetworkProfile", profile(2, "ws://127.0.0.1:" + closed + "/ocpp"));
    old.call(
        ID,
        "SetVariables",
        "{\"setVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
            + "\"variable\":{\"name\":\"NetworkProfileConnectionAttempts\"},"
            + "\"attributeValue\":\"2\"}]}");
    old.call(ID, "SetVariables", priority("2"));
    int boots = old.calls(ID, "BootNotification").size();
    old.call(ID, "Reset", "{\"type\":\"Immediate\"}");

    old.awaitCall(
        ID, "BootNotification", p -> old.calls(ID, "BootNotification").size() > boots, WAIT);
  }
}
