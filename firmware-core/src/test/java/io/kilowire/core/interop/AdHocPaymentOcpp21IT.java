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
 * 2.1 ad hoc payment (C17-C25) on a station without a payment terminal or a web-payment display,
 * read by ocpp-rpc in strict mode with the 2.1 schemas over 127.0.0.1: the device model says so
 * (PaymentCtrlr.Available false; no WebPaymentsCtrlr, so a CSMS has no URL template to read) and
 * NotifyWebPaymentStarted, which only a station showing a payment QR code can act on, is answered
 * CALLERROR NotSupported naming it.
 */
class AdHocPaymentOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static final String CALLS =
      "[{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":["
          + "{\"component\":{\"name\":\"PaymentCtrlr\"},\"variable\":{\"name\":\"Available\"}},"
          + "{\"component\":{\"name\":\"WebPaymentsCtrlr\"},\"variable\":{\"name\":\"URLTemplate\"}}]}},"
          + "{\"action\":\"NotifyWebPaymentStarted\",\"params\":{\"evseId\":1,\"timeout\":60}}]";

  @Test
  void aStationWithoutATerminalSaysSoAndRefusesAWebPayment() {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", CALLS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          TransportConfig.builder()
              .csmsUrl(URI.create("ws://127.0.0.1:" + port))
              .stationId("KW-PAY-21")
              .ocppVersions(OcppVersion.V21)
              .securityProfile(0)
              .build();
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        await().atMost(WAIT).until(() -> answers(csms).size() == 2);
      }
      List<JsonNode> answers = answers(csms);
      JsonNode read = answers.get(0).at("/result/getVariableResult");
      assertThat(read.get(0).path("attributeStatus").asText()).isEqualTo("Accepted");
      assertThat(read.get(0).path("attributeValue").asText()).isEqualTo("false");
      assertThat(read.get(1).path("attributeStatus").asText()).isEqualTo("UnknownComponent");
      JsonNode web = answers.get(1);
      assertThat(web.path("event").asText()).as(web.toString()).isEqualTo("csmsCallError");
      assertThat(web.path("code").asText()).isEqualTo("NotSupported");
      assertThat(web.path("error").asText()).contains("NotifyWebPaymentStarted");
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("badMessage"));
    }
  }

  private static List<JsonNode> answers(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().startsWith("csmsCall"))
        .toList();
  }
}
