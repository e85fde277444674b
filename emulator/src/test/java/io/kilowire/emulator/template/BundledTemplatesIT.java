package io.kilowire.emulator.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.control.EmulatorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bundled template boots against a third-party CSMS that checks every frame strictly (ocpp-rpc
 * in strict mode, plus the primitive-datatype rules of OCPP 2.0.1 Part 2), and its EVs charge: the
 * BootNotification names the template's vendor, model and firmware, every connector reports, a
 * transaction starts and its meter values flow, and the CSMS found nothing to refuse.
 */
class BundledTemplatesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Template → station id (the run numbers stations in the order of --template). */
  private static final Map<String, String> V16 =
      Map.of(
          "ac-wallbox-11kw",
          "TPL16-001",
          "ac-post-22kw-dual",
          "TPL16-002",
          "dc-fast-150kw",
          "TPL16-003");

  @TempDir Path dir;

  @Test
  void theOcpp16TemplatesBootAndChargeAgainstAStrictCsms() throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp1.6")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      Process emulator =
          run(
              port,
              "TPL16-",
              "--template",
              "ac-wallbox-11kw",
              "--template",
              "ac-post-22kw-dual",
              "--template",
              "dc-fast-150kw");
      try {
        for (Map.Entry<String, String> e : V16.entrySet()) {
          StationTemplate t = TemplateParser.bundled(e.getKey());
          String id = e.getValue();
          JsonNode boot = call(csms, id, "BootNotification");
          assertThat(boot.at("/params/chargePointVendor").asText()).isEqualTo(t.vendor());
          assertThat(boot.at("/params/chargePointModel").asText()).isEqualTo(t.model());
          assertThat(boot.at("/params/firmwareVersion").asText()).isEqualTo(t.firmwareVersion());
          int n = Integer.parseInt(id.substring(id.length() - 3));
          assertThat(boot.at("/params/chargePointSerialNumber").asText())
              .isEqualTo(t.serialNumber(id, n));
          for (int c = 1; c <= t.evses().size(); c++) {
            int connector = c;
            csms.await(
                ev ->
                    isCall(ev, id, "StatusNotification")
                        && ev.at("/params/connectorId").asInt() == connector,
                WAIT);
          }
          call(csms, id, "StartTransaction");
          call(csms, id, "MeterValues");
        }
      } finally {
        emulator.destroy();
        emulator.waitFor(30, TimeUnit.SECONDS);
      }
      assertStrictCsmsRefusedNothing(csms);
    }
  }

  @Test
  void theOcpp201Iso15118TemplateBootsReportsChargingNeedsAndChargesAgainstAStrictCsms()
      throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.0.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      Process emulator = run(port, "TPL201-", "--template", "ac-iso15118-v201");
      String id = "TPL201-001";
      try {
        StationTemplate t = TemplateParser.bundled("ac-iso15118-v201");
        JsonNode boot = call(csms, id, "BootNotification");
        assertThat(boot.at("/params/chargingStation/vendorName").asText()).isEqualTo(t.vendor());
        assertThat(boot.at("/params/chargingStation/model").asText()).isEqualTo(t.model());
        assertThat(boot.at("/params/chargingStation/serialNumber").asText())
            .isEqualTo("HLC-000001");
        call(csms, id, "StatusNotification");
        JsonNode needs = call(csms, id, "NotifyEVChargingNeeds");
        assertThat(needs.at("/params/chargingNeeds/requestedEnergyTransfer").asText())
            .isEqualTo("AC_three_phase");
        csms.await(
            ev ->
                isCall(ev, id, "TransactionEvent")
                    && ev.at("/params/transactionInfo/chargingState").asText().equals("Charging"),
            WAIT);
      } finally {
        emulator.destroy();
        emulator.waitFor(30, TimeUnit.SECONDS);
      }
      assertStrictCsmsRefusedNothing(csms);
    }
  }

  private Process run(int port, String prefix, String... templates) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("run", "--csms", "ws://127.0.0.1:" + port, "--id-prefix", prefix));
    args.addAll(List.of(templates));
    return EmulatorProcess.start(dir, args.toArray(String[]::new)).process();
  }

  private static JsonNode call(NodePeer csms, String id, String action) {
    return csms.await(ev -> isCall(ev, id, action), WAIT);
  }

  private static boolean isCall(JsonNode event, String id, String action) {
    return event.path("event").asText().equals("call")
        && event.path("identity").asText().equals(id)
        && event.path("action").asText().equals(action);
  }

  private static void assertStrictCsmsRefusedNothing(NodePeer csms) {
    List<JsonNode> refused =
        csms.events().stream()
            .filter(
                e ->
                    List.of("strictValidationFailure", "badMessage", "primitiveViolation")
                        .contains(e.path("event").asText()))
            .toList();
    assertThat(refused).as("frames the strict CSMS refused").isEmpty();
  }
}
