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
 * The 2.1 operation modes whose setpoint does not come from the CSMS, end to end: a third-party
 * OCPP 2.1 CSMS (ocpp-rpc in strict mode with the 2.1 schemas, over a real WebSocket on 127.0.0.1)
 * sets a TxProfile in the mode, and a V2G EV (ISO 15118-20 BPT on a bidirectional EVSE) follows
 * what the mode asks, within the profile's limits.
 */
class V21OperationModesInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static EmulatedStation v2gStation(int port, String id) {
    return InteropStations.realTime(
        port,
        id,
        OcppVersion.V21,
        1,
        EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true));
  }

  /** A V2G EV that may take 16 A and feed back 30 A arrives on EVSE 1; its transaction's id. */
  private static String v2gEvArrives(EmulatedStation station) {
    EvModel ev =
        EvModel.of(60_000, 16, 3).withV2g(16, 30).withResponseDelay(Duration.ofMillis(300));
    assertThat(station.arriveEv(1, ev, 70)).isTrue();
    await().atMost(WAIT).until(() -> station.station().transaction(1).isPresent());
    return station.station().transaction(1).map(Transaction::id).orElseThrow();
  }

  private static String txProfile(String tx, String period) {
    return "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
        + "\"id\":21,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
        + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
        + tx
        + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
        + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
        + period
        + "]}]}}}";
  }

  private static void drawsAbout(EmulatedStation station, double amps) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(station.hardware().drawA(1)).isBetween(amps - 0.5, amps + 0.5));
  }

  @Test
  void anExternalSetpointIsFollowedWithinTheCsmsLimits() throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station = v2gStation(port, "KW-EXTSP-21")) {
        station.noRandomEvs();
        station.start();
        String tx = v2gEvArrives(station);

        // 11040 W charging, 6900 W discharging: 16 A and 10 A on three phases at 230 V.
        csms.send(
            txProfile(
                tx,
                "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
                    + "\"operationMode\":\"ExternalSetpoint\"}"));
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");

        // The local system (the station's EMS input) asks to feed back 8 A: the EV does.
        station.runtime().call(() -> station.station().externalSetpoint(1, -8.0));
        drawsAbout(station, -8);
        // More than the CSMS allows: held at the 10 A discharge limit.
        station.runtime().call(() -> station.station().externalSetpoint(1, -25.0));
        drawsAbout(station, -10);
        // Then to charge at 12 A.
        station.runtime().call(() -> station.station().externalSetpoint(1, 12.0));
        drawsAbout(station, 12);
        InteropStations.assertNoComplaints(csms);
      }
    }
  }
}
