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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 Dynamic charging profiles against a third-party CSMS (ocpp-rpc in strict mode with the
 * 2.1 schemas, over a real WebSocket on 127.0.0.1): the CSMS installs a Dynamic TxProfile, pushes a
 * limit above the station's maximum with UpdateDynamicSchedule, and answers the station's
 * PullDynamicScheduleUpdate with a lower one. What the EVSE is offered follows both and never
 * exceeds the station's maximum; every frame passes the 2.1 schemas.
 */
class Ocpp21SmartChargingInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final double STATION_MAX_A = 20;

  private static final String STATION_MAXIMUM =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":0,\"chargingProfile\":{\"id\":1,"
          + "\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":20}]}]}}}";

  /** The 2.1 variables that say what the station does of the above. */
  private static final String SMART_CHARGING_VARIABLES =
      "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":["
          + "{\"component\":{\"name\":\"SmartChargingCtrlr\"},"
          + "\"variable\":{\"name\":\"SupportedAdditionalPurposes\"}},"
          + "{\"component\":{\"name\":\"SmartChargingCtrlr\"},"
          + "\"variable\":{\"name\":\"SupportsDynamicProfiles\"}},"
          + "{\"component\":{\"name\":\"SmartChargingCtrlr\"},"
          + "\"variable\":{\"name\":\"SupportsMaxOfflineDuration\"}},"
          + "{\"component\":{\"name\":\"SmartChargingCtrlr\"},"
          + "\"variable\":{\"name\":\"MaxExternalConstraintsId\"}},"
          + "{\"component\":{\"name\":\"SmartChargingCtrlr\"},"
          + "\"variable\":{\"name\":\"ChargingProfilePersistence\",\"instance\":\"TxProfile\"}}]}}";

  /** The CSMS's fixed answers: 8 A to every pull; NotifyPriorityCharging taken. */
  private static final String REPLIES =
      "{\"PullDynamicScheduleUpdate\":{\"status\":\"Accepted\",\"scheduleUpdate\":{\"limit\":8}},"
          + "\"NotifyPriorityCharging\":{}}";

  /** The CSMS's {@code n}-th outcome (from 1) of a CALL of {@code action}. */
  private static JsonNode answerTo(NodePeer csms, String action, int n) {
    Predicate<JsonNode> outcome =
        e ->
            e.path("event").asText().startsWith("csmsCall")
                && e.path("action").asText().equals(action);
    await().atMost(WAIT).until(() -> csms.events().stream().filter(outcome).count() >= n);
    return csms.events().stream().filter(outcome).skip(n - 1).findFirst().orElseThrow();
  }

  /**
   * Starts {@code station}, watching its output for an offer above the station's maximum, once the
   * CSMS has set that maximum; the list of offers above it.
   */
  private static List<String> startUnderTheMaximum(EmulatedStation station, NodePeer csms) {
    List<String> overOffers = new CopyOnWriteArrayList<>();
    station
        .hardware()
        .onOutput(
            (at, evse, offeredA, pilotA, drawA) -> {
              if (offeredA > STATION_MAX_A + 1e-9) {
                overOffers.add(at + ": " + offeredA + " A offered");
              }
            });
    station.noRandomEvs();
    station.start();
    assertThat(answerTo(csms, "SetChargingProfile", 1).path("result").path("status").asText())
        .isEqualTo("Accepted");
    return overOffers;
  }

  /** An EV that draws 32 A arrives at EVSE 1; its transaction's id once it runs. */
  private static String charging(EmulatedStation station) {
    assertThat(station.arriveEv(1, EvModel.of(60_000, 32, 3), 40)).isTrue();
    await().atMost(WAIT).until(() -> station.station().transaction(1).isPresent());
    return station.station().transaction(1).map(Transaction::id).orElseThrow();
  }

  @Test
  void pushedAndPulledUpdatesReachTheEvseWithinTheStationsMaximum() throws Exception {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            REPLIES,
            "--csms-call",
            "[" + STATION_MAXIMUM + "," + SMART_CHARGING_VARIABLES + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port, "KW-DYN-21", OcppVersion.V21, 1, EmulatedStation.EvBehaviour.defaults())) {
        List<String> overOffers = startUnderTheMaximum(station, csms);
        JsonNode variables =
            answerTo(csms, "GetVariables", 1).path("result").path("getVariableResult");
        assertThat(variables).hasSize(5);
        assertThat(variables)
            .allSatisfy(
                v ->
                    assertThat(v.path("attributeStatus").asText())
                        .as(v.toString())
                        .isEqualTo("Accepted"));
        assertThat(variables.get(0).path("attributeValue").asText()).isEqualTo("PriorityCharging");
        assertThat(variables.get(1).path("attributeValue").asText()).isEqualTo("true");
        assertThat(variables.get(2).path("attributeValue").asText()).isEqualTo("true");
        // The station's own external limits have ids -1 to -4: the CSMS's are above -1.
        assertThat(variables.get(3).path("attributeValue").asText()).isEqualTo("-1");
        assertThat(variables.get(4).path("attributeValue").asText()).isEqualTo("true");
        String tx = charging(station);

        // A Dynamic TxProfile of 10 A, to be pulled 3 s after each update.
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Dynamic\",\"transactionId\":\""
                + tx
                + "\",\"dynUpdateInterval\":3,\"chargingSchedule\":[{\"id\":1,"
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":10}]}]}}}");
        JsonNode set = answerTo(csms, "SetChargingProfile", 2);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(station.hardware().offeredA(1)).isEqualTo(10));

        // Pushed above the station's maximum: the EVSE gets the maximum, no more.
        csms.send(
            "{\"action\":\"UpdateDynamicSchedule\",\"params\":{\"chargingProfileId\":9,"
                + "\"scheduleUpdate\":{\"limit\":40}}}");
        assertThat(
                answerTo(csms, "UpdateDynamicSchedule", 1).path("result").path("status").asText())
            .isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(station.hardware().offeredA(1)).isEqualTo(STATION_MAX_A));

        // Three seconds on, the station pulls and takes the CSMS's 8 A.
        JsonNode pull =
            csms.await(
                e ->
                    e.path("event").asText().equals("call")
                        && e.path("action").asText().equals("PullDynamicScheduleUpdate"),
                WAIT);
        assertThat(pull.path("params").path("chargingProfileId").asInt()).isEqualTo(9);
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(station.hardware().offeredA(1)).isEqualTo(8));

        assertThat(overOffers).isEmpty();
        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  @Test
  void priorityChargingAskedByTheCsmsAndWithdrawnAtTheStation() throws Exception {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            REPLIES,
            "--csms-call",
            STATION_MAXIMUM)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port, "KW-PRIO-21", OcppVersion.V21, 1, EmulatedStation.EvBehaviour.defaults())) {
        List<String> overOffers = startUnderTheMaximum(station, csms);
        String tx = charging(station);

        // A TxProfile of 10 A that lapses offline, and a PriorityCharging profile of 32 A.
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":9,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
                + tx
                + "\",\"maxOfflineDuration\":600,\"invalidAfterOfflineDuration\":true,"
                + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":10}]}]}}}");
        assertThat(answerTo(csms, "SetChargingProfile", 2).path("result").path("status").asText())
            .isEqualTo("Accepted");
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":10,\"stackLevel\":0,\"chargingProfilePurpose\":\"PriorityCharging\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":32}]}]}}}");
        assertThat(answerTo(csms, "SetChargingProfile", 3).path("result").path("status").asText())
            .isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(station.hardware().offeredA(1)).isEqualTo(10));

        // A mode this EV cannot run (ExternalSetpoint moves energy both ways; the EV only
        // charges) is refused, with the reason code 2.1 gives.
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":11,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":16,\"operationMode\":\"ExternalSetpoint\"}]}]}}}");
        JsonNode refused = answerTo(csms, "SetChargingProfile", 4).path("result");
        assertThat(refused.path("status").asText()).isEqualTo("Rejected");
        assertThat(refused.path("statusInfo").path("reasonCode").asText())
            .isEqualTo("InvalidOperationMode");

        csms.send(
            "{\"action\":\"UsePriorityCharging\",\"params\":{\"transactionId\":\""
                + tx
                + "\",\"activate\":true}}");
        assertThat(answerTo(csms, "UsePriorityCharging", 1).path("result").path("status").asText())
            .isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(station.hardware().offeredA(1)).isEqualTo(STATION_MAX_A));

        // The driver withdraws priority at the station: the CSMS is told, the TxProfile is back.
        station.runtime().call(() -> station.station().localPriorityCharging(1, false));
        JsonNode told =
            csms.await(
                e ->
                    e.path("event").asText().equals("call")
                        && e.path("action").asText().equals("NotifyPriorityCharging"),
                WAIT);
        assertThat(told.path("params").path("transactionId").asText()).isEqualTo(tx);
        assertThat(told.path("params").path("activated").asBoolean()).isFalse();
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(station.hardware().offeredA(1)).isEqualTo(10));

        assertThat(overOffers).isEmpty();
        InteropStations.assertNoComplaints(csms);
      }
    }
  }
}
