package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.WAIT;
import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DER control (2.1 block R) between the full {@link StationRuntime} and ocpp-rpc in strict mode
 * with the 2.1 schemas: the CSMS sets a FreqWatt curve, a must-trip curve and a scheduled discharge
 * limit, gets them back in a ReportDERControl, clears them; the station acts on the grid it reads
 * (the offer falls with the frequency, an over-frequency trip raises NotifyDERAlarm and its end)
 * and reports the scheduled control's start and stop. Every frame both ways passes the strict
 * schemas and the primitive rules.
 */
class DerControlInteropIT {
  private static final String REPLIES =
      "{\"NotifyDERAlarm\":{},\"NotifyDERStartStop\":{},\"ReportDERControl\":{}}";

  @Test
  void setGetClearAndTheStationsNotificationsPassStrictMode() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        hardware.fake.grid(GridState.of(50.0, 100));
        station.start();
        awaitCall(csms, "BootNotification", p -> true);
        awaitCall(csms, "StatusNotification", p -> true);

        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"fw\",\"controlType\":\"FreqWatt\",\"curve\":"
                    + "{\"priority\":1,\"yUnit\":\"PctMaxW\",\"curveData\":[{\"x\":49.5,\"y\":50},"
                    + "{\"x\":49.8,\"y\":0},{\"x\":50.0,\"y\":-100}]}}"));
        assertThat(result(csms, "SetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        station.call(() -> hardware.fake.grid(GridState.of(49.9, 100)));
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(16.0));

        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"hf\",\"controlType\":\"HFMustTrip\",\"curve\":"
                    + "{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
                    + "[{\"x\":0.2,\"y\":51.5},{\"x\":10,\"y\":50.5}]}}"));
        assertThat(result(csms, "SetDERControl", 2).path("status").asText()).isEqualTo("Accepted");
        station.call(() -> hardware.fake.grid(GridState.of(51.6, 100)));
        JsonNode alarm = awaitCall(csms, "NotifyDERAlarm", p -> !p.has("alarmEnded"));
        assertThat(alarm.at("/params/controlType").asText()).isEqualTo("HFMustTrip");
        assertThat(alarm.at("/params/gridEventFault").asText()).isEqualTo("OverFrequency");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isZero());
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 100)));
        awaitCall(csms, "NotifyDERAlarm", p -> p.path("alarmEnded").asBoolean());
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":false,\"controlId\":\"peak\",\"controlType\":\"LimitMaxDischarge\","
                    + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":10,"
                    + "\"startTime\":\""
                    + start
                    + "\",\"duration\":2}}"));
        assertThat(result(csms, "SetDERControl", 3).path("status").asText()).isEqualTo("Accepted");
        awaitCall(csms, "NotifyDERStartStop", p -> p.path("started").asBoolean());
        awaitCall(
            csms,
            "NotifyDERStartStop",
            p -> !p.path("started").asBoolean() && p.path("controlId").asText().equals("peak"));

        csms.send(call("GetDERControl", "{\"requestId\":42}"));
        assertThat(result(csms, "GetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        JsonNode report = awaitCall(csms, "ReportDERControl", p -> true).path("params");
        assertThat(report.path("requestId").asInt()).isEqualTo(42);
        assertThat(report.path("curve"))
            .extracting(c -> c.path("id").asText())
            .containsExactly("fw", "hf");
        assertThat(report.at("/limitMaxDischarge/0/id").asText()).isEqualTo("peak");

        csms.send(call("ClearDERControl", "{\"isDefault\":true}"));
        assertThat(result(csms, "ClearDERControl", 1).path("status").asText())
            .isEqualTo("Accepted");
        csms.send(call("GetDERControl", "{\"requestId\":43,\"isDefault\":true}"));
        assertThat(result(csms, "GetDERControl", 2).path("status").asText()).isEqualTo("NotFound");
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"vv\",\"controlType\":\"VoltVar\",\"curve\":"
                    + "{\"priority\":0,\"yUnit\":\"PctMaxVar\",\"curveData\":[{\"x\":95,\"y\":10}]}}"));
        assertThat(result(csms, "SetDERControl", 4).path("status").asText())
            .isEqualTo("NotSupported");

        // DERCtrlr in the device model: Enabled switched off, a control is refused.
        csms.send(
            call(
                "GetVariables",
                "{\"getVariableData\":[{\"component\":{\"name\":\"DERCtrlr\"},"
                    + "\"variable\":{\"name\":\"Available\"}},{\"component\":"
                    + "{\"name\":\"DERCtrlr\"},\"variable\":{\"name\":\"Enabled\"}}]}"));
        JsonNode variables = result(csms, "GetVariables", 1).path("getVariableResult");
        assertThat(variables)
            .extracting(v -> v.path("attributeValue").asText())
            .containsOnly("true");
        csms.send(
            call(
                "SetVariables",
                "{\"setVariableData\":[{\"component\":{\"name\":\"DERCtrlr\"},"
                    + "\"variable\":{\"name\":\"Enabled\"},\"attributeValue\":\"false\"}]}"));
        assertThat(
                result(csms, "SetVariables", 1).at("/setVariableResult/0/attributeStatus").asText())
            .isEqualTo("Accepted");
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"late\",\"controlType\":\"LimitMaxDischarge\","
                    + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":40}}"));
        JsonNode refused = result(csms, "SetDERControl", 5);
        assertThat(refused.path("status").asText()).isEqualTo("Rejected");
        assertThat(refused.at("/statusInfo/reasonCode").asText()).isEqualTo("NotEnabled");
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * Reactive DER controls on a V2G output (a bidirectional EVSE, an EV in an ISO 15118-20 BPT
   * session): a VoltVar curve makes the output inject at low voltage, the meter values report it as
   * Power.Reactive.Export, and a FixedPFAbsorb of a higher priority makes it absorb in proportion
   * to the active power, reported as Power.Reactive.Import. Both pass strict mode.
   */
  @Test
  void reactiveControlsReachAV2gOutputAndItsMeterValues() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware)
              .v201DeviceModel(
                  d ->
                      d.initial(V201Variables.SampledDataCtrlr.TX_UPDATED_INTERVAL, 1)
                          .initial(
                              V201Variables.SampledDataCtrlr.TX_UPDATED_MEASURANDS,
                              List.of(
                                  "Energy.Active.Import.Register",
                                  "Power.Reactive.Import",
                                  "Power.Reactive.Export")))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        hardware.fake.grid(GridState.of(50.0, 100));
        hardware.fake.bidirectional(1, true);
        station.start();
        awaitCall(csms, "BootNotification", p -> true);
        awaitCall(csms, "StatusNotification", p -> true);
        station.call(
            () -> {
              hardware.fake.evInBptSession(1, true);
              station.station().presentToken(1, "04A1B2C3", "ISO14443");
            });
        awaitCall(csms, "Authorize", p -> true);
        station.call(
            () -> {
              hardware.fake.draw(1, 16);
              station.station().plugIn(1);
              station.station().evCharging(1, true);
            });
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));

        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"vv\",\"controlType\":\"VoltVar\",\"curve\":"
                    + "{\"priority\":1,\"yUnit\":\"PctMaxVar\",\"curveData\":[{\"x\":92,\"y\":30},"
                    + "{\"x\":98,\"y\":0},{\"x\":102,\"y\":0},{\"x\":108,\"y\":-30}]}}"));
        JsonNode voltVar = result(csms, "SetDERControl", 1);
        assertThat(voltVar.path("status").asText()).as(voltVar.toString()).isEqualTo("Accepted");
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 95)));
        // 15 % of the EVSE's 32 A injected: 4.8 A capacitive, 3312 var on three phases.
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(hardware.fake.offeredReactive(1)).isCloseTo(-4.8, within(1e-9)));
        awaitCall(csms, "TransactionEvent", p -> reactive(p, "Power.Reactive.Export") >= 3312);

        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"pf\",\"controlType\":\"FixedPFAbsorb\","
                    + "\"fixedPFAbsorb\":{\"priority\":0,\"displacement\":0.8,"
                    + "\"excitation\":true}}"));
        assertThat(result(csms, "SetDERControl", 2).path("status").asText()).isEqualTo("Accepted");
        // Drawing 16 A at cos φ 0.8: 12 A absorbed, 8280 var.
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(hardware.fake.offeredReactive(1)).isCloseTo(12, within(1e-9)));
        awaitCall(csms, "TransactionEvent", p -> reactive(p, "Power.Reactive.Import") >= 8280);

        csms.send(call("GetDERControl", "{\"requestId\":7}"));
        assertThat(result(csms, "GetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        JsonNode report = awaitCall(csms, "ReportDERControl", p -> true).path("params");
        assertThat(report.at("/curve/0/id").asText()).isEqualTo("vv");
        assertThat(report.at("/fixedPFAbsorb/0/id").asText()).isEqualTo("pf");
      }
      assertNoComplaints(csms);
    }
  }

  /** The largest {@code measurand} value in a TransactionEvent's meter values; 0: none. */
  private static double reactive(JsonNode transactionEvent, String measurand) {
    double most = 0;
    for (JsonNode value : transactionEvent.path("meterValue")) {
      for (JsonNode sample : value.path("sampledValue")) {
        if (sample.path("measurand").asText().equals(measurand)) {
          most = Math.max(most, sample.path("value").asDouble());
        }
      }
    }
    return most;
  }

  static String call(String action, String params) {
    return "{\"action\":\"" + action + "\",\"params\":" + params + "}";
  }

  /** The answer to the {@code n}th CALL of {@code action} the CSMS made (1: the first). */
  static JsonNode result(NodePeer csms, String action, int n) {
    await().atMost(WAIT).until(() -> answers(csms, action).size() >= n);
    JsonNode done = answers(csms, action).get(n - 1);
    assertThat(done.path("event").asText()).as(done.toString()).isEqualTo("csmsCallResult");
    return done.path("result");
  }

  private static List<JsonNode> answers(NodePeer csms, String action) {
    return csms.events().stream()
        .filter(
            e ->
                e.path("event").asText().startsWith("csmsCall")
                    && e.path("action").asText().equals(action))
        .toList();
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-DER")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
