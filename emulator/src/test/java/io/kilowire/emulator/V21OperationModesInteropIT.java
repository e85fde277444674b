package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The 2.1 operation modes whose setpoint does not come from the profile, end to end: a third-party
 * OCPP 2.1 CSMS (ocpp-rpc in strict mode with the 2.1 schemas, over a real WebSocket on 127.0.0.1)
 * sets a TxProfile in the mode, and a V2G EV (ISO 15118-20 BPT on a bidirectional EVSE) follows
 * what the mode asks within the profile's limits: a local system's setpoint (ExternalSetpoint), the
 * frequency-watt curve at the grid sensor's frequency (LocalFrequency), the signal-watt curve at
 * the CSMS's AFRRSignal (CentralFrequency).
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
  void localFrequencySupportFollowsTheGridSensor() throws Exception {
    AtomicReference<GridState> grid = new AtomicReference<>(GridState.of(50.0, 100));
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station = v2gStation(port, "KW-LFREQ-21")) {
        station.hardware().attachGridSensor(grid::get);
        station.noRandomEvs();
        station.start();
        String tx = v2gEvArrives(station);

        // Full 10 A back at 49.8 Hz and below, nothing at 50 Hz, 10 A in at 50.2 Hz and above.
        csms.send(
            txProfile(
                tx,
                "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
                    + "\"operationMode\":\"LocalFrequency\",\"v2xFreqWattCurve\":["
                    + "{\"frequency\":49.8,\"power\":-6900},{\"frequency\":50,\"power\":0},"
                    + "{\"frequency\":50.2,\"power\":6900}]}"));
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");

        grid.set(GridState.of(49.9, 100)); // under-frequency: feed back 5 A
        drawsAbout(station, -5);
        grid.set(GridState.of(49.6, 100)); // beyond the curve: its end, 10 A back
        drawsAbout(station, -10);
        grid.set(GridState.of(50.1, 100)); // over-frequency: take 5 A
        drawsAbout(station, 5);
        InteropStations.assertNoComplaints(csms);
      }
    }
  }

  @Test
  void centralFrequencySupportFollowsTheCsmsSignal() throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station = v2gStation(port, "KW-CFREQ-21")) {
        station.noRandomEvs();
        station.start();
        String tx = v2gEvArrives(station);

        csms.send(
            txProfile(
                tx,
                "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
                    + "\"operationMode\":\"CentralFrequency\",\"v2xBaseline\":1380,"
                    + "\"v2xSignalWattCurve\":[{\"signal\":-100,\"power\":-6900},"
                    + "{\"signal\":100,\"power\":6900}]}"));
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");
        drawsAbout(station, 2); // the baseline, 1380 W, before any signal

        // aFRR down: 1380 W - 5520 W = -4140 W, 6 A back.
        csms.send(
            "{\"action\":\"AFRRSignal\",\"params\":{\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"signal\":-80}}");
        JsonNode answer =
            csms.await(
                e ->
                    e.path("event").asText().equals("csmsCallResult")
                        && e.path("action").asText().equals("AFRRSignal"),
                WAIT);
        assertThat(answer.path("result").path("status").asText()).isEqualTo("Accepted");
        drawsAbout(station, -6);
        InteropStations.assertNoComplaints(csms);
      }
    }
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
