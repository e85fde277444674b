package io.kilowire.core.interop;

import static io.kilowire.core.interop.DerControlInteropIT.call;
import static io.kilowire.core.interop.DerControlInteropIT.result;
import static io.kilowire.core.interop.OcppRpcCsms.WAIT;
import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timing of DER controls between the full {@link StationRuntime} and ocpp-rpc in strict mode
 * with the 2.1 schemas: a Gradients control is accepted and reported back; after an over-frequency
 * trip the station enters service again ramping at EnterService's rampRate — the offer passes
 * through values between nothing and the maximum instead of jumping.
 */
class DerTimingInteropIT {
  private static final String REPLIES =
      "{\"NotifyDERAlarm\":{},\"NotifyDERStartStop\":{},\"ReportDERControl\":{}}";

  @Test
  void gradientsAndTheRampAfterATripOverTheWire() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = booted(csms, hardware, null)) {

        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"gr\",\"controlType\":\"Gradients\","
                    + "\"gradient\":{\"priority\":0,\"gradient\":60,\"softGradient\":120}}"));
        assertThat(result(csms, "SetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"es\",\"controlType\":\"EnterService\","
                    + "\"enterService\":{\"priority\":0,\"highVoltage\":110,\"lowVoltage\":90,"
                    + "\"highFreq\":50.1,\"lowFreq\":49.9,\"delay\":0,\"rampRate\":3}}"));
        assertThat(result(csms, "SetDERControl", 2).path("status").asText()).isEqualTo("Accepted");
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"hf\",\"controlType\":\"HFMustTrip\",\"curve\":"
                    + "{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
                    + "[{\"x\":0,\"y\":50.5}]}}"));
        assertThat(result(csms, "SetDERControl", 3).path("status").asText()).isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));

        station.call(() -> hardware.fake.grid(GridState.of(50.7, 100)));
        awaitCall(csms, "NotifyDERAlarm", p -> !p.has("alarmEnded"));
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isZero());
        int[] before = new int[1];
        station.call(() -> before[0] = hardware.fake.outputs().size());
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 100)));
        awaitCall(csms, "NotifyDERAlarm", p -> p.path("alarmEnded").asBoolean());
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));
        List<List<String>> outputs = new ArrayList<>();
        station.call(() -> outputs.add(hardware.fake.outputs()));
        List<String> offers =
            outputs.get(0).stream()
                .skip(before[0])
                .filter(o -> o.startsWith("current 1 "))
                .toList();
        assertThat(offers)
            .as("the way back passes between 0 and 32 A")
            .anySatisfy(
                o ->
                    assertThat(Double.parseDouble(o.substring("current 1 ".length())))
                        .isStrictlyBetween(6.0, 32.0));

        csms.send(call("GetDERControl", "{\"requestId\":7,\"controlType\":\"Gradients\"}"));
        assertThat(result(csms, "GetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        JsonNode report = awaitCall(csms, "ReportDERControl", p -> true).path("params");
        assertThat(report.at("/gradient/0/id").asText()).isEqualTo("gr");
        assertThat(report.at("/gradient/0/gradient/gradient").asDouble()).isEqualTo(60);
        assertThat(report.at("/gradient/0/gradient/softGradient").asDouble()).isEqualTo(120);
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * A FreqWatt curve's hysteresis over the wire: after an under-frequency event the offer stays
   * where the curve put it until the grid has been back in the band for the delay, and the report
   * gives the hysteresis back as set.
   */
  @Test
  void aCurvesHysteresisHoldsTheOfferOverTheWire() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = booted(csms, hardware, null)) {
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"fw\",\"controlType\":\"FreqWatt\",\"curve\":"
                    + "{\"priority\":0,\"yUnit\":\"PctMaxW\",\"curveData\":[{\"x\":49.8,\"y\":0},"
                    + "{\"x\":50.0,\"y\":-100}],\"hysteresis\":{\"hysteresisLow\":49.95,"
                    + "\"hysteresisHigh\":50.05,\"hysteresisDelay\":3}}}"));
        assertThat(result(csms, "SetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));

        station.call(() -> hardware.fake.grid(GridState.of(49.85, 100)));
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(hardware.fake.offeredCurrent(1)).isCloseTo(8.0, within(1e-6)));
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 100)));
        // Back in the band: held for the delay (3 s), not back at once.
        await()
            .during(java.time.Duration.ofMillis(1500))
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(hardware.fake.offeredCurrent(1)).isCloseTo(8.0, within(1e-6)));
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));

        csms.send(call("GetDERControl", "{\"requestId\":5}"));
        assertThat(result(csms, "GetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        JsonNode report = awaitCall(csms, "ReportDERControl", p -> true).path("params");
        assertThat(report.at("/curve/0/curve/hysteresis/hysteresisDelay").asInt()).isEqualTo(3);
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * What the station does not act on is refused by name over the wire: a curve's voltageParams
   * fields (CALLERROR NotSupported naming the field) and a LimitMaxDischarge holding only a
   * power-monitoring curve (NotSupported, UnsupportedParam); the error frames pass strict mode.
   */
  @Test
  void fieldsTheStationDoesNotActOnAreRefusedByName() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = booted(csms, hardware, null)) {
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"hv\",\"controlType\":\"HVMustTrip\","
                    + "\"curve\":{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
                    + "[{\"x\":1,\"y\":115}],\"voltageParams\":{\"hv10MinMeanValue\":110,"
                    + "\"hv10MinMeanTripDelay\":60}}}"));
        JsonNode mean = callError(csms, 1);
        assertThat(mean.path("code").asText()).isEqualTo("NotSupported");
        assertThat(mean.path("error").asText())
            .contains("curve.voltageParams.hv10MinMeanValue")
            .contains("10-minute mean");
        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"lmc\",\"controlType\":\"LVMomCess\","
                    + "\"curve\":{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":"
                    + "[{\"x\":1,\"y\":50}],\"voltageParams\":"
                    + "{\"powerDuringCessation\":\"Reactive\"}}}"));
        JsonNode cessation = callError(csms, 2);
        assertThat(cessation.path("code").asText()).isEqualTo("NotSupported");
        assertThat(cessation.path("error").asText())
            .contains("curve.voltageParams.powerDuringCessation");

        csms.send(
            call(
                "SetDERControl",
                "{\"isDefault\":true,\"controlId\":\"lmd\",\"controlType\":"
                    + "\"LimitMaxDischarge\",\"limitMaxDischarge\":{\"priority\":0,"
                    + "\"powerMonitoringMustTrip\":{\"priority\":0,\"yUnit\":\"PctMaxW\","
                    + "\"curveData\":[{\"x\":1,\"y\":100}]}}}"));
        JsonNode monitoring = result(csms, "SetDERControl", 3);
        assertThat(monitoring.path("status").asText()).isEqualTo("NotSupported");
        assertThat(monitoring.at("/statusInfo/additionalInfo").asText())
            .contains("powerMonitoringMustTrip");
        List<Integer> held = new ArrayList<>();
        station.call(() -> held.add(station.station().der().all().size()));
        assertThat(held).as("none of them is held").containsExactly(0);
      }
      // The two CALLERRORs are the answers asked for; nothing else is refused or malformed.
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("unparsed"))
          .filteredOn(e -> e.path("event").asText().equals("csmsCallError"))
          .hasSize(2);
    }
  }

  /** The {@code n}th CALLERROR (1: the first) the station answered a SetDERControl with. */
  private static JsonNode callError(NodePeer csms, int n) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                csms.events().stream()
                        .filter(e -> e.path("event").asText().equals("csmsCallError"))
                        .count()
                    >= n);
    return csms.events().stream()
        .filter(
            e ->
                e.path("event").asText().equals("csmsCallError")
                    && e.path("action").asText().equals("SetDERControl"))
        .toList()
        .get(n - 1);
  }

  @Test
  void rideThroughMomentaryCessationAndTripTimingOverTheWire() {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = booted(csms, hardware, null)) {

        csms.send(call("SetDERControl", curve("lmc", "LVMomCess", "{\"x\":1,\"y\":50}")));
        assertThat(result(csms, "SetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        csms.send(call("SetDERControl", curve("hvm", "HVMayTrip", "{\"x\":0,\"y\":105}")));
        assertThat(result(csms, "SetDERControl", 2).path("status").asText()).isEqualTo("Accepted");
        csms.send(
            call("SetDERControl", curve("pm", "PowerMonitoringMustTrip", "{\"x\":1,\"y\":90}")));
        JsonNode refused = result(csms, "SetDERControl", 3);
        assertThat(refused.path("status").asText()).isEqualTo("NotSupported");
        assertThat(refused.at("/statusInfo/additionalInfo").asText()).contains("LimitMaxDischarge");

        station.call(() -> hardware.fake.grid(GridState.of(50.0, 40)));
        JsonNode ceased = awaitCall(csms, "NotifyDERAlarm", p -> !p.has("alarmEnded"));
        assertThat(ceased.at("/params/controlType").asText()).isEqualTo("LVMomCess");
        assertThat(ceased.at("/params/gridEventFault").asText()).isEqualTo("UnderVoltage");
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isZero());
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 100)));
        awaitCall(csms, "NotifyDERAlarm", p -> p.path("alarmEnded").asBoolean());
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));

        csms.send(call("SetDERControl", curve("lv", "LVMustTrip", "{\"x\":1.5,\"y\":70}")));
        assertThat(result(csms, "SetDERControl", 4).path("status").asText()).isEqualTo("Accepted");
        Instant dip = Instant.now();
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 65)));
        JsonNode tripped =
            awaitCall(
                csms,
                "NotifyDERAlarm",
                p -> p.path("controlType").asText().equals("LVMustTrip") && !p.has("alarmEnded"));
        assertThat(Instant.parse(tripped.at("/params/timestamp").asText()))
            .as("1.5 s after the last reading inside, at most 1 s before the dip")
            .isAfterOrEqualTo(dip.plusMillis(400));
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isZero());
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * Alarms raised while the CSMS is gone survive the station's restart: kept in its state
   * directory, they reach the next CSMS after the boot, with the time of the trip, and pass the
   * strict schemas.
   */
  @Test
  void alarmsRaisedOfflineReachTheCsmsAfterARestart(@TempDir Path state) {
    Instant tripped;
    NodePeer first = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES);
    try {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = booted(first, hardware, state)) {
        first.send(call("SetDERControl", curve("lf", "LFMustTrip", "{\"x\":0,\"y\":49}")));
        assertThat(result(first, "SetDERControl", 1).path("status").asText()).isEqualTo("Accepted");
        first.close(); // the CSMS is gone

        tripped = Instant.now();
        station.call(() -> hardware.fake.grid(GridState.of(48.8, 100)));
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isZero());
        station.call(() -> hardware.fake.grid(GridState.of(50.0, 100)));
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(32.0));
      }
    } finally {
      first.close();
    }
    try (NodePeer second =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", REPLIES)) {
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = booted(second, hardware, state)) {
        JsonNode alarm = awaitCall(second, "NotifyDERAlarm", p -> !p.has("alarmEnded"));
        assertThat(alarm.at("/params/controlType").asText()).isEqualTo("LFMustTrip");
        assertThat(alarm.at("/params/gridEventFault").asText()).isEqualTo("UnderFrequency");
        assertThat(Instant.parse(alarm.at("/params/timestamp").asText()))
            .as("the time of the trip, before the restart")
            .isAfterOrEqualTo(tripped.minusMillis(1))
            .isBefore(tripped.plusSeconds(3));
        awaitCall(second, "NotifyDERAlarm", p -> p.path("alarmEnded").asBoolean());
        List<Integer> held = new ArrayList<>();
        station.call(() -> held.add(station.station().der().all().size()));
        assertThat(held).as("the control came back too").containsExactly(1);
      }
      assertNoComplaints(second);
    }
  }

  /**
   * A 2.1 station on fake hardware (grid at 50 Hz and nominal voltage), keeping its state in {@code
   * state} if given, started and booted at {@code csms}.
   */
  private static StationRuntime booted(NodePeer csms, LazyHardware hardware, @Nullable Path state) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    StationRuntime station = StationRuntime.builder(config(port), hardware).stateDir(state).build();
    hardware.fake = new FakeHardware(station.scheduler());
    hardware.fake.grid(GridState.of(50.0, 100));
    station.start();
    awaitCall(csms, "BootNotification", p -> true);
    awaitCall(csms, "StatusNotification", p -> true);
    return station;
  }

  private static String curve(String id, String type, String points) {
    return "{\"isDefault\":true,\"controlId\":\""
        + id
        + "\",\"controlType\":\""
        + type
        + "\",\"curve\":{\"priority\":0,\"yUnit\":\"Not_Applicable\",\"curveData\":["
        + points
        + "]}}";
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-DER-TIMING")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
