package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * 2.1's V2XChargingCtrlr over a real WebSocket against ocpp-rpc in strict mode with the 2.1
 * schemas: the full inventory lists it for the bidirectional EVSE with what the EVSE can do, and
 * its Enabled switch acts at the outputs. A V2G EV feeds back under a CentralSetpoint TxProfile;
 * switched off, it feeds nothing back (watched at the outputs) and a new profile asking to
 * discharge is Rejected; switched on again, it feeds back again. Read-only and unknown variables
 * are answered as in 2.0.1, and every frame passes the 2.1 schemas.
 */
class V2xControllerInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String FULL_INVENTORY =
      "{\"action\":\"GetBaseReport\",\"params\":{\"requestId\":5,\"reportBase\":\"FullInventory\"}}";

  private static String v2x(String variable) {
    return "\"component\":{\"name\":\"V2XChargingCtrlr\",\"evse\":{\"id\":1}},"
        + "\"variable\":{\"name\":\""
        + variable
        + "\"}";
  }

  /**
   * Sets V2XChargingCtrlr.Enabled of EVSE 1, the CSMS's {@code index}-th SetVariables: Accepted.
   */
  private static void switchV2x(NodePeer csms, boolean on, int index) {
    csms.send(
        "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":\""
            + on
            + "\","
            + v2x("Enabled")
            + "}]}}");
    assertThat(
            result(csms, "SetVariables", index)
                .at("/result/setVariableResult/0/attributeStatus")
                .asText())
        .isEqualTo("Accepted");
  }

  private static String dischargeProfile(int id, String transactionId) {
    return "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
        + "\"id\":"
        + id
        + ",\"stackLevel\":"
        + (id - 10)
        + ",\"chargingProfilePurpose\":\"TxProfile\","
        + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
        + transactionId
        + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
        + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
        + "\"limit\":11040,\"dischargeLimit\":-6900,\"setpoint\":-6900,"
        + "\"operationMode\":\"CentralSetpoint\"}]}]}}}";
  }

  @Test
  void theV2xSwitchIsReportedReadAndActsAtTheOutputs() throws Exception {
    try (NodePeer csms =
        NodePeer.start(
            "server.js", "--protocol", "ocpp2.1", "--csms-call", "[" + FULL_INVENTORY + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              "KW-V2X-21",
              OcppVersion.V21,
              1,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        List<String> fedBackWhileOff = new CopyOnWriteArrayList<>();
        Instant[] switchedOff = {Instant.MAX};
        station
            .hardware()
            .onOutput(
                (at, evse, offeredA, pilotA, drawA) -> {
                  // The EV may take up to its response delay to follow the new offer.
                  if (drawA < 0 && at.isAfter(switchedOff[0].plus(EvModel.MAX_RESPONSE_DELAY))) {
                    fedBackWhileOff.add(at + ": EVSE " + evse + " feeds back " + -drawA + " A");
                  }
                });
        station.noRandomEvs();
        station.start();

        // The full inventory, every page: V2XChargingCtrlr of EVSE 1 says what it can do.
        assertThat(result(csms, "GetBaseReport", 0).at("/result/status").asText())
            .isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .until(
                () ->
                    !calls(csms, "NotifyReport").isEmpty()
                        && !calls(csms, "NotifyReport")
                            .get(calls(csms, "NotifyReport").size() - 1)
                            .at("/params/tbc")
                            .asBoolean());
        List<JsonNode> v2x = new ArrayList<>();
        for (JsonNode page : calls(csms, "NotifyReport")) {
          for (JsonNode data : page.at("/params/reportData")) {
            if (data.at("/component/name").asText().equals("V2XChargingCtrlr")) {
              assertThat(data.at("/component/evse/id").asInt()).isEqualTo(1);
              v2x.add(data);
            }
          }
        }
        assertThat(v2x)
            .extracting(d -> d.at("/variable/name").asText())
            .containsExactlyInAnyOrder(
                "Available", "Enabled", "SupportedOperationModes", "SupportedEnergyTransferModes");
        assertThat(actual(v2x, "Available")).isEqualTo("true");
        assertThat(actual(v2x, "Enabled")).isEqualTo("true");
        assertThat(mutability(v2x, "Enabled")).isEqualTo("ReadWrite");
        assertThat(mutability(v2x, "SupportedOperationModes")).isEqualTo("ReadOnly");
        assertThat(List.of(actual(v2x, "SupportedOperationModes").split(",")))
            .contains("ChargingOnly", "CentralSetpoint");
        assertThat(List.of(actual(v2x, "SupportedEnergyTransferModes").split(",")))
            .contains("AC_BPT");

        EvModel ev =
            EvModel.of(60_000, 16, 3).withV2g(16, 30).withResponseDelay(Duration.ofMillis(300));
        assertThat(station.arriveEv(1, ev, 70)).isTrue();
        await().atMost(WAIT).until(() -> station.station().transaction(1).isPresent());
        String tx = station.station().transaction(1).map(Transaction::id).orElseThrow();
        csms.send(dischargeProfile(11, tx));
        JsonNode accepted = result(csms, "SetChargingProfile", 0);
        assertThat(accepted.at("/result/status").asText())
            .as(accepted.toString())
            .isEqualTo("Accepted");
        await().atMost(WAIT).until(() -> station.hardware().drawA(1) < -1);

        // Switched off: Accepted, read back, and the EV stops feeding back.
        switchedOff[0] = Instant.now();
        switchV2x(csms, false, 0);
        await().atMost(WAIT).until(() -> station.hardware().drawA(1) >= 0);
        csms.send(
            "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{"
                + v2x("Enabled")
                + "}]}}");
        assertThat(
                result(csms, "GetVariables", 0)
                    .at("/result/getVariableResult/0/attributeValue")
                    .asText())
            .isEqualTo("false");
        csms.send(dischargeProfile(12, tx));
        JsonNode refused = result(csms, "SetChargingProfile", 1);
        assertThat(refused.at("/result/status").asText())
            .as(refused.toString())
            .isEqualTo("Rejected");
        assertThat(refused.at("/result/statusInfo/reasonCode").asText())
            .isEqualTo("InvalidOperationMode");

        // What the EVSE can do is not the CSMS's to write; an unknown variable is unknown.
        csms.send(
            "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
                + "\"ChargingOnly\","
                + v2x("SupportedOperationModes")
                + "},{\"attributeValue\":\"1\","
                + v2x("NoSuchVariable")
                + "}]}}");
        JsonNode rejected = result(csms, "SetVariables", 1);
        assertThat(rejected.at("/result/setVariableResult/0/attributeStatus").asText())
            .isEqualTo("Rejected");
        assertThat(rejected.at("/result/setVariableResult/1/attributeStatus").asText())
            .isEqualTo("UnknownVariable");
        assertThat(fedBackWhileOff).isEmpty();

        // Switched on again: the profile still held has the EV feed back again.
        switchedOff[0] = Instant.MAX;
        switchV2x(csms, true, 2);
        await().atMost(WAIT).until(() -> station.hardware().drawA(1) < -1);

        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  @Test
  void switchedOffBeforeTheEvArrivesItsIso15118SessionGetsNoBpt() throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              "KW-V2X-OFF-21",
              OcppVersion.V21,
              1,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        List<String> fedBack = new CopyOnWriteArrayList<>();
        station
            .hardware()
            .onOutput(
                (at, evse, offeredA, pilotA, drawA) -> {
                  if (drawA < 0) {
                    fedBack.add(at + ": EVSE " + evse + " feeds back " + -drawA + " A");
                  }
                });
        station.noRandomEvs();
        station.start();
        await().atMost(WAIT).until(() -> !calls(csms, "StatusNotification").isEmpty());
        switchV2x(csms, false, 0);

        // A V2G EV that would choose BPT: the negotiation offers it none.
        EvModel ev =
            EvModel.of(60_000, 16, 3).withV2g(16, 30).withResponseDelay(Duration.ofMillis(300));
        assertThat(station.arriveEv(1, ev, 70)).isTrue();
        await().atMost(WAIT).until(() -> !calls(csms, "NotifyEVChargingNeeds").isEmpty());
        JsonNode needs = calls(csms, "NotifyEVChargingNeeds").get(0).at("/params/chargingNeeds");
        assertThat(needs.path("requestedEnergyTransfer").asText()).isNotEqualTo("AC_BPT");
        assertThat(needs.path("availableEnergyTransfer").toString()).doesNotContain("BPT");
        JsonNode v2xNeeds = needs.path("v2xChargingParameters");
        for (String discharge :
            List.of("maxDischargePower", "evMinV2XEnergyRequest", "evMaxV2XEnergyRequest")) {
          assertThat(v2xNeeds.has(discharge)).as(needs.toString()).isFalse();
        }
        await().atMost(WAIT).until(() -> station.station().transaction(1).isPresent());
        String tx = station.station().transaction(1).map(Transaction::id).orElseThrow();

        // Switched on during the session: its service stays without BPT, so nothing to discharge.
        switchV2x(csms, true, 1);
        csms.send(dischargeProfile(11, tx));
        JsonNode refused = result(csms, "SetChargingProfile", 0);
        assertThat(refused.at("/result/status").asText())
            .as(refused.toString())
            .isEqualTo("Rejected");
        assertThat(refused.at("/result/statusInfo/reasonCode").asText())
            .isEqualTo("InvalidOperationMode");
        assertThat(station.hardware().dischargeOfferA(1)).isZero();
        assertThat(fedBack).isEmpty();

        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  /** The station's CALLs of {@code action} the CSMS received, in order. */
  private static List<JsonNode> calls(NodePeer csms, String action) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().equals("call"))
        .filter(e -> e.path("action").asText().equals(action))
        .toList();
  }

  /** The {@code index}-th answer (result or error) to the CSMS's own CALLs of {@code action}. */
  private static JsonNode result(NodePeer csms, String action, int index) {
    await().atMost(WAIT).until(() -> answers(csms, action).size() > index);
    JsonNode answer = answers(csms, action).get(index);
    assertThat(answer.path("event").asText()).as(answer.toString()).isEqualTo("csmsCallResult");
    return answer;
  }

  private static List<JsonNode> answers(NodePeer csms, String action) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().startsWith("csmsCall"))
        .filter(e -> e.path("action").asText().equals(action))
        .toList();
  }

  private static JsonNode attribute(List<JsonNode> data, String variable) {
    JsonNode d =
        data.stream()
            .filter(x -> x.at("/variable/name").asText().equals(variable))
            .findFirst()
            .orElseThrow();
    return d.at("/variableAttribute/0");
  }

  private static String actual(List<JsonNode> data, String variable) {
    return attribute(data, variable).path("value").asText();
  }

  private static String mutability(List<JsonNode> data, String variable) {
    return attribute(data, variable).path("mutability").asText();
  }
}
