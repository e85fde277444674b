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
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import org.junit.jupiter.api.Test;

/**
 * 2.1's IdToken (up to 255 characters, any type name up to 20) against ocpp-rpc in strict mode with
 * the 2.1 schemas over a real WebSocket on 127.0.0.1: a remote start with a 200-character token of
 * a type 2.0.1 does not know is taken, the station asks the CSMS about it (Authorize) and starts
 * and ends the transaction with it, each time spelled exactly as the CSMS sent it. The token lives
 * in the station's own state, not in a table beside it: two stations in one JVM given the same
 * token spelled differently each keep their spelling, and a transaction begun offline with such a
 * token reaches the CSMS with it after a power cut. A driver's long token at the reader works too.
 */
class LongTokenOcpp21IT {
  /** 200 characters, more than 2.0.1's 36. */
  private static final String LONG = "KW-" + "0123456789abcdef".repeat(12) + "Z".repeat(5);

  /** A type 2.1 names and 2.0.1's enumeration lacks. */
  private static final String TYPE = "EVCCID";

  @Test
  void aRemoteStartWithA200CharacterTokenOfAnUnknownTypeStartsAndEndsWithItUnchanged() {
    assertThat(LONG).hasSize(200);
    String start =
        "[{\"action\":\"RequestStartTransaction\",\"params\":{\"evseId\":1,\"remoteStartId\":5,"
            + "\"idToken\":{\"idToken\":\""
            + LONG
            + "\",\"type\":\""
            + TYPE
            + "\"}}}]";
    try (NodePeer csms =
            NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", start);
        StationRuntime station = station(csms)) {
      awaitOutcomes(csms, 1);
      assertThat(outcomes(csms)).containsExactly("Accepted");

      // AuthorizeRemoteStart: the station asks about the token exactly as it came.
      awaitCall(csms, "Authorize", LongTokenOcpp21IT::isTheLongToken);
      station.call(() -> station.station().plugIn(1));
      JsonNode started =
          awaitCall(
              csms,
              "TransactionEvent",
              p -> p.path("eventType").asText().equals("Started") && isTheLongToken(p));
      String transactionId =
          started.path("params").path("transactionInfo").path("transactionId").asText();

      csms.send(
          "{\"action\":\"RequestStopTransaction\",\"params\":{\"transactionId\":\""
              + transactionId
              + "\"}}");
      awaitOutcomes(csms, 2);
      assertThat(outcomes(csms)).containsExactly("Accepted", "Accepted");
      awaitCall(
          csms,
          "TransactionEvent",
          p ->
              p.path("eventType").asText().equals("Ended")
                  && p.path("transactionInfo").path("stoppedReason").asText().equals("Remote"));
      assertNoComplaints(csms);
    }
  }

  /** A remote start of a transaction for {@code token} (of {@link #TYPE}) on EVSE 1. */
  private static String remoteStart(String token) {
    return "[{\"action\":\"RequestStartTransaction\",\"params\":{\"evseId\":1,"
        + "\"remoteStartId\":5,\"idToken\":{\"idToken\":\""
        + token
        + "\",\"type\":\""
        + TYPE
        + "\"}}}]";
  }

  @Test
  void twoStationsInOneJvmGivenOneTokenSpelledDifferentlyEachSendItsOwnSpelling() {
    String upper = LONG.toUpperCase(java.util.Locale.ROOT);
    try (NodePeer csmsA =
            NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", remoteStart(LONG));
        NodePeer csmsB =
            NodePeer.start(
                "server.js", "--protocol", "ocpp2.1", "--csms-call", remoteStart(upper));
        StationRuntime a = station(csmsA, "KW-LONG-TOKEN-A");
        StationRuntime b = station(csmsB, "KW-LONG-TOKEN-B")) {
      awaitCall(csmsA, "Authorize", p -> spelled(p, LONG));
      awaitCall(csmsB, "Authorize", p -> spelled(p, upper));
      // A's transaction begins after B learnt its spelling of the same token.
      a.call(() -> a.station().plugIn(1));
      b.call(() -> b.station().plugIn(1));
      JsonNode startedA =
          awaitCall(csmsA, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      JsonNode startedB =
          awaitCall(csmsB, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      assertThat(startedA.at("/params/idToken/idToken").asText()).isEqualTo(LONG);
      assertThat(startedB.at("/params/idToken/idToken").asText()).isEqualTo(upper);
      assertNoComplaints(csmsA);
      assertNoComplaints(csmsB);
    }
  }

  @Test
  void aTransactionBegunOfflineWithALongTokenReachesTheCsmsWithItAfterAPowerCut(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", remoteStart(LONG))) {
      java.nio.file.Path before = dir.resolve("before");
      java.nio.file.Path after = dir.resolve("after");
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          started(
              hardware,
              StationRuntime.builder(config21(csms, "KW-LONG-TOKEN-CUT"), hardware)
                  .stateDir(before))) {
        awaitOutcomes(csms, 1);
        assertThat(outcomes(csms)).containsExactly("Accepted");
        csms.send("{\"offline\":true}");
        csms.awaitEvent("closed", OcppRpcCsms.WAIT);
        // Offline, the EV comes: the transaction begins, its Started event waits in the journal.
        station.call(() -> station.station().plugIn(1));
        await()
            .atMost(OcppRpcCsms.WAIT)
            .until(() -> on(station, () -> station.station().transaction(1).isPresent()));
        station.call(() -> ResumingResetOcpp21IT.copy(before, after));
      }
      assertThat(calls(csms, "TransactionEvent", p -> true)).isZero();
      csms.send("{\"offline\":false}");

      LazyHardware restarted = new LazyHardware();
      StationRuntime station =
          started(
              restarted,
              StationRuntime.builder(config21(csms, "KW-LONG-TOKEN-CUT"), restarted)
                  .stateDir(after));
      try {
        JsonNode startedEvent =
            awaitCall(
                csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        assertThat(startedEvent.at("/params/idToken/idToken").asText()).isEqualTo(LONG);
        assertThat(startedEvent.at("/params/idToken/type").asText()).isEqualTo(TYPE);
        assertThat(startedEvent.at("/params/offline").asBoolean()).isTrue();
        assertThat(startedEvent.at("/params/customData").isMissingNode()).isTrue();
      } finally {
        station.close();
      }
      assertNoComplaints(csms);
    }
  }

  @Test
  void aDriversLongTokenAtTheReaderIsAuthorizedAndStartsTheTransactionSpelledAsPresented() {
    String vin = "W" + "KWVIN0123456789".repeat(3);
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1");
        StationRuntime station = station(csms, "KW-LONG-TOKEN-READER")) {
      awaitCall(csms, "StatusNotification", p -> true);
      station.call(() -> station.station().presentToken(1, vin, "VIN"));
      awaitCall(
          csms, "Authorize", p -> spelled(p, vin) && p.at("/idToken/type").asText().equals("VIN"));
      station.call(() -> station.station().plugIn(1));
      JsonNode startedEvent =
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
      assertThat(startedEvent.at("/params/idToken/idToken").asText()).isEqualTo(vin);
      assertThat(startedEvent.at("/params/idToken/type").asText()).isEqualTo("VIN");
      assertNoComplaints(csms);
    }
  }

  private static boolean spelled(JsonNode params, String token) {
    return params.path("idToken").path("idToken").asText().equals(token);
  }

  private static boolean isTheLongToken(JsonNode params) {
    JsonNode token = params.path("idToken");
    return token.path("idToken").asText().equals(LONG) && token.path("type").asText().equals(TYPE);
  }

  private static StationRuntime station(NodePeer csms) {
    return station(csms, "KW-LONG-TOKEN-V21");
  }

  /** A 2.1 station that asks the CSMS about a remote start's token (AuthorizeRemoteStart). */
  private static StationRuntime station(NodePeer csms, String id) {
    LazyHardware hardware = new LazyHardware();
    return started(
        hardware,
        StationRuntime.builder(config21(csms, id), hardware)
            .v201DeviceModel(d -> d.initial(V201Variables.AuthCtrlr.AUTHORIZE_REMOTE_START, true)));
  }
}
