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

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The station row's operations on a 2.1 station against ocpp-rpc in strict mode with the 2.1
 * schemas, over a real WebSocket on 127.0.0.1: a Pending or Rejected boot sent again after its
 * interval with nothing else before it is accepted; a driver who refuses the tariff shown ends the
 * transaction (TariffNotAccepted, stoppedReason DeAuthorized); ChangeAvailability during a
 * transaction is Scheduled and takes effect when it ends (Unavailable in the status and in the
 * device model's AvailabilityState event); GetTransactionStatus, DataTransfer and UnlockConnector
 * (OngoingAuthorizedTransaction during the transaction, Unlocked after it) in 2.1's shape.
 */
class StationOperationsOcpp21IT {
  /** The CSMS's Authorize answer: accepted, with the driver's tariff as its personal message. */
  private static final String TARIFF_REPLY =
      "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Accepted\",\"personalMessage\":"
          + "{\"format\":\"UTF8\",\"content\":\"0.39 EUR/kWh\"}}}}";

  private static final String UNLOCK =
      "{\"action\":\"UnlockConnector\",\"params\":{\"evseId\":1,\"connectorId\":1}}";

  @Test
  void aDriverWhoRefusesTheTariffShownEndsTheTransactionAsTariffNotAccepted() {
    try (NodePeer csms =
            NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", TARIFF_REPLY);
        StationRuntime station = station(csms, "KW-TARIFF-REFUSED-V21")) {
      JsonNode start = startTransaction(csms, station);
      assertThat(on(station, () -> station.station().cost().tariffShown(1)))
          .as("the tariff is on the display")
          .isNotNull();

      assertThat(on(station, () -> station.station().refuseTariff(1))).isTrue();
      JsonNode ended =
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));

      assertThat(ended.at("/params/triggerReason").asText()).isEqualTo("TariffNotAccepted");
      assertThat(ended.at("/params/transactionInfo/stoppedReason").asText())
          .isEqualTo("DeAuthorized");
      assertThat(ended.at("/params/transactionInfo/transactionId").asText())
          .isEqualTo(start.at("/params/transactionInfo/transactionId").asText());
      assertThat(ended.at("/params/customData").isMissingNode())
          .as("the 2.0.1 gateway's mark is gone")
          .isTrue();
      assertThat(on(station, () -> station.station().cost().tariffShown(1))).isNull();
      assertThat(on(station, () -> station.station().refuseTariff(1)))
          .as("nothing left to refuse")
          .isFalse();
      assertNoComplaints(csms);
    }
  }

  @Test
  void availabilityTransactionStatusDataTransferAndUnlockAnswerIn21Shape() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1");
        StationRuntime station = station(csms, "KW-OPERATIONS-V21")) {
      String tx =
          startTransaction(csms, station).at("/params/transactionInfo/transactionId").asText();

      csms.send(
          "{\"action\":\"ChangeAvailability\",\"params\":{\"operationalStatus\":\"Inoperative\","
              + "\"evse\":{\"id\":1}}}");
      csms.send(
          "{\"action\":\"GetTransactionStatus\",\"params\":{\"transactionId\":\"" + tx + "\"}}");
      csms.send("{\"action\":\"DataTransfer\",\"params\":{\"vendorId\":\"com.example\"}}");
      csms.send(UNLOCK);
      awaitOutcomes(csms, 4);
      assertThat(outcomes(csms))
          .containsExactly("Scheduled", "", "UnknownVendorId", "OngoingAuthorizedTransaction");
      JsonNode status =
          csms.events().stream()
              .filter(e -> e.path("event").asText().equals("csmsCallResult"))
              .filter(e -> e.path("action").asText().equals("GetTransactionStatus"))
              .findFirst()
              .orElseThrow();
      assertThat(status.at("/result/ongoingIndicator").asBoolean()).isTrue();
      assertThat(status.at("/result/messagesInQueue").asBoolean()).isFalse();

      station.call(() -> station.station().unplug(1));
      awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
      awaitCall(
          csms,
          "StatusNotification",
          p ->
              p.path("evseId").asInt() == 1
                  && p.path("connectorStatus").asText().equals("Unavailable"));
      awaitCall(
          csms,
          "NotifyEvent",
          p ->
              p.toString().contains("AvailabilityState")
                  && p.path("eventData").findValues("actualValue").stream()
                      .anyMatch(v -> v.asText().equals("Unavailable")));
      csms.send(UNLOCK);
      csms.send(
          "{\"action\":\"GetTransactionStatus\",\"params\":{\"transactionId\":\"" + tx + "\"}}");
      awaitOutcomes(csms, 6);
      assertThat(outcomes(csms).subList(4, 6)).containsExactly("Unlocked", "");
      assertThat(
              csms.events().stream()
                  .filter(e -> e.path("event").asText().equals("csmsCallResult"))
                  .filter(e -> e.path("action").asText().equals("GetTransactionStatus"))
                  .skip(1)
                  .findFirst()
                  .orElseThrow()
                  .at("/result/ongoingIndicator")
                  .asBoolean())
          .as("the transaction is over")
          .isFalse();
      assertNoComplaints(csms);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pending", "Rejected"})
  void aBootNotAcceptedIsSentAgainAfterItsIntervalAndNothingElseGoesOut(String verdict) {
    String reply =
        "{\"BootNotification\":{\"status\":\""
            + verdict
            + "\",\"currentTime\":\""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\",\"interval\":1}}";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", reply);
        StationRuntime station = station(csms, "KW-BOOT-" + verdict.toUpperCase(Locale.ROOT))) {
      csms.await(e -> calls(csms, "BootNotification", p -> true) >= 2, OcppRpcCsms.WAIT);

      assertThat(
              csms.events().stream()
                  .filter(e -> e.path("event").asText().equals("call"))
                  .map(e -> e.path("action").asText()))
          .as("nothing but the boot until it is accepted")
          .containsOnly("BootNotification");
      assertThat(on(station, () -> station.station().isAccepted())).isFalse();
      assertNoComplaints(csms);
    }
  }

  /** A token at EVSE 1 and the cable in; returns the peer's Started event. */
  private static JsonNode startTransaction(NodePeer csms, StationRuntime station) {
    awaitCall(csms, "StatusNotification", p -> p.path("evseId").asInt() == 2);
    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    return awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
  }

  private static StationRuntime station(NodePeer csms, String id) {
    LazyHardware hardware = new LazyHardware();
    return started(hardware, StationRuntime.builder(config21(csms, id), hardware).evses(2));
  }
}
