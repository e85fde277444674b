package io.kilowire.hardware.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.loadmanagement.BudgetSource;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.hardware.modbus.FakeSdmMeter;
import io.kilowire.hardware.rapi.RapiFrame;
import io.kilowire.hardware.testing.SocatPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board station balancing against its site: the fake OpenEVSE and EVSE meter of {@link
 * BoardStationIT}, plus a fake SDM630 as the site meter on a third PTY pair; the config's {@code
 * site} section as {@code kilowire-station.jar} reads it; a CSMS on 127.0.0.1 (OCPP 1.6).
 */
class BoardStationSiteIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String ID = "KW-SITE-IT";
  private static final float[] VOLTS = {230f, 230f, 230f};

  @TempDir Path dir;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  private BoardRig rig;
  private FakeSdmMeter site;
  private volatile boolean charging;
  private volatile float buildingA;
  private volatile float evA;

  /**
   * The meters as they would read: the EV (while in state C) draws what the board offers, the site
   * meter sees the building plus the EV.
   */
  private synchronized void publish() {
    float ev = charging ? evA : 0;
    float grid = buildingA + ev;
    rig.meter.load(VOLTS, new float[] {ev, ev, ev}, 3 * 230 * ev, 12.5f);
    site.load(VOLTS, new float[] {grid, grid, grid}, 3 * 230 * grid, 1000f);
  }

  private void building(float amps) {
    buildingA = amps;
    publish();
  }

  /** The board as the fake: $GS tells the EV's state, an $SC is what the EV then draws. */
  private @Nullable String board(RapiFrame cmd) {
    if (cmd.token().equals("GS")) {
      return charging ? "$OK 03 0 03 0000" : "$OK 02 0 02 0000";
    }
    if (cmd.token().equals("SC")) {
      evA = Math.min(32, Float.parseFloat(cmd.args().get(0)));
      publish();
    }
    return BoardRig.openEvse(cmd);
  }

  private static void awaitCurrent(BoardRig rig, int amps) {
    await()
        .atMost(WAIT)
        .until(() -> last(rig.commands(), "$SC "), c -> c.equals("$SC " + amps + " V"));
  }

  private static String last(List<String> commands, String prefix) {
    String found = "";
    for (String c : commands) {
      if (c.startsWith(prefix)) {
        found = c;
      }
    }
    return found;
  }

  @Test
  void theBuildingLoadSetsTheBoardsCurrentAProfileBelowWinsAndASilentMeterGivesTheSafeBudget()
      throws Exception {
    rig = BoardRig.start(dir);
    cleanup.push(rig);
    SocatPair sitePair = rig.pair("site");
    site = rig.meterOn(sitePair, 1);
    building(10);
    rig.board.script(this::board);
    TestCsms csms = TestCsms.start(OcppVersion.V16);
    cleanup.push(csms);
    BoardStation station =
        rig.station(
            """
            {"contactorTimeoutMs": 1000, "meterPollMs": 200, "evses": [%s],
             "site": {"gridLimitA": 40, "meterStaleAfterMs": 2000, "safeBudgetA": 8,
                      "rampIntervalMs": 500,
                      "meter": {"modbus": {"port": "%s", "unit": 1, "model": "sdm630"}}}}
            """
                .formatted(rig.evse(), sitePair.driverEnd()),
            csms,
            ID,
            OcppVersion.V16);
    csms.awaitCall(ID, "BootNotification", WAIT);

    // An EV plugs in and a transaction starts: 40 A fuse - 10 A building = 30 A on the board.
    rig.board.send("$AT 02 02 32 0000", 0);
    csms.awaitCall(
        ID, "StatusNotification", p -> p.at("/status").asText().equals("Preparing"), WAIT);
    assertThat(
            csms.call(ID, "RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG1\"}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    csms.awaitCall(ID, "StartTransaction", WAIT);
    charging = true;
    rig.board.send("$AT 03 03 32 0000", 0);
    awaitCurrent(rig, 30);

    // A CSMS profile below the allocation wins: min(20, 30).
    assertThat(
            csms.call(
                    ID,
                    "SetChargingProfile",
                    "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":1,"
                        + "\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                        + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{"
                        + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
                        + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":20.0}]}}}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    awaitCurrent(rig, 20);

    // The building takes more: the allocation (40 - 29 = 11 A) is now below the profile.
    building(29);
    awaitCurrent(rig, 11);

    // The site meter goes silent: after meterStaleAfter the safe budget holds, never zero, and
    // the CSMS hears of it.
    long silentAt = System.nanoTime();
    site.mode(FakeSdmMeter.Mode.SILENT);
    awaitCurrent(rig, 8);
    assertThat(Duration.ofNanos(System.nanoTime() - silentAt))
        .isGreaterThan(Duration.ofMillis(1500));
    assertThat(station.balancing().orElseThrow().balancer().last().source())
        .isEqualTo(BudgetSource.METER_FALLBACK);
    csms.awaitCall(
        ID,
        "SecurityEventNotification",
        p -> p.at("/techInfo").asText().startsWith("SiteMeterStale began"),
        WAIT);

    // It is back with a light building: the profile is the least again.
    building(5);
    site.mode(FakeSdmMeter.Mode.NORMAL);
    awaitCurrent(rig, 20);
    csms.awaitCall(
        ID,
        "SecurityEventNotification",
        p -> p.at("/techInfo").asText().startsWith("SiteMeterStale ended"),
        WAIT);
  }
}
