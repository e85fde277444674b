package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.awaitOutcomes;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static io.kilowire.core.interop.OcppRpcCsms.config21;
import static io.kilowire.core.interop.OcppRpcCsms.on;
import static io.kilowire.core.interop.OcppRpcCsms.outcomes;
import static io.kilowire.core.interop.OcppRpcCsms.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 2.1 reservations beyond one EVSE's (which {@link ReservationFirmwareLogOcpp21IT} shows), against
 * ocpp-rpc in strict mode with the 2.1 schemas over a real WebSocket on 127.0.0.1: a reservation
 * for any EVSE and one for a connector type hold the free EVSEs; a connector type the station does
 * not have is Rejected, also one 2.1 names and 2.0.1 cannot (2.1 made connectorType a string); a
 * token of the reservation's group uses it once the CSMS's Authorize answer names the group; a
 * reservation whose EVSE faults or is made Inoperative ends with ReservationStatusUpdate Removed;
 * one its token used to authorize, when no EV follows within EVConnectionTimeOut, with
 * NoTransaction (2.0.1 has no such status and hears nothing). A tariff with a reservation fee,
 * which the station does not bill yet, is refused naming the field.
 */
class ReservationOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TOKEN = "04A1B2C3";
  private static final String OTHER = "0A0B0C0D";
  private static final String MEMBER = "0E0F1011";

  @Test
  void anyEvseAndAConnectorTypeHoldTheFreeEvsesAndATypeTheStationLacksIsRejected() {
    String calls =
        "["
            + reserveNow(1, null, null, TOKEN, null)
            + ","
            + reserveNow(2, null, "cType2", OTHER, null)
            + ","
            + reserveNow(3, null, "cCCS1", MEMBER, null)
            // A connector type 2.1 added (NACS, SAE J3400): a type, not an error.
            + ","
            + reserveNow(4, null, "cNACS", MEMBER, null)
            + ","
            + reserveNow(5, null, null, MEMBER, null)
            + "]";
    try (NodePeer csms = peer(calls, null);
        StationRuntime station = station(csms, "KW-RES-ANY-V21")) {
      awaitOutcomes(csms, 5);
      awaitStatus(csms, 1, "Reserved");
      awaitStatus(csms, 2, "Reserved");
      assertThat(outcomes(csms))
          .containsExactly("Accepted", "Accepted", "Rejected", "Rejected", "Occupied");

      station.call(() -> station.station().presentToken(2, TOKEN, "ISO14443"));
      station.call(() -> station.station().plugIn(2));
      awaitCall(
          csms,
          "TransactionEvent",
          p ->
              p.path("eventType").asText().equals("Started")
                  && p.path("evse").path("id").asInt() == 2
                  && p.path("reservationId").asInt() == 1);
      assertThat(station.station().reservations()).extracting(r -> r.id()).containsExactly(2);

      // The one left, by type, is cancelled; with ReservationCtrlr.Enabled false none is taken.
      csms.send("{\"action\":\"CancelReservation\",\"params\":{\"reservationId\":2}}");
      await()
          .atMost(WAIT)
          .until(
              () ->
                  calls(
                          csms,
                          "StatusNotification",
                          p ->
                              p.path("evseId").asInt() == 1
                                  && p.path("connectorStatus").asText().equals("Available"))
                      == 2);
      csms.send(
          "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
              + "\"false\",\"component\":{\"name\":\"ReservationCtrlr\"},"
              + "\"variable\":{\"name\":\"Enabled\"}}]}}");
      awaitOutcomes(csms, 7);
      assertThat(csms.events())
          .filteredOn(e -> e.path("action").asText().equals("SetVariables"))
          .extracting(e -> e.at("/result/setVariableResult/0/attributeStatus").asText())
          .containsExactly("Accepted");
      csms.send(reserveNow(6, 1, null, MEMBER, null));
      awaitOutcomes(csms, 8);
      assertThat(outcomes(csms))
          .containsExactly(
              "Accepted",
              "Accepted",
              "Rejected",
              "Rejected",
              "Occupied",
              "Accepted",
              "",
              "Rejected");
      assertThat(station.station().reservations()).isEmpty();
      assertThat(calls(csms, "ReservationStatusUpdate", p -> true)).isZero();
      assertNoComplaints(csms);
    }
  }

  @Test
  void aTokenOfTheReservationsGroupUsesItAndOneOfAnotherGroupDoesNot() {
    String calls =
        "["
            + reserveNow(1, 1, null, TOKEN, "GROUP-1")
            + ","
            + reserveNow(2, 2, null, TOKEN, "GROUP-2")
            + "]";
    // The CSMS tells every token it authorizes that it belongs to GROUP-1.
    String authorize =
        "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Accepted\",\"groupIdToken\":"
            + "{\"idToken\":\"GROUP-1\",\"type\":\"Central\"}}}}";
    try (NodePeer csms = peer(calls, authorize);
        StationRuntime station = station(csms, "KW-RES-GROUP-V21")) {
      awaitOutcomes(csms, 2);
      awaitStatus(csms, 2, "Reserved");

      station.call(() -> station.station().presentToken(2, MEMBER, "ISO14443"));
      awaitCall(csms, "Authorize", p -> p.path("idToken").path("idToken").asText().equals(MEMBER));
      station.call(() -> station.station().plugIn(2));
      station.call(() -> station.station().presentToken(1, MEMBER, "ISO14443"));
      station.call(() -> station.station().plugIn(1));
      awaitCall(
          csms,
          "TransactionEvent",
          p ->
              p.path("eventType").asText().equals("Started")
                  && p.path("evse").path("id").asInt() == 1
                  && p.path("reservationId").asInt() == 1
                  && p.path("idToken").path("idToken").asText().equals(MEMBER));

      // EVSE 2 stays kept for GROUP-2: no transaction there, the reservation still held.
      assertThat(
              calls(
                  csms,
                  "TransactionEvent",
                  p ->
                      p.path("eventType").asText().equals("Started")
                          && p.path("evse").path("id").asInt() == 2))
          .isZero();
      assertThat(station.station().reservations()).extracting(r -> r.id()).containsExactly(2);
      assertThat(outcomes(csms)).containsExactly("Accepted", "Accepted");
      assertNoComplaints(csms);
    }
  }

  @Test
  void aReservationWhoseEvseFaultsOrIsMadeInoperativeIsRemoved() {
    String calls =
        "[" + reserveNow(1, 1, null, TOKEN, null) + "," + reserveNow(2, 2, null, OTHER, null) + "]";
    try (NodePeer csms = peer(calls, null);
        StationRuntime station = station(csms, "KW-RES-REMOVED-V21")) {
      awaitOutcomes(csms, 2);
      awaitStatus(csms, 2, "Reserved");

      station.call(() -> station.station().fault(1, true));
      awaitUpdate(csms, 1, "Removed");
      awaitStatus(csms, 1, "Faulted");

      csms.send(
          "{\"action\":\"ChangeAvailability\",\"params\":"
              + "{\"operationalStatus\":\"Inoperative\",\"evse\":{\"id\":2}}}");
      awaitUpdate(csms, 2, "Removed");
      awaitStatus(csms, 2, "Unavailable");

      assertThat(station.station().reservations()).isEmpty();
      assertThat(outcomes(csms)).containsExactly("Accepted", "Accepted", "Accepted");
      assertThat(calls(csms, "ReservationStatusUpdate", p -> true)).isEqualTo(2);
      assertNoComplaints(csms);
    }
  }

  /**
   * H03.FR.11, as we read it (Part 2's wording is not at hand): the reservation was consumed when
   * its token authorized; the authorization lapsing without a transaction ends it as NoTransaction.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ocpp2.1", "ocpp2.0.1"})
  void aReservationUsedByAnAuthorizationNoEvFollowsEndsAsNoTransactionIn21Only(String protocol) {
    String calls =
        "[{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
            + "\"2\",\"component\":{\"name\":\"TxCtrlr\"},"
            + "\"variable\":{\"name\":\"EVConnectionTimeOut\"}}]}},"
            + reserveNow(1, 1, null, TOKEN, null)
            + "]";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", protocol, "--csms-call", calls);
        StationRuntime station = station(csms, "KW-RES-NOTX", protocol)) {
      awaitOutcomes(csms, 2);
      assertThat(outcomes(csms)).containsExactly("", "Accepted");
      awaitStatus(csms, 1, "Reserved");

      station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
      awaitCall(csms, "Authorize", p -> p.path("idToken").path("idToken").asText().equals(TOKEN));
      // The token used the reservation and holds the EVSE, waiting for the EV.
      awaitStatus(csms, 1, "Occupied");
      assertThat(on(station, () -> station.station().reservations())).isEmpty();
      int available = calls(csms, "StatusNotification", ReservationOcpp21IT::available1);
      // No EV within 2 s: the authorization lapses and the EVSE is free again.
      await()
          .atMost(WAIT)
          .until(
              () -> calls(csms, "StatusNotification", ReservationOcpp21IT::available1) > available);
      if (protocol.equals("ocpp2.1")) {
        awaitUpdate(csms, 1, "NoTransaction");
      }
      assertThat(calls(csms, "TransactionEvent", p -> true)).isZero();
      assertThat(calls(csms, "ReservationStatusUpdate", p -> true))
          .isEqualTo(protocol.equals("ocpp2.1") ? 1 : 0);
      assertNoComplaints(csms);
    }
  }

  @Test
  void aTariffWithAReservationFeeIsRefusedNamingItAndAPlainOneIsTaken() {
    String calls =
        "[{\"action\":\"SetDefaultTariff\",\"params\":{\"evseId\":0,\"tariff\":{"
            + "\"tariffId\":\"RES-1\",\"currency\":\"EUR\",\"energy\":{\"prices\":"
            + "[{\"priceKwh\":0.25}]},\"reservationFixed\":{\"prices\":[{\"priceFixed\":2.00}]}}}},"
            + "{\"action\":\"SetDefaultTariff\",\"params\":{\"evseId\":0,\"tariff\":{"
            + "\"tariffId\":\"PLAIN-1\",\"currency\":\"EUR\",\"energy\":{\"prices\":"
            + "[{\"priceKwh\":0.25}]}}}}]";
    try (NodePeer csms = peer(calls, null);
        StationRuntime station = station(csms, "KW-RES-FEE-V21")) {
      awaitOutcomes(csms, 2);

      assertThat(outcomes(csms)).hasSize(2).last().isEqualTo("Accepted");
      assertThat(outcomes(csms).get(0))
          .startsWith("NotSupported: ")
          .contains("tariff.reservationFixed");
      assertThat(station.station().reservations()).isEmpty();
      // The refusal is the session's one CALLERROR; nothing broke a schema or a primitive rule.
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .filteredOn(
              e ->
                  e.path("event").asText().equals("frame")
                      && e.path("frame").asText().startsWith("[4,"))
          .hasSize(1);
    }
  }

  static String reserveNow(
      int id,
      @Nullable Integer evse,
      @Nullable String connectorType,
      String token,
      @Nullable String group) {
    return "{\"action\":\"ReserveNow\",\"params\":{\"id\":"
        + id
        + ",\"expiryDateTime\":\""
        + Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1))
        + "\",\"idToken\":{\"idToken\":\""
        + token
        + "\",\"type\":\"ISO14443\"}"
        + (evse == null ? "" : ",\"evseId\":" + evse)
        + (connectorType == null ? "" : ",\"connectorType\":\"" + connectorType + "\"")
        + (group == null
            ? ""
            : ",\"groupIdToken\":{\"idToken\":\"" + group + "\",\"type\":\"Central\"}")
        + "}}";
  }

  private static boolean available1(JsonNode status) {
    return status.path("evseId").asInt() == 1
        && status.path("connectorStatus").asText().equals("Available");
  }

  private static JsonNode awaitStatus(NodePeer csms, int evse, String status) {
    return awaitCall(
        csms,
        "StatusNotification",
        p -> p.path("evseId").asInt() == evse && p.path("connectorStatus").asText().equals(status));
  }

  private static JsonNode awaitUpdate(NodePeer csms, int reservation, String status) {
    return awaitCall(
        csms,
        "ReservationStatusUpdate",
        p ->
            p.path("reservationId").asInt() == reservation
                && p.path("reservationUpdateStatus").asText().equals(status));
  }

  private static NodePeer peer(String calls, @Nullable String replies) {
    return replies == null
        ? NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)
        : NodePeer.start(
            "server.js", "--protocol", "ocpp2.1", "--csms-call", calls, "--reply", replies);
  }

  /** A 2-EVSE 2.1 station (its connectors cType2) on a fake hardware, started. */
  private static StationRuntime station(NodePeer csms, String id) {
    return station(csms, id, "ocpp2.1");
  }

  /** As {@link #station(NodePeer, String)}, speaking {@code protocol} (2.1 or 2.0.1). */
  private static StationRuntime station(NodePeer csms, String id, String protocol) {
    LazyHardware hardware = new LazyHardware();
    TransportConfig v21 = config21(csms, id);
    TransportConfig config =
        protocol.equals("ocpp2.1") ? v21 : v21.toBuilder().ocppVersions(OcppVersion.V201).build();
    return started(hardware, StationRuntime.builder(config, hardware).evses(2));
  }
}
