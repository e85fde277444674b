package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 2.0.1 blocks driven by ocpp-rpc in strict mode: display messages (O01-O06), customer information
 * (N09, N10), costs (I02) and network profiles (B09). Every answer and every report the station
 * sends after it pass the OCA schemas, with the statuses the use cases prescribe.
 */
class CsmsCommandsOcppRpcIT {
  /** Display messages (O01-O06); the 2.1 run makes them too. */
  static final String DISPLAY_CALLS =
      "[{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":1,"
          + "\"priority\":\"InFront\",\"state\":\"Idle\","
          + "\"startDateTime\":\"2020-01-01T00:00:00.000Z\",\"message\":{\"format\":\"UTF8\","
          + "\"language\":\"en\",\"content\":\"Welcome\"}}}},"
          + "{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":2,"
          + "\"priority\":\"NormalCycle\",\"transactionId\":\"none\","
          + "\"message\":{\"format\":\"ASCII\",\"content\":\"x\"}}}},"
          + "{\"action\":\"GetDisplayMessages\",\"params\":{\"requestId\":7}},"
          + "{\"action\":\"ClearDisplayMessage\",\"params\":{\"id\":1}},"
          + "{\"action\":\"ClearDisplayMessage\",\"params\":{\"id\":1}}]";

  /** Customer information (N09, N10); the 2.1 run makes them too. */
  static final String CUSTOMER_CALLS =
      "[{\"action\":\"CustomerInformation\",\"params\":{\"requestId\":3,\"report\":true,"
          + "\"clear\":true,\"idToken\":{\"idToken\":\"04A1B2C3\",\"type\":\"ISO14443\"}}},"
          + "{\"action\":\"CustomerInformation\",\"params\":{\"requestId\":4,"
          + "\"report\":false,\"clear\":false,\"customerIdentifier\":\"OCA\"}}]";

  static Stream<Arguments> blocks() {
    return Stream.of(
        Arguments.of(
            "display messages",
            DISPLAY_CALLS,
            List.of("Accepted", "UnknownTransaction", "Accepted", "Accepted", "Unknown"),
            "NotifyDisplayMessages"),
        Arguments.of(
            "customer information",
            CUSTOMER_CALLS,
            List.of("Accepted", "Rejected"),
            "NotifyCustomerInformation"),
        Arguments.of(
            "costs and network profiles",
            "[{\"action\":\"CostUpdated\",\"params\":{\"totalCost\":1.25,"
                + "\"transactionId\":\"none\"}},"
                + "{\"action\":\"SetNetworkProfile\",\"params\":{\"configurationSlot\":2,"
                + "\"connectionData\":{\"ocppVersion\":\"OCPP20\",\"ocppTransport\":\"JSON\","
                + "\"ocppCsmsUrl\":\"ws://127.0.0.1:9/ocpp\",\"messageTimeout\":30,"
                + "\"securityProfile\":0,\"ocppInterface\":\"Wired0\"}}},"
                + "{\"action\":\"SetNetworkProfile\",\"params\":{\"configurationSlot\":8,"
                + "\"connectionData\":{\"ocppVersion\":\"OCPP20\",\"ocppTransport\":\"JSON\","
                + "\"ocppCsmsUrl\":\"ws://127.0.0.1:9/ocpp\",\"messageTimeout\":30,"
                + "\"securityProfile\":0,\"ocppInterface\":\"Wired0\"}}}]",
            List.of("", "Accepted", "Rejected"),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void theBlockPassesOcppRpcStrictMode(
      String block, String calls, List<String> statuses, String report) {
    List<JsonNode> events =
        StrictCsmsRun.drive(
            OcppVersion.V201,
            "KW-RPC-" + block.hashCode(),
            calls,
            t -> t,
            report == null ? new String[0] : new String[] {report});
    assertThat(StrictCsmsRun.results(events).stream().map(e -> e.at("/result/status").asText()))
        .containsExactlyElementsOf(statuses);
  }
}
