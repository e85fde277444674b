package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.awaitOutcomes;
import static io.kilowire.core.interop.OcppRpcCsms.config21;
import static io.kilowire.core.interop.OcppRpcCsms.outcomes;
import static io.kilowire.core.interop.OcppRpcCsms.started;
import static org.assertj.core.api.Assertions.assertThat;

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
 * and ends the transaction with it, each time spelled exactly as the CSMS sent it.
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

  private static boolean isTheLongToken(JsonNode params) {
    JsonNode token = params.path("idToken");
    return token.path("idToken").asText().equals(LONG) && token.path("type").asText().equals(TYPE);
  }

  private static StationRuntime station(NodePeer csms) {
    LazyHardware hardware = new LazyHardware();
    return started(
        hardware,
        StationRuntime.builder(config21(csms, "KW-LONG-TOKEN-V21"), hardware)
            .v201DeviceModel(d -> d.initial(V201Variables.AuthCtrlr.AUTHORIZE_REMOTE_START, true)));
  }
}
