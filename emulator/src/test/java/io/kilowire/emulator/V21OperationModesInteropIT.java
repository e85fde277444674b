package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.hal.GridSensor;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The 2.1 operation modes whose setpoint does not come from the profile, end to end: a third-party
 * OCPP 2.1 CSMS (ocpp-rpc in strict mode with the 2.1 schemas, over a real WebSocket on 127.0.0.1)
 * sets a TxProfile in the mode, and a V2G EV (ISO 15118-20 BPT on a bidirectional EVSE) follows
 * what the mode asks within the profile's limits: a local system's setpoint (ExternalSetpoint), the
 * frequency-watt curve at the grid sensor's frequency (LocalFrequency), the signal-watt curve at
 * the CSMS's AFRRSignal (CentralFrequency); and a CentralSetpoint period without a limit, which 2.1
 * allows: the EV follows its setpoint, and the composite the CSMS asks for holds the limit in
 * force.
 */
class V21OperationModesInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** What a test does once its V2G EV charges: with the CSMS, the station and the transaction. */
  @FunctionalInterface
  private interface Session {
    void run(NodePeer csms, EmulatedStation station, String tx) throws Exception;
  }

  /**
   * A strict 2.1 CSMS and a one-EVSE bidirectional station (with {@code grid} as its grid sensor,
   * if given); a V2G EV that may take 16 A and feed back 30 A arrives; the CSMS sets a TxProfile
   * with {@code period} (in W), which the station accepts; then {@code session} runs, and the CSMS
   * must have seen nothing amiss.
   */
  private static void inMode(String id, @Nullable GridSensor grid, String period, Session session)
      throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatedStation station =
          InteropStations.realTime(
              port,
              id,
              OcppVersion.V21,
              1,
              EmulatedStation.EvBehaviour.defaults().withHlc(true).withBidirectionalEvses(true))) {
        if (grid != null) {
          station.hardware().attachGridSensor(grid);
        }
        station.noRandomEvs();
        station.start();
        EvModel ev =
            EvModel.of(60_000, 16, 3).withV2g(16, 30).withResponseDelay(Duration.ofMillis(300));
        assertThat(station.arriveEv(1, ev, 70)).isTrue();
        await().atMost(WAIT).until(() -> station.station().transaction(1).isPresent());
        String tx = station.station().transaction(1).map(Transaction::id).orElseThrow();
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":21,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
                + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
                + period
                + "]}]}}}");
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");
        session.run(csms, station, tx);
        InteropStations.assertNoComplaints(csms);
      }
    }
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
    // Full 10 A back at 49.8 Hz and below, nothing at 50 Hz, 10 A in at 50.2 Hz and above.
    inMode(
        "KW-LFREQ-21",
        grid::get,
        "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
            + "\"operationMode\":\"LocalFrequency\",\"v2xFreqWattCurve\":["
            + "{\"frequency\":49.8,\"power\":-6900},{\"frequency\":50,\"power\":0},"
            + "{\"frequency\":50.2,\"power\":6900}]}",
        (csms, station, tx) -> {
          grid.set(GridState.of(49.9, 100)); // under-frequency: feed back 5 A
          drawsAbout(station, -5);
          grid.set(GridState.of(49.6, 100)); // beyond the curve: its end, 10 A back
          drawsAbout(station, -10);
          grid.set(GridState.of(50.1, 100)); // over-frequency: take 5 A
          drawsAbout(station, 5);
        });
  }

  @Test
  void centralFrequencySupportFollowsTheCsmsSignal() throws Exception {
    inMode(
        "KW-CFREQ-21",
        null,
        "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
            + "\"operationMode\":\"CentralFrequency\",\"v2xBaseline\":1380,"
            + "\"v2xSignalWattCurve\":[{\"signal\":-100,\"power\":-6900},"
            + "{\"signal\":100,\"power\":6900}]}",
        (csms, station, tx) -> {
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
        });
  }

  @Test
  void anExternalSetpointIsFollowedWithinTheCsmsLimits() throws Exception {
    // 11040 W charging, 6900 W discharging: 16 A and 10 A on three phases at 230 V.
    inMode(
        "KW-EXTSP-21",
        null,
        "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
            + "\"operationMode\":\"ExternalSetpoint\"}",
        (csms, station, tx) -> {
          // The local system (the station's EMS input) asks to feed back 8 A: the EV does.
          station.runtime().call(() -> station.station().externalSetpoint(1, -8.0));
          drawsAbout(station, -8);
          // More than the CSMS allows: held at the 10 A discharge limit.
          station.runtime().call(() -> station.station().externalSetpoint(1, -25.0));
          drawsAbout(station, -10);
          // Then to charge at 12 A.
          station.runtime().call(() -> station.station().externalSetpoint(1, 12.0));
          drawsAbout(station, 12);
        });
  }

  @Test
  void aSetpointWithoutALimitIsFollowedAndTheCompositeHasTheLimitInForce() throws Exception {
    // No limit: the period caps nothing; feed back 4140 W (6 A on three phases at 230 V).
    inMode(
        "KW-NOLIM-21",
        null,
        "{\"startPeriod\":0,\"dischargeLimit\":-6900,\"setpoint\":-4140,"
            + "\"operationMode\":\"CentralSetpoint\"}",
        (csms, station, tx) -> {
          drawsAbout(station, -6);

          // The strict peer checks the answer against 2.1's schema; each period has a limit.
          csms.send(
              "{\"action\":\"GetCompositeSchedule\",\"params\":{\"duration\":600,\"evseId\":1,"
                  + "\"chargingRateUnit\":\"W\"}}");
          JsonNode answer =
              csms.await(
                  e ->
                      e.path("event").asText().equals("csmsCallResult")
                          && e.path("action").asText().equals("GetCompositeSchedule"),
                  WAIT);
          JsonNode result = answer.path("result");
          assertThat(result.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
          JsonNode periods = result.path("schedule").path("chargingSchedulePeriod");
          assertThat(periods.size()).as(answer.toString()).isPositive();
          for (JsonNode p : periods) {
            // The EVSE's hardware, 32 A on three phases, is the limit in force.
            assertThat(p.path("limit").asDouble()).as(p.toString()).isEqualTo(22080);
            assertThat(p.path("setpoint").asDouble()).as(p.toString()).isEqualTo(-4140);
            assertThat(p.path("operationMode").asText()).isEqualTo("CentralSetpoint");
          }
        });
  }
}
