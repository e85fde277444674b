package io.kilowire.hardware.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.hardware.coap.TestGridServer;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A station on "real" boards speaking OCPP 2.1 to ocpp-rpc in strict mode with the 2.1 schemas,
 * over a real WebSocket on 127.0.0.1 (every frame checked): a fake OpenEVSE and a fake SDM630 on
 * socat PTY pairs, the station built from a board config exactly as {@code kilowire-station.jar
 * --protocol ocpp2.1} builds it. The CSMS's 2.1 TxDefaultProfile of 10 A becomes the pilot's {@code
 * $SC 10 V}; the meter's register reaches the CSMS in TransactionEvents; a welded relay faults the
 * EVSE and reaches the CSMS in 2.1's shape (StatusNotification Faulted, NotifyEvent EVSE.Problem
 * with the cause as techCode) and ends the transaction. With the config's {@code site} section the
 * station balances the board against a CoAP grid meter, and a stale meter reaches the CSMS as 2.1's
 * NotifyEvent.
 */
class BoardStationOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ID = "KW-BOARD-V21";

  private static final String TEN_AMPS =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{\"id\":1,"
          + "\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":10.0}]}]}}}";

  private static final String REMOTE_START =
      "{\"action\":\"RequestStartTransaction\",\"params\":{\"evseId\":1,\"remoteStartId\":1,"
          + "\"idToken\":{\"idToken\":\"TAG1\",\"type\":\"Central\"}}}";

  @TempDir Path dir;
  private BoardRig rig;
  private NodePeer csms;

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
    if (csms != null) {
      csms.close();
    }
  }

  @Test
  void aCsmsProfileDrivesThePilotAndAWeldedRelayReachesTheCsmsInTwoOneShape() throws Exception {
    FakeSdmMeter meter = chargingAtTenAmps();
    meter.load(new float[] {230f, 230f, 230f}, new float[] {9.8f, 9.8f, 9.8f}, 6762f, 12.6f);
    rig.boardState("03", "03", 10); // the EV draws
    awaitCall(
        "TransactionEvent", p -> p.has("meterValue") && energyOf(p.path("meterValue")) == 12_600);

    rig.boardState("08", "02", 10); // the relay sticks
    awaitStatus("Faulted");
    awaitProblem("WeldedContactor");
    awaitCall("TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
    await().atMost(WAIT).until(() -> rig.commands().contains("$FD"));

    assertNoComplaints();
  }

  /**
   * Boots the board station on 2.1 against ocpp-rpc strict; the EV plugs in, the CSMS sets a 10 A
   * TxDefaultProfile and starts a transaction; the board offers 10 A. Returns the EVSE meter.
   */
  private FakeSdmMeter chargingAtTenAmps() throws Exception {
    csms = NodePeer.start("server.js", "--protocol", "ocpp2.1");
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    rig = BoardRig.start(dir);
    rig.station(
        """
        {"contactorTimeoutMs": 1000, "meterPollMs": 200, "evses": [%s]}
        """
            .formatted(rig.evse()),
        URI.create("ws://127.0.0.1:" + port),
        ID,
        OcppVersion.V21);
    assertThat(csms.awaitEvent("connected", WAIT).path("protocol").asText()).isEqualTo("ocpp2.1");
    awaitCall("BootNotification", p -> true);
    awaitStatus("Available");

    rig.boardState("02", "02", 32); // the EV plugs in
    awaitStatus("Occupied");

    csms.send(TEN_AMPS);
    assertThat(result("SetChargingProfile").path("status").asText()).isEqualTo("Accepted");
    csms.send(REMOTE_START);
    assertThat(result("RequestStartTransaction").path("status").asText()).isEqualTo("Accepted");
    awaitCall("TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
    await().atMost(WAIT).until(() -> rig.commands().contains("$SC 10 V"));
    assertThat(rig.commands()).doesNotContain("$SC 9 V").contains("$FE");
    return rig.meter;
  }

  /** A fault while the EV charges at 10 A, and what 2.1 names it: techCode and stoppedReason. */
  enum ChargingFault {
    /** The board's GFCI trips (RAPI state 06): the RCD input. */
    RCD("GroundFailure", "GroundFault"),
    /** The board is too hot (RAPI state 0A); 2.1's reasons name no over-temperature. */
    OVER_TEMPERATURE("HighTemperature", "Other"),
    /** The EV keeps drawing 15 A at a 10 A offer, beyond the response window: the station stops. */
    OVER_CURRENT("OverCurrent", "OvercurrentFault");

    final String techCode;
    final String stoppedReason;

    ChargingFault(String techCode, String stoppedReason) {
      this.techCode = techCode;
      this.stoppedReason = stoppedReason;
    }
  }

  /**
   * The RCD, over-temperature and over-current stops of a board on 2.1: the EVSE is Faulted, the
   * CSMS hears the cause as EVSE.Problem's techCode and the transaction ends with the reason 2.1
   * has for it; the pilot goes off on the board. (The same stops on 1.6 and 2.0.1:
   * FaultScenarioTest, BoardStationHardwareTest.)
   */
  @ParameterizedTest
  @EnumSource(ChargingFault.class)
  void aFaultWhileChargingReachesTheCsmsInTwoOneShape(ChargingFault fault) throws Exception {
    FakeSdmMeter meter = chargingAtTenAmps();
    switch (fault) {
      case RCD -> rig.boardState("06", "03", 10);
      case OVER_TEMPERATURE -> rig.boardState("0A", "03", 10);
      case OVER_CURRENT -> {
        rig.boardState("03", "03", 10);
        meter.load(new float[] {230f, 230f, 230f}, new float[] {15f, 15f, 15f}, 10350f, 12.6f);
      }
    }
    awaitStatus("Faulted");
    awaitProblem(fault.techCode);
    JsonNode ended =
        awaitCall("TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
    assertThat(ended.at("/params/transactionInfo/stoppedReason").asText())
        .isEqualTo(fault.stoppedReason);
    assertThat(ended.at("/params/triggerReason").asText()).isEqualTo("AbnormalCondition");
    await()
        .atMost(WAIT)
        .until(() -> rig.commands().stream().anyMatch(c -> c.equals("$FD") || c.equals("$FS")));
    assertNoComplaints();
  }

  /**
   * The config's {@code site} section on 2.1: a CoAP grid meter on 127.0.0.1 reads the building;
   * the board gets the fuse's rest (40 A − 10 A), a 2.1 profile below that wins, a heavier building
   * lowers it, a silent meter gives the safe budget and reaches the CSMS as 2.1's NotifyEvent
   * (SmartChargingCtrlr.Problem, SiteMeterStale) on entry and exit.
   */
  @Test
  void aSiteSectionBalancesTheBoardAndTheCsmsHearsOfAStaleMeterInTwoOneShape() throws Exception {
    csms = NodePeer.start("server.js", "--protocol", "ocpp2.1");
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    rig = BoardRig.start(dir);
    TestGridServer grid =
        new TestGridServer(TestGridServer.reading(Instant.now().toString(), 10, 10, 10, 6900))
            .start();
    ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    try (grid) {
      publisher.scheduleAtFixedRate(() -> publish(grid), 0, 200, TimeUnit.MILLISECONDS);
      rig.station(
          """
          {"contactorTimeoutMs": 1000, "meterPollMs": 200, "meterStaleSeconds": 5,
           "evses": [%s],
           "site": {"gridLimitA": 40, "meterStaleAfterMs": 2000, "safeBudgetA": 8,
                    "rampIntervalMs": 500, "meter": {"coap": "%s"}}}
          """
              .formatted(rig.evse(), grid.uri()),
          URI.create("ws://127.0.0.1:" + port),
          ID,
          OcppVersion.V21);
      awaitCall("BootNotification", p -> true);
      rig.evPlugsIn();
      awaitStatus("Occupied");
      csms.send(REMOTE_START);
      assertThat(result("RequestStartTransaction").path("status").asText()).isEqualTo("Accepted");
      awaitCall("TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      rig.evCharges();
      rig.awaitCurrent(30, WAIT);

      csms.send(TEN_AMPS.replace("10.0", "20.0"));
      assertThat(result("SetChargingProfile").path("status").asText()).isEqualTo("Accepted");
      rig.awaitCurrent(20, WAIT);

      buildingA = 29;
      rig.awaitCurrent(11, WAIT);

      silent = true;
      rig.awaitCurrent(8, WAIT);
      awaitStale("true");

      buildingA = 5;
      silent = false;
      rig.awaitCurrent(20, WAIT);
      awaitStale("false");
      assertNoComplaints();
    } finally {
      publisher.shutdownNow();
    }
  }

  private volatile float buildingA = 10;
  private volatile boolean silent;

  private void publish(TestGridServer grid) {
    float a = buildingA;
    if (!silent) {
      grid.publish(TestGridServer.reading(Instant.now().toString(), a, a, a, 690 * a));
    }
  }

  /** The NotifyEvent raising EVSE 1's Problem with {@code techCode}. */
  private void awaitProblem(String techCode) {
    JsonNode problem =
        awaitCall(
                "NotifyEvent",
                p ->
                    p.path("eventData")
                        .findValuesAsText("name")
                        .containsAll(List.of("EVSE", "Problem")))
            .path("params")
            .path("eventData")
            .get(0);
    assertThat(problem.path("actualValue").asText()).isEqualTo("true");
    assertThat(problem.at("/component/evse/id").asInt()).isEqualTo(1);
    assertThat(problem.path("techCode").asText()).isEqualTo(techCode);
  }

  /** The stale site meter's NotifyEvent, raised ("true") or cleared ("false"). */
  private void awaitStale(String actualValue) {
    awaitCall(
        "NotifyEvent",
        p ->
            p.path("eventData").findValuesAsText("techCode").contains("SiteMeterStale")
                && p.path("eventData").get(0).path("actualValue").asText().equals(actualValue)
                && p.path("eventData")
                    .get(0)
                    .at("/component/name")
                    .asText()
                    .equals("SmartChargingCtrlr"));
  }

  private JsonNode awaitCall(String action, Predicate<JsonNode> params) {
    return csms.await(
        e ->
            e.path("event").asText().equals("call")
                && e.path("action").asText().equals(action)
                && params.test(e.path("params")),
        WAIT);
  }

  private void awaitStatus(String status) {
    awaitCall(
        "StatusNotification",
        p -> p.path("evseId").asInt() == 1 && p.path("connectorStatus").asText().equals(status));
  }

  /** The answer to the CSMS's CALL of {@code action}; fails on a CALLERROR. */
  private JsonNode result(String action) {
    JsonNode done =
        csms.await(
            e ->
                e.path("event").asText().startsWith("csmsCall")
                    && e.path("action").asText().equals(action),
            WAIT);
    assertThat(done.path("event").asText()).as(done.toString()).isEqualTo("csmsCallResult");
    return done.path("result");
  }

  private static double energyOf(JsonNode meterValues) {
    return io.kilowire.core.testing.TestCsms.energyOf(meterValues);
  }

  /** No schema complaint, no broken primitive rule, no CALLERROR on either side. */
  private void assertNoComplaints() {
    BoardCsms.assertNoComplaints(csms);
  }
}
