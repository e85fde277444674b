package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Load management on OCPP 2.1, between the full {@link StationRuntime} and ocpp-rpc in strict mode
 * with the 2.1 schemas over a real WebSocket on 127.0.0.1: a two-EVSE station under the CSMS's
 * station maximum (ChargingStationMaxProfile on EVSE 0, 20 A) and then a local energy manager's
 * demand response (an external constraint of 9.2 kW, source EMS, for a few seconds). Watched at the
 * outputs on every change: what the two EVSEs offer together never exceeds the limit in force, and
 * both EVs charge. The external limit reaches the CSMS in 2.1's shape (NotifyChargingLimit, then
 * ClearedChargingLimit when it runs out), every frame passing the 2.1 schemas.
 */
class LoadManagementOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final double STATION_MAX_A = 20;
  private static final double EMS_KW = 9.2; // 13.33 A on three phases at 230 V
  private static final double AMPS = 16;

  private static final String STATION_MAXIMUM =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":0,\"chargingProfile\":{\"id\":1,"
          + "\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2020-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":"
          + STATION_MAX_A
          + "}]}]}}}";

  @Test
  void theEvsesShareTheStationMaximumAndAnExternalLimitWhichTheCsmsHearsOfIn21Shape() {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", STATION_MAXIMUM)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      List<String> overOffers = new CopyOnWriteArrayList<>();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware).evses(2).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        FakeHardware fake = hardware.fake;
        Runnable check =
            () -> {
              // On the station's thread, once its step is done (it sets one EVSE after the
              // other): the limit in force now, and what the EVSEs offer with energy on.
              DemandResponse external = station.station().externalLimit();
              double bound =
                  external == null
                      ? STATION_MAX_A
                      : Math.min(STATION_MAX_A, external.limitKw() * 1000 / (3 * 230));
              double offered = sum(hardware.fake);
              if (offered > bound + 1e-6) {
                overOffers.add(station.scheduler().now() + ": " + offered + " A over " + bound);
              }
            };
        fake.onOutputChange(
            h -> {
              for (int evse = 1; evse <= 2; evse++) {
                double offered = h.offered(evse) ? h.offeredCurrent(evse) : 0;
                h.draw(evse, offered < 6 ? 0 : Math.min(AMPS, offered));
              }
              station.scheduler().schedule(Duration.ZERO, check);
            });
        station.start();
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(set.path("result").path("status").asText()).isEqualTo("Accepted");
        overOffers.clear(); // before the limit arrived nothing bound the station
        for (int evse = 1; evse <= 2; evse++) {
          int e = evse;
          station.call(() -> station.station().presentToken(e, "04A1B2C" + e, "ISO14443"));
          station.call(() -> station.station().plugIn(e));
          station.call(() -> station.station().evCharging(e, true));
        }
        await()
            .atMost(WAIT)
            .until(() -> on(station, () -> station.station().transaction(2).isPresent()));
        await()
            .atMost(WAIT)
            .until(() -> on(station, () -> both(fake) && sum(fake) > STATION_MAX_A - 1));

        station.call(
            () ->
                station
                    .station()
                    .externalLimit(
                        new DemandResponse(
                            EMS_KW, station.scheduler().now().plusSeconds(4), "EMS")));
        JsonNode notified = awaitCall(csms, "NotifyChargingLimit", p -> true);
        assertThat(notified.at("/params/chargingLimit/chargingLimitSource").asText())
            .isEqualTo("EMS");
        await()
            .atMost(WAIT)
            .until(() -> on(station, () -> both(fake) && sum(fake) <= 13.34 && sum(fake) > 12));

        awaitCall(
            csms,
            "ClearedChargingLimit",
            p -> p.path("chargingLimitSource").asText().equals("EMS"));
        await()
            .atMost(WAIT)
            .until(() -> on(station, () -> both(fake) && sum(fake) > STATION_MAX_A - 1));
        assertThat(overOffers).isEmpty();
      }
      assertNoComplaints(csms);
    }
  }

  /** Both EVSEs offer enough to charge (6 A or more). */
  private static boolean both(FakeHardware fake) {
    return offer(fake, 1) >= 6 && offer(fake, 2) >= 6;
  }

  /** What the EVSEs offer together, an EVSE with its energy off offering nothing. */
  private static double sum(FakeHardware fake) {
    return offer(fake, 1) + offer(fake, 2);
  }

  private static double offer(FakeHardware fake, int evse) {
    return fake.offered(evse) ? fake.offeredCurrent(evse) : 0;
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-V21-LOADMGMT")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
