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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Energy flowing back, end to end: a third-party OCPP 2.1 CSMS (ocpp-rpc in strict mode with the
 * 2.1 schemas, over a real WebSocket on 127.0.0.1) limits the station's discharging to 20 A and
 * asks each of three V2G EVs (ISO 15118-20 BPT on bidirectional EVSEs) to feed back 10 A. What the
 * station tells the HAL and what the EVs do is watched at the outputs: the EVs feed back, never
 * more than 20 A together, the CSMS sees each EV's export register rise and import power never
 * negative, and every frame passes the 2.1 schemas.
 */
class V2gDischargeInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final double STATION_DISCHARGE_A = 20; // 13800 W on three phases at 230 V

  private static final String STATION_MAXIMUM =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":0,\"chargingProfile\":{\"id\":1,"
          + "\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"W\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":33120,"
          + "\"dischargeLimit\":-13800}]}]}}}";

  /** The CSMS asks for the export register, both powers and both currents in periodic values. */
  private static final String EXPORT_MEASURANDS =
      "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
          + "\"Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,"
          + "Power.Active.Export,Current.Import,Current.Export\",\"component\":{\"name\":\"SampledDataCtrlr\"},"
          + "\"variable\":{\"name\":\"TxUpdatedMeasurands\"}}]}}";

  private static final String EXPORT_REGISTER = "Energy.Active.Export.Register";

  /** The values of one measurand in the TransactionEvents the CSMS received, per transaction. */
  private static Map<String, List<Double>> samplesByTransaction(NodePeer csms, String measurand) {
    Map<String, List<Double>> byTransaction = new TreeMap<>();
    for (JsonNode e : csms.events()) {
      if (!e.path("event").asText().equals("call")
          || !e.path("action").asText().equals("TransactionEvent")) {
        continue;
      }
      String tx = e.path("params").path("transactionInfo").path("transactionId").asText();
      for (JsonNode value : e.path("params").path("meterValue")) {
        for (JsonNode sample : value.path("sampledValue")) {
          if (sample.path("measurand").asText().equals(measurand)) {
            byTransaction
                .computeIfAbsent(tx, k -> new ArrayList<>())
                .add(sample.path("value").asDouble());
          }
        }
      }
    }
    return byTransaction;
  }

  @Test
  void threeV2gEvsFeedBackWithinTheStationsDischargeLimit() throws Exception {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "[" + STATION_MAXIMUM + "," + EXPORT_MEASURANDS + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              "KW-V2G-21",
              OcppVersion.V21,
              3,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        List<String> overFlows = new CopyOnWriteArrayList<>();
        double[] draws = new double[4];
        Instant[] lastChange = {Instant.EPOCH};
        station
            .hardware()
            .onOutput(
                (at, evse, offeredA, pilotA, drawA) -> {
                  draws[evse] = drawA;
                  double fedBack = -Math.min(0, draws[1]) - Math.min(0, draws[2]);
                  fedBack -= Math.min(0, draws[3]);
                  // An EV may take up to 5 s to follow a new offer (IEC 61851-1, kept for BPT).
                  if (fedBack > STATION_DISCHARGE_A + 1e-9
                      && at.isAfter(lastChange[0].plus(EvModel.MAX_RESPONSE_DELAY))) {
                    overFlows.add(at + " EVSE " + evse + ": EVs feed back " + fedBack + " A");
                  }
                });
        station.noRandomEvs(); // the test brings the EVs
        station.start();
        JsonNode answer = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(answer.path("result").path("status").asText()).isEqualTo("Accepted");
        JsonNode measurands =
            csms.await(
                e ->
                    e.path("event").asText().startsWith("csmsCall")
                        && e.path("action").asText().equals("SetVariables"),
                WAIT);
        assertThat(
                measurands
                    .path("result")
                    .path("setVariableResult")
                    .path(0)
                    .path("attributeStatus")
                    .asText())
            .as(measurands.toString())
            .isEqualTo("Accepted");

        EvModel ev =
            EvModel.of(60_000, 16, 3).withV2g(16, 30).withResponseDelay(Duration.ofMillis(300));
        for (int evse = 1; evse <= 3; evse++) {
          assertThat(station.arriveEv(evse, ev, 70)).isTrue();
        }
        await()
            .atMost(WAIT)
            .until(
                () ->
                    IntStream.rangeClosed(1, 3)
                        .allMatch(e -> station.station().transaction(e).isPresent()));
        for (int evse = 1; evse <= 3; evse++) {
          String tx = station.station().transaction(evse).map(Transaction::id).orElseThrow();
          lastChange[0] = Instant.now();
          csms.send(
              "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":"
                  + evse
                  + ",\"chargingProfile\":{\"id\":"
                  + (10 + evse)
                  + ",\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                  + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
                  + tx
                  + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
                  + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                  + "\"limit\":11040,\"dischargeLimit\":-6900,\"setpoint\":-6900,"
                  + "\"operationMode\":\"CentralSetpoint\"}]}]}}}");
          JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
          assertThat(set.path("result").path("status").asText())
              .as(set.toString())
              .isEqualTo("Accepted");
        }

        // The three share the 20 A: each feeds back 6.6 A, together under the limit.
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  for (int e = 1; e <= 3; e++) {
                    assertThat(station.hardware().drawA(e)).as("EVSE %d", e).isLessThan(-6);
                  }
                });
        double fedBack =
            -IntStream.rangeClosed(1, 3).mapToDouble(e -> station.hardware().drawA(e)).sum();
        assertThat(fedBack).isLessThanOrEqualTo(STATION_DISCHARGE_A);
        await()
            .atMost(WAIT)
            .until(
                () -> station.hardware().exportedWh(1) > 0 && station.hardware().exportedWh(2) > 0);
        // The CSMS is told: each transaction's export register rises while its EV feeds back,
        // and import power and current never go negative.
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  Map<String, List<Double>> exported = samplesByTransaction(csms, EXPORT_REGISTER);
                  assertThat(exported).as("export registers per transaction").hasSize(3);
                  exported.forEach(
                      (tx, values) ->
                          assertThat(values.get(values.size() - 1))
                              .as("transaction %s: %s", tx, values)
                              .isGreaterThan(values.get(0)));
                });
        assertThat(samplesByTransaction(csms, "Power.Active.Import").values())
            .allSatisfy(values -> assertThat(values).allMatch(w -> w >= 0));
        assertThat(samplesByTransaction(csms, "Power.Active.Export").values())
            .anySatisfy(values -> assertThat(values).anyMatch(w -> w > 0));
        assertThat(samplesByTransaction(csms, "Current.Import").values())
            .allSatisfy(values -> assertThat(values).allMatch(a -> a >= 0));
        assertThat(samplesByTransaction(csms, "Current.Export").values())
            .anySatisfy(values -> assertThat(values).anyMatch(a -> a > 0));

        assertThat(overFlows).isEmpty();
        InteropStations.assertNoComplaints(csms);
      }
    }
  }
}
