package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static io.kilowire.core.interop.OcppRpcCsms.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reservations against ocpp-rpc in strict mode, over a real WebSocket on 127.0.0.1: the CSMS
 * reserves EVSE 1 for a token and EVSE 2 for a few seconds and cancels a reservation the station
 * does not have; the station reports both EVSEs Reserved, starts the reserved token's transaction
 * with the reservation's id, and at the other's expiry reports EVSE 2 Available (2.0.1: and a
 * ReservationStatusUpdate Expired). Not one schema complaint on either side.
 */
class ReservationOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TOKEN = "04A1B2C3";

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void reservationsPassOcppRpcStrictMode(OcppVersion version) {
    playReservations(version);
  }

  /** The whole exchange for {@code version}; 2.1 speaks 2.0.1's reservation messages. */
  static void playReservations(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String later = now.plus(Duration.ofHours(1)).toString();
    String soon = now.plus(Duration.ofSeconds(4)).toString();
    String calls =
        v16
            ? "[{\"action\":\"ReserveNow\",\"params\":{\"connectorId\":1,\"expiryDate\":\""
                + later
                + "\",\"idTag\":\""
                + TOKEN
                + "\",\"reservationId\":1}},"
                + "{\"action\":\"ReserveNow\",\"params\":{\"connectorId\":2,\"expiryDate\":\""
                + soon
                + "\",\"idTag\":\"OTHER\",\"reservationId\":2}},"
                + "{\"action\":\"CancelReservation\",\"params\":{\"reservationId\":3}}]"
            : "[{\"action\":\"ReserveNow\",\"params\":{\"id\":1,\"expiryDateTime\":\""
                + later
                + "\",\"idToken\":{\"idToken\":\""
                + TOKEN
                + "\",\"type\":\"ISO14443\"},\"evseId\":1}},"
                + "{\"action\":\"ReserveNow\",\"params\":{\"id\":2,\"expiryDateTime\":\""
                + soon
                + "\",\"idToken\":{\"idToken\":\"0A0B0C0D\",\"type\":\"ISO14443\"},\"evseId\":2}},"
                + "{\"action\":\"CancelReservation\",\"params\":{\"reservationId\":3}}]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", version.subprotocol(), "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, version), hardware).evses(2).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();

        await()
            .atMost(WAIT)
            .until(() -> count(csms, e -> e.path("event").asText().equals("csmsCallResult")) == 3);
        String statusField = v16 ? "status" : "connectorStatus";
        String evseField = v16 ? "connectorId" : "evseId";
        awaitCall(
            csms,
            "StatusNotification",
            p -> p.path(evseField).asInt() == 1 && p.path(statusField).asText().equals("Reserved"));
        awaitCall(
            csms,
            "StatusNotification",
            p -> p.path(evseField).asInt() == 2 && p.path(statusField).asText().equals("Reserved"));

        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        station.call(() -> station.station().plugIn(1));
        if (v16) {
          awaitCall(csms, "StartTransaction", p -> p.path("reservationId").asInt() == 1);
        } else {
          awaitCall(
              csms,
              "TransactionEvent",
              p ->
                  p.path("eventType").asText().equals("Started")
                      && p.path("reservationId").asInt() == 1);
          awaitCall(
              csms,
              "ReservationStatusUpdate",
              p ->
                  p.path("reservationId").asInt() == 2
                      && p.path("reservationUpdateStatus").asText().equals("Expired"));
        }
        awaitCall(
            csms,
            "StatusNotification",
            p ->
                p.path(evseField).asInt() == 2 && p.path(statusField).asText().equals("Available"));
      }

      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("csmsCallResult"))
          .extracting(e -> e.path("result").path("status").asText())
          .containsExactly("Accepted", "Accepted", "Rejected");
      assertNoComplaints(csms);
    }
  }

  private static TransportConfig config(int port, OcppVersion version) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RESERVE-" + version.name())
        .ocppVersions(version)
        .securityProfile(0)
        .build();
  }
}
