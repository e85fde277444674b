package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Variable monitoring (N02-N08), display messages (O01-O06) and customer information (N09, N10) on
 * a 2.1 station, driven by ocpp-rpc in strict mode with the 2.1 schemas over 127.0.0.1: the
 * requests 2.0.1 has are answered as on 2.0.1 and the station's reports pass 2.1's schemas; what
 * 2.1 adds to them and the station cannot honour (a TargetDelta monitor, a periodic event stream, a
 * QR code, a message for the Suspended state, a message's extras) is answered CALLERROR
 * NotSupported naming the field.
 */
class OperationsOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void variableMonitoringWorksAndRefusesWhat21AddsByName() {
    String calls =
        appended(
            MonitoringOcppRpcIT.CALLS,
            "{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
                + "{\"value\":2,\"type\":\"TargetDelta\",\"severity\":8,"
                + "\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}},"
                + "{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
                + "{\"value\":2,\"type\":\"TargetDeltaRelative\",\"severity\":8,"
                + "\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}},"
                + "{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
                + "{\"value\":5,\"type\":\"Periodic\",\"severity\":8,\"periodicEventStream\":"
                + "{\"interval\":10,\"values\":5},"
                + "\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}}");
    List<JsonNode> events = run("KW-MON-21", calls, "NotifyMonitoringReport", "NotifyReport");
    List<JsonNode> answers = answers(events);

    assertThat(answers.get(0).at("/result/setMonitoringResult/0/status").asText())
        .isEqualTo("Accepted");
    assertThat(answers.get(0).at("/result/setMonitoringResult/1/status").asText())
        .isEqualTo("UnsupportedMonitorType");
    for (int i = 1; i <= 4; i++) {
      assertThat(answers.get(i).at("/result/status").asText()).isEqualTo("Accepted");
    }
    assertThat(answers.get(5).at("/result/clearMonitoringResult/0/status").asText())
        .isEqualTo("Accepted");
    assertThat(answers.get(5).at("/result/clearMonitoringResult/1/status").asText())
        .isEqualTo("NotFound");
    assertNotSupported(answers.get(6), "type");
    assertNotSupported(answers.get(7), "TargetDeltaRelative");
    assertNotSupported(answers.get(8), "periodicEventStream");
    // 2.1 requires each reported monitor's origin; the one the CSMS set is a custom monitor.
    JsonNode report = StrictCsmsRun.stationCalls(events, "NotifyMonitoringReport").get(0);
    assertThat(report.at("/params/monitor/0/variableMonitoring/0/eventNotificationType").asText())
        .isEqualTo("CustomMonitor");
  }

  @Test
  void displayMessagesWorkAndRefuseWhat21AddsByName() {
    String calls =
        appended(
            CsmsCommandsOcppRpcIT.DISPLAY_CALLS,
            "{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":3,"
                + "\"priority\":\"NormalCycle\",\"message\":{\"format\":\"QRCODE\","
                + "\"content\":\"https://example.com/pay\"}}}},"
                + "{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":4,"
                + "\"priority\":\"NormalCycle\",\"state\":\"Suspended\","
                + "\"message\":{\"format\":\"ASCII\",\"content\":\"Paused\"}}}},"
                + "{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":6,"
                + "\"priority\":\"NormalCycle\",\"state\":\"Discharging\","
                + "\"message\":{\"format\":\"ASCII\",\"content\":\"V2G\"}}}},"
                + "{\"action\":\"SetDisplayMessage\",\"params\":{\"message\":{\"id\":5,"
                + "\"priority\":\"NormalCycle\",\"message\":{\"format\":\"ASCII\",\"content\":\"Hi\"},"
                + "\"messageExtra\":[{\"format\":\"ASCII\",\"language\":\"de\",\"content\":\"Hallo\"}]}}}");
    List<JsonNode> answers = answers(run("KW-DISPLAY-21", calls, "NotifyDisplayMessages"));

    assertThat(answers.subList(0, 5).stream().map(a -> a.at("/result/status").asText()))
        .containsExactly("Accepted", "UnknownTransaction", "Accepted", "Accepted", "Unknown");
    assertNotSupported(answers.get(5), "format");
    assertNotSupported(answers.get(6), "state");
    assertNotSupported(answers.get(7), "Discharging");
    assertNotSupported(answers.get(8), "messageExtra");
  }

  @Test
  void customerInformationWorksWith21sTokenType() {
    String calls =
        appended(
            CsmsCommandsOcppRpcIT.CUSTOMER_CALLS,
            "{\"action\":\"CustomerInformation\",\"params\":{\"requestId\":5,\"report\":true,"
                + "\"clear\":false}}");
    List<JsonNode> answers = answers(run("KW-CUSTOMER-21", calls, "NotifyCustomerInformation"));

    assertThat(answers.stream().map(a -> a.at("/result/status").asText()))
        .containsExactly("Accepted", "Rejected", "Invalid");
  }

  /**
   * Makes {@code calls} against a new 2.1 station, waits for their answers and for the station's
   * {@code reports}, and returns the peer's events; fails on any schema or primitive complaint.
   */
  private static List<JsonNode> run(String stationId, String calls, String... reports) {
    int expected = calls.split("\"action\"").length - 1;
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId(stationId)
              .ocppVersions(OcppVersion.V21)
              .securityProfile(0)
              .build();
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        await().atMost(WAIT).until(() -> answers(csms.events()).size() == expected);
        for (String action : reports) {
          OcppRpcCsms.awaitCall(csms, action, p -> true);
        }
      }
      List<JsonNode> events = csms.events();
      assertThat(csms.primitiveViolations()).as("primitive-datatype rules broken").isEmpty();
      assertThat(events)
          .as("ocpp-rpc's view of the session")
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("unparsed"));
      return events;
    }
  }

  /** The JSON list of calls {@code list} with {@code more} (its further items) after them. */
  private static String appended(String list, String more) {
    return list.substring(0, list.length() - 1) + "," + more + "]";
  }

  /** The answers to the CSMS's CALLs, results and errors, in the order sent. */
  private static List<JsonNode> answers(List<JsonNode> events) {
    return events.stream().filter(e -> e.path("event").asText().startsWith("csmsCall")).toList();
  }

  private static void assertNotSupported(JsonNode answer, String field) {
    assertThat(answer.path("event").asText()).as(answer.toString()).isEqualTo("csmsCallError");
    assertThat(answer.path("code").asText()).isEqualTo("NotSupported");
    assertThat(answer.path("error").asText()).contains(field);
  }
}
