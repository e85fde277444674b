package io.kilowire.hardware.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.rapi.FakeOpenEvse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole station on "real" boards: a fake OpenEVSE on one socat PTY pair, a fake SDM630 on
 * another, the station built from a board config file exactly as {@code kilowire-station.jar} does
 * it, and a CSMS on 127.0.0.1, in OCPP 1.6 and 2.0.1. The board's {@code $AT} notifications play
 * the EV.
 */
class BoardStationIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String ID = "KW-BOARD-IT";

  @TempDir Path dir;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  private BoardRig rig;
  private FakeOpenEvse board;
  private FakeSdmMeter meter;
  private TestCsms csms;
  private OcppVersion version;

  private void start(OcppVersion v) throws Exception {
    version = v;
    rig = push(BoardRig.start(dir));
    board = rig.board;
    meter = rig.meter;
    csms = push(TestCsms.start(version));
    rig.station(
        """
        {"contactorTimeoutMs": 1000, "meterPollMs": 200, "evses": [%s]}
        """
            .formatted(rig.evse()),
        csms,
        ID,
        version);
  }

  private <T extends AutoCloseable> T push(T closeable) {
    cleanup.push(closeable);
    return closeable;
  }

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  private List<String> commands() {
    return rig.commands();
  }

  private Received awaitStatus(String status) {
    boolean v16 = version == OcppVersion.V16;
    return csms.awaitCall(
        ID,
        "StatusNotification",
        p ->
            p.at(v16 ? "/connectorId" : "/evseId").asInt() == 1
                && p.at(v16 ? "/status" : "/connectorStatus").asText().equals(status),
        WAIT);
  }

  private static final String PERIOD_10A =
      "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":10.0}]";

  /** A TxDefault profile of 10 A on EVSE 1 in the version's wire format. */
  private String tenAmps() {
    return version == OcppVersion.V16
        ? "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
            + "\"chargingSchedule\":{\"startSchedule\":\"2020-01-01T00:00:00Z\","
            + PERIOD_10A
            + "}}}"
        : "{\"evseId\":1,\"chargingProfile\":{\"id\":1,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
            + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
            + PERIOD_10A
            + "}]}}";
  }

  /** The transaction's start: 1.6 StartTransaction, 2.0.1 TransactionEvent Started. */
  private Received awaitStarted() {
    return version == OcppVersion.V16
        ? csms.awaitCall(ID, "StartTransaction", WAIT)
        : csms.awaitCall(
            ID, "TransactionEvent", p -> p.at("/eventType").asText().equals("Started"), WAIT);
  }

  /** A meter value of the running transaction whose register reads {@code wh}. */
  private Received awaitEnergy(double wh) {
    return version == OcppVersion.V16
        ? csms.awaitCall(
            ID,
            "MeterValues",
            p ->
                p.has("transactionId")
                    && TestCsms.energyOf(p.at("/meterValue")) == wh
                    && p.at("/connectorId").asInt() == 1,
            WAIT)
        : csms.awaitCall(
            ID,
            "TransactionEvent",
            p -> p.has("meterValue") && TestCsms.energyOf(p.at("/meterValue")) == wh,
            WAIT);
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void anEvChargesAtTheCsmsLimitIsMeteredAndAStuckRelayFaultsTheConnector(OcppVersion v)
      throws Exception {
    start(v);
    boolean v16 = v == OcppVersion.V16;
    // Boot: the board is armed with its lease and asleep; the station is Available.
    csms.awaitCall(ID, "BootNotification", WAIT);
    awaitStatus("Available");
    assertThat(commands()).startsWith("$SY 3 6", "$GS", "$FS");
    await().atMost(WAIT).until(() -> commands().contains("$SY"));

    // The EV plugs in: the board reports state B.
    rig.boardState("02", "02", 32);
    awaitStatus(v16 ? "Preparing" : "Occupied");

    // The CSMS limits the EVSE to 10 A and starts a transaction: the board gets $SC 10 V.
    assertThat(csms.call(ID, "SetChargingProfile", tenAmps()).at("/status").asText())
        .isEqualTo("Accepted");
    JsonNode remote =
        v16
            ? csms.call(ID, "RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\"}")
            : csms.call(
                ID,
                "RequestStartTransaction",
                "{\"evseId\":1,\"remoteStartId\":1,"
                    + "\"idToken\":{\"idToken\":\"TAG1\",\"type\":\"Central\"}}");
    assertThat(remote.at("/status").asText()).isEqualTo("Accepted");
    Received started = awaitStarted();
    if (v16) {
      assertThat(started.at("/meterStart").asInt()).isEqualTo(12_500);
    }
    await().atMost(WAIT).until(() -> commands().contains("$SC 10 V"));
    assertThat(commands()).doesNotContain("$SC 9 V").contains("$FE");

    // The EV draws energy: the board reports C, the meter counts, the CSMS sees it.
    meter.load(new float[] {230f, 230f, 230f}, new float[] {9.8f, 9.8f, 9.8f}, 6762f, 12.6f);
    rig.boardState("03", "03", 10);
    if (v16) {
      awaitStatus("Charging");
    }
    awaitEnergy(12_600);

    // The relay sticks: the EVSE is Faulted (welded contactor), the board disabled.
    rig.boardState("08", "02", 10);
    Received faulted = awaitStatus("Faulted");
    if (v16) {
      assertThat(faulted.at("/errorCode").asText()).isEqualTo("PowerSwitchFailure");
      assertThat(faulted.at("/vendorErrorCode").asText()).isEqualTo("WeldedContactor");
      csms.awaitCall(ID, "StopTransaction", WAIT);
    } else {
      csms.awaitCall(
          ID, "TransactionEvent", p -> p.at("/eventType").asText().equals("Ended"), WAIT);
    }
    await().atMost(WAIT).until(() -> commands().contains("$FD"));
  }
}
