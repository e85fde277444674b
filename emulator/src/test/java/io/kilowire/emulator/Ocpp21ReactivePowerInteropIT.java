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
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 reactive setpoints against a third-party CSMS (ocpp-rpc in strict mode with the 2.1
 * schemas, over a real WebSocket on 127.0.0.1): on a station with a V2G EV (ISO 15118-20 BPT on a
 * bidirectional EVSE) the CSMS sets a CentralSetpoint TxProfile with setpointReactive; the
 * composite carries it, the EV's charger follows it and the meter values report it as
 * Power.Reactive.Export. On the plain EVSE beside it the same profile is Rejected,
 * UnsupportedParam. Every frame passes the 2.1 schemas.
 */
class Ocpp21ReactivePowerInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The CSMS asks for reactive power in periodic values. */
  private static final String REACTIVE_MEASURANDS =
      "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
          + "\"Energy.Active.Import.Register,Power.Reactive.Import,Power.Reactive.Export\","
          + "\"component\":{\"name\":\"SampledDataCtrlr\"},"
          + "\"variable\":{\"name\":\"TxUpdatedMeasurands\"}},{\"attributeValue\":\"1\","
          + "\"component\":{\"name\":\"SampledDataCtrlr\"},"
          + "\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}}";

  private static String reactiveProfile(int evse, String tx, String period) {
    return "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":"
        + evse
        + ",\"chargingProfile\":{\"id\":"
        + (10 + evse)
        + ",\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
        + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
        + tx
        + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
        + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
        + period
        + "}]}]}}}";
  }

  /** Whether the CSMS got a TransactionEvent reporting at least {@code var} injected. */
  private static boolean reactiveExportSeen(NodePeer csms, double var) {
    for (JsonNode e : csms.events()) {
      if (!e.path("event").asText().equals("call")
          || !e.path("action").asText().equals("TransactionEvent")) {
        continue;
      }
      for (JsonNode value : e.path("params").path("meterValue")) {
        for (JsonNode sample : value.path("sampledValue")) {
          if (sample.path("measurand").asText().equals("Power.Reactive.Export")
              && sample.path("value").asDouble() >= var) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Test
  void aV2gEvFollowsTheReactiveSetpointAndAPlainEvseRefusesIt() throws Exception {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", REACTIVE_MEASURANDS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              "KW-VAR-21",
              OcppVersion.V21,
              2,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        station.noRandomEvs();
        station.start();
        JsonNode variables = InteropStations.answerTo(csms, "SetVariables", 1).path("result");
        assertThat(variables.path("setVariableResult"))
            .as(variables.toString())
            .allSatisfy(r -> assertThat(r.path("attributeStatus").asText()).isEqualTo("Accepted"));

        String[] tx = v2gAndPlainEv(station);
        String tx1 = tx[0];
        String tx2 = tx[1];

        csms.send(
            reactiveProfile(
                1,
                tx1,
                "\"limit\":16,\"setpoint\":8,\"setpointReactive\":-4,"
                    + "\"operationMode\":\"CentralSetpoint\""));
        JsonNode taken = InteropStations.answerTo(csms, "SetChargingProfile", 1).path("result");
        assertThat(taken.path("status").asText()).as(taken.toString()).isEqualTo("Accepted");
        // Charging only, so that only the reactive setpoint is what the EVSE cannot do.
        csms.send(reactiveProfile(2, tx2, "\"limit\":16,\"setpointReactive\":-4"));
        JsonNode refused = InteropStations.answerTo(csms, "SetChargingProfile", 2).path("result");
        assertThat(refused.path("status").asText()).isEqualTo("Rejected");
        assertThat(refused.path("statusInfo").path("reasonCode").asText())
            .isEqualTo("UnsupportedParam");

        csms.send(
            "{\"action\":\"GetCompositeSchedule\",\"params\":{\"duration\":300,\"evseId\":1,"
                + "\"chargingRateUnit\":\"A\"}}");
        JsonNode composite =
            InteropStations.answerTo(csms, "GetCompositeSchedule", 1).path("result");
        assertThat(
                composite
                    .path("schedule")
                    .path("chargingSchedulePeriod")
                    .get(0)
                    .path("setpointReactive")
                    .decimalValue())
            .as(composite.toString())
            .isEqualByComparingTo("-4");

        // 4 A injected on three phases at 230 V: 2760 var reported as export.
        await().atMost(WAIT).until(() -> reactiveExportSeen(csms, 2760 - 1e-6));
        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  /**
   * EVSE 1: a V2G EV; EVSE 2: an EV without bidirectional transfer; their transaction ids, once
   * both run.
   */
  private static String[] v2gAndPlainEv(EmulatedStation station) {
    assertThat(station.arriveEv(1, EvModel.of(60_000, 16, 3).withV2g(16, 30), 60)).isTrue();
    assertThat(station.arriveEv(2, EvModel.of(60_000, 16, 3), 60)).isTrue();
    await()
        .atMost(WAIT)
        .until(
            () ->
                station.station().transaction(1).isPresent()
                    && station.station().transaction(2).isPresent());
    return new String[] {
      station.station().transaction(1).map(Transaction::id).orElseThrow(),
      station.station().transaction(2).map(Transaction::id).orElseThrow()
    };
  }

  private static String dynamicProfile(int evse, String tx, String period) {
    return reactiveProfile(evse, tx, period)
        .replace("\"chargingProfileKind\":\"Absolute\"", "\"chargingProfileKind\":\"Dynamic\"")
        .replace("\"startSchedule\":\"2020-01-01T00:00:00Z\",", "");
  }

  private static String update(int evse, String values) {
    return "{\"action\":\"UpdateDynamicSchedule\",\"params\":{\"chargingProfileId\":"
        + (10 + evse)
        + ",\"scheduleUpdate\":{"
        + values
        + "}}}";
  }

  @Test
  void aDynamicUpdatesReactiveSetpointReachesAV2gEvAndIsRefusedOnAPlainEvse() throws Exception {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", REACTIVE_MEASURANDS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              "KW-DYNVAR-21",
              OcppVersion.V21,
              2,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        station.noRandomEvs();
        station.start();
        InteropStations.answerTo(csms, "SetVariables", 1);
        String[] tx = v2gAndPlainEv(station);
        String tx1 = tx[0];
        String tx2 = tx[1];

        // Dynamic TxProfiles without reactive power; the updates bring it.
        csms.send(
            dynamicProfile(
                1, tx1, "\"limit\":16,\"setpoint\":8,\"operationMode\":\"CentralSetpoint\""));
        assertThat(
                InteropStations.answerTo(csms, "SetChargingProfile", 1)
                    .at("/result/status")
                    .asText())
            .isEqualTo("Accepted");
        csms.send(dynamicProfile(2, tx2, "\"limit\":16"));
        assertThat(
                InteropStations.answerTo(csms, "SetChargingProfile", 2)
                    .at("/result/status")
                    .asText())
            .isEqualTo("Accepted");

        csms.send(update(1, "\"setpointReactive\":-4"));
        JsonNode taken = InteropStations.answerTo(csms, "UpdateDynamicSchedule", 1);
        assertThat(taken.at("/result/status").asText()).as(taken.toString()).isEqualTo("Accepted");
        csms.send(update(2, "\"setpointReactive\":-4"));
        JsonNode refused = InteropStations.answerTo(csms, "UpdateDynamicSchedule", 2);
        assertThat(refused.at("/result/status").asText())
            .as(refused.toString())
            .isEqualTo("Rejected");
        assertThat(refused.at("/result/statusInfo/reasonCode").asText())
            .isEqualTo("UnsupportedParam");

        // At the output: 4 A injected on three phases at 230 V, 2760 var reported as export.
        await().atMost(WAIT).until(() -> reactiveExportSeen(csms, 2760 - 1e-6));
        InteropStations.assertNoComplaints(csms);
      }
    }
  }
}
