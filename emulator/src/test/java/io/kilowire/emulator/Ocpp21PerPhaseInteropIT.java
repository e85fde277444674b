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
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 values per phase against a third-party CSMS (ocpp-rpc in strict mode with the 2.1
 * schemas, over a real WebSocket on 127.0.0.1): a TxProfile with limit_L2 / limit_L3 under a
 * station maximum; the EVSE is offered the lowest phase and never more, the composite gives each
 * phase, ReportChargingProfiles gives the profile back as set, and a TxDefaultProfile with values
 * per phase is Rejected, PhaseConflict. Every frame passes the 2.1 schemas.
 */
class Ocpp21PerPhaseInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final String STATION_MAXIMUM =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":0,\"chargingProfile\":{\"id\":1,"
          + "\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":14}]}]}}}";

  private static String profile(int id, String purpose, String tx, String period) {
    return "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
        + "\"id\":"
        + id
        + ",\"stackLevel\":1,\"chargingProfilePurpose\":\""
        + purpose
        + "\",\"chargingProfileKind\":\"Absolute\","
        + (tx == null ? "" : "\"transactionId\":\"" + tx + "\",")
        + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
        + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
        + period
        + "}]}]}}}";
  }

  @Test
  void aTxProfilePerPhaseIsOfferedAtItsLowestPhaseAndReportedPerPhase() throws Exception {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            "{\"ReportChargingProfiles\":{}}",
            "--csms-call",
            STATION_MAXIMUM)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port, "KW-PHASE-21", OcppVersion.V21, 1, EmulatedStation.EvBehaviour.defaults())) {
        double[] lowestPhase = {14};
        List<String> beyond = new CopyOnWriteArrayList<>();
        station
            .hardware()
            .onOutput(
                (at, evse, offeredA, pilotA, drawA) -> {
                  if (offeredA > lowestPhase[0] + 1e-9) {
                    beyond.add(at + ": " + offeredA + " A offered");
                  }
                });
        station.noRandomEvs();
        station.start();
        assertThat(
                InteropStations.answerTo(csms, "SetChargingProfile", 1)
                    .path("result")
                    .path("status")
                    .asText())
            .isEqualTo("Accepted");
        assertThat(station.arriveEv(1, EvModel.of(60_000, 32, 3), 40)).isTrue();
        await().atMost(WAIT).until(() -> station.station().transaction(1).isPresent());
        String tx = station.station().transaction(1).map(Transaction::id).orElseThrow();

        lowestPhase[0] = 14; // the new profile only lowers what the station maximum allows
        csms.send(profile(9, "TxProfile", tx, "\"limit\":16,\"limit_L2\":9,\"limit_L3\":20"));
        JsonNode set = InteropStations.answerTo(csms, "SetChargingProfile", 2);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(station.hardware().offeredA(1)).isEqualTo(9));
        lowestPhase[0] = 9;

        csms.send(
            "{\"action\":\"GetCompositeSchedule\",\"params\":{\"duration\":300,\"evseId\":1,"
                + "\"chargingRateUnit\":\"A\"}}");
        JsonNode composite =
            InteropStations.answerTo(csms, "GetCompositeSchedule", 1).path("result");
        JsonNode first = composite.path("schedule").path("chargingSchedulePeriod").get(0);
        assertThat(first.path("limit").decimalValue())
            .as(composite.toString())
            .isEqualByComparingTo("14");
        assertThat(first.path("limit_L2").decimalValue()).isEqualByComparingTo("9");
        assertThat(first.path("limit_L3").decimalValue()).isEqualByComparingTo("14");

        csms.send(
            "{\"action\":\"GetChargingProfiles\",\"params\":{\"requestId\":7,"
                + "\"evseId\":1,\"chargingProfile\":{\"chargingProfilePurpose\":\"TxProfile\"}}}");
        JsonNode report =
            csms.await(
                e ->
                    e.path("event").asText().equals("call")
                        && e.path("action").asText().equals("ReportChargingProfiles"),
                WAIT);
        JsonNode reported =
            report
                .path("params")
                .path("chargingProfile")
                .get(0)
                .path("chargingSchedule")
                .get(0)
                .path("chargingSchedulePeriod")
                .get(0);
        assertThat(reported.path("limit").decimalValue()).isEqualByComparingTo("16");
        assertThat(reported.path("limit_L2").decimalValue()).isEqualByComparingTo("9");
        assertThat(reported.path("limit_L3").decimalValue()).isEqualByComparingTo("20");

        csms.send(
            profile(10, "TxDefaultProfile", null, "\"limit\":16,\"limit_L2\":9,\"limit_L3\":9"));
        JsonNode refused = InteropStations.answerTo(csms, "SetChargingProfile", 3).path("result");
        assertThat(refused.path("status").asText()).isEqualTo("Rejected");
        assertThat(refused.path("statusInfo").path("reasonCode").asText())
            .isEqualTo("PhaseConflict");

        assertThat(beyond).isEmpty();
        InteropStations.assertNoComplaints(csms);
      }
    }
  }
}
