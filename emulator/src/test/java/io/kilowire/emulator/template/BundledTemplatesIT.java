package io.kilowire.emulator.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

  @Test
  void theV2gTemplateFeedsBackUnderADischargeSetpointAndReportsExportAgainstAStrict21Csms()
      throws Exception {
    // A sample every 2 s instead of the template's 10 s keeps the test short.
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
                + "\"2\",\"component\":{\"name\":\"SampledDataCtrlr\"},"
                + "\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}}")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      Process emulator = run(port, "TPL21-", "--template", "ac-v2g-v21");
      String id = "TPL21-001";
      try {
        JsonNode boot = call(csms, id, "BootNotification");
        assertThat(boot.at("/params/chargingStation/model").asText()).isEqualTo("KW-AC11-V2G");
        JsonNode needs = call(csms, id, "NotifyEVChargingNeeds");
        assertThat(needs.at("/params/chargingNeeds/requestedEnergyTransfer").asText())
            .isEqualTo("AC_BPT");
        JsonNode started =
            csms.await(
                ev ->
                    isCall(ev, id, "TransactionEvent")
                        && ev.at("/params/eventType").asText().equals("Started"),
                WAIT);
        String tx = started.at("/params/transactionInfo/transactionId").asText();
        // The CSMS asks the EV to feed back 6.9 kW (10 A on three phases).
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":"
                + "{\"id\":7,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
                + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":11040,\"dischargeLimit\":-11040,\"setpoint\":-6900,"
                + "\"operationMode\":\"CentralSetpoint\"}]}]}}}");
        JsonNode set =
            csms.await(
                ev ->
                    ev.path("event").asText().startsWith("csmsCall")
                        && ev.path("action").asText().equals("SetChargingProfile"),
                WAIT);
        assertThat(set.at("/result/status").asText()).as(set.toString()).isEqualTo("Accepted");

        // Two periodic samples while it feeds back: the export register rose between them, export
        // power is the setpoint's and import power zero, each sample with its SoC.
        await().atMost(Duration.ofSeconds(60)).until(() -> exportingValues(csms, id).size() >= 2);
        List<JsonNode> exporting = exportingValues(csms, id);
        for (JsonNode value : exporting) {
          assertThat(measurand(value, "Power.Active.Export"))
              .as(value.toString())
              .isBetween(6_800.0, 6_900.0);
          assertThat(measurand(value, "Power.Active.Import")).as(value.toString()).isZero();
          assertThat(measurand(value, "Current.Export")).as(value.toString()).isGreaterThan(9.8);
          assertThat(measurand(value, "SoC")).as(value.toString()).isPositive();
        }
        double first = measurand(exporting.get(0), "Energy.Active.Export.Register");
        double second = measurand(exporting.get(1), "Energy.Active.Export.Register");
        assertThat(second).as("the export register rises").isGreaterThan(first);
      } finally {
        emulator.destroy();
        emulator.waitFor(30, TimeUnit.SECONDS);
      }
      assertStrictCsmsRefusedNothing(csms);
    }
  }

  /** The meter values of {@code id}'s TransactionEvents taken while it fed back over 6 kW. */
  private static List<JsonNode> exportingValues(NodePeer csms, String id) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode ev : csms.events()) {
      if (isCall(ev, id, "TransactionEvent")) {
        for (JsonNode value : ev.at("/params/meterValue")) {
          if (measurand(value, "Power.Active.Export") > 6_000) {
            out.add(value);
          }
        }
      }
    }
    return out;
  }

  /** The first value of {@code name} in a meter value (any phase), NaN when it has none. */
  private static double measurand(JsonNode meterValue, String name) {
    for (JsonNode sample : meterValue.path("sampledValue")) {
      if (sample.path("measurand").asText().equals(name)) {
        return sample.path("value").asDouble();
      }
    }
    return Double.NaN;
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
