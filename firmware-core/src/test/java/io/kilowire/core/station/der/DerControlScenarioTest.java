package io.kilowire.core.station.der;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.der.GridState;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 2.1 block R at the station, over the wire: SetDERControl with its statuses and reason codes,
 * GetDERControl followed by ReportDERControl, ClearDERControl, and the controls kept across a
 * restart.
 */
@DisplayName("2.1 DER controls: set, get, clear, kept")
class DerControlScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String FREQ_WATT_CURVE =
      "{\"priority\":1,\"yUnit\":\"PctMaxW\",\"curveData\":["
          + "{\"x\":49.5,\"y\":50},{\"x\":49.8,\"y\":0},{\"x\":50.0,\"y\":-100}]}";

  static StationScenario station(boolean gridSensor) {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 2, StationParameters.Fixed.defaults());
    if (gridSensor) {
      sc.hardware.grid(GridState.of(50.0, 100));
    }
    sc.startOnline();
    return sc;
  }

  static JsonNode setFreqWatt(StationScenario sc, String id, boolean isDefault) {
    return sc.command(
        "SetDERControl",
        "{\"isDefault\":"
            + isDefault
            + ",\"controlId\":\""
            + id
            + "\",\"controlType\":\"FreqWatt\",\"curve\":"
            + FREQ_WATT_CURVE
            + "}");
  }

  /** The payloads of the station's CALLs of {@code action}, in order. */
  static List<JsonNode> sent(StationScenario sc, String action) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(c -> read(c.frame()))
        .filter(f -> f.get(0).asInt() == 2 && f.get(2).asText().equals(action))
        .map(f -> f.get(3))
        .toList();
  }

  private static JsonNode read(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("a control is set, reported as set, cleared, then no longer found")
  void setGetClear() {
    StationScenario sc = station(true);

    assertThat(setFreqWatt(sc, "fw-1", true).path("status").asText()).isEqualTo("Accepted");
    JsonNode got = sc.command("GetDERControl", "{\"requestId\":7,\"controlType\":\"FreqWatt\"}");
    sc.settle();

    assertThat(got.path("status").asText()).isEqualTo("Accepted");
    List<JsonNode> reports = sent(sc, "ReportDERControl");
    assertThat(reports).hasSize(1);
    JsonNode report = reports.get(0);
    assertThat(report.path("requestId").asInt()).isEqualTo(7);
    JsonNode curve = report.path("curve").get(0);
    assertThat(curve.path("id").asText()).isEqualTo("fw-1");
    assertThat(curve.path("curveType").asText()).isEqualTo("FreqWatt");
    assertThat(curve.path("isDefault").asBoolean()).isTrue();
    assertThat(curve.path("isSuperseded").asBoolean()).isFalse();
    assertThat(curve.at("/curve/curveData/1/x").asDouble()).isEqualTo(49.8);
    assertThat(curve.at("/curve/yUnit").asText()).isEqualTo("PctMaxW");

    assertThat(
            sc.command("ClearDERControl", "{\"isDefault\":true,\"controlId\":\"fw-1\"}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    assertThat(sc.command("GetDERControl", "{\"requestId\":8}").path("status").asText())
        .isEqualTo("NotFound");
    assertThat(sc.command("ClearDERControl", "{\"isDefault\":true}").path("status").asText())
        .isEqualTo("NotFound");
  }

  @Test
  @DisplayName(
      "a type the station cannot execute is NotSupported; a grid curve needs a grid sensor")
  void notSupported() {
    StationScenario withSensor = station(true);
    JsonNode voltVar =
        withSensor.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"vv\",\"controlType\":\"VoltVar\",\"curve\":"
                + "{\"priority\":0,\"yUnit\":\"PctMaxVar\",\"curveData\":[{\"x\":95,\"y\":10}]}}");
    assertThat(voltVar.path("status").asText()).isEqualTo("NotSupported");
    assertThat(voltVar.at("/statusInfo/reasonCode").asText()).isEqualTo("UnsupportedParam");

    StationScenario withoutSensor = station(false);
    assertThat(setFreqWatt(withoutSensor, "fw", true).path("status").asText())
        .isEqualTo("NotSupported");
    JsonNode limit =
        withoutSensor.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"lm\",\"controlType\":\"LimitMaxDischarge\","
                + "\"limitMaxDischarge\":{\"priority\":0,\"pctMaxDischargePower\":40}}");
    assertThat(limit.path("status").asText()).isEqualTo("Accepted");
  }

  @Test
  @DisplayName("a control that does not hold together is Rejected, naming what is wrong")
  void rejected() {
    StationScenario sc = station(true);

    JsonNode missing =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"x\",\"controlType\":\"FreqWatt\","
                + "\"freqDroop\":{\"priority\":0,\"overFreq\":50.2,\"underFreq\":49.8,"
                + "\"overDroop\":0.05,\"underDroop\":0.05,\"responseTime\":1}}");
    assertThat(missing.path("status").asText()).isEqualTo("Rejected");
    assertThat(missing.at("/statusInfo/reasonCode").asText()).isEqualTo("InvalidValue");
    assertThat(missing.at("/statusInfo/additionalInfo").asText()).contains("freqDroop");

    JsonNode noCurve =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"x\",\"controlType\":\"FreqWatt\"}");
    assertThat(noCurve.at("/statusInfo/reasonCode").asText()).isEqualTo("MissingParam");
    assertThat(noCurve.at("/statusInfo/additionalInfo").asText()).contains("curve");

    JsonNode scheduledEnterService =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":false,\"controlId\":\"es\",\"controlType\":\"EnterService\","
                + "\"enterService\":{\"priority\":0,\"highVoltage\":110,\"lowVoltage\":90,"
                + "\"highFreq\":50.1,\"lowFreq\":49.9}}");
    assertThat(scheduledEnterService.path("status").asText()).isEqualTo("Rejected");
    assertThat(scheduledEnterService.at("/statusInfo/additionalInfo").asText()).contains("default");

    JsonNode unordered =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"x\",\"controlType\":\"FreqWatt\",\"curve\":"
                + "{\"priority\":0,\"yUnit\":\"PctMaxW\",\"curveData\":"
                + "[{\"x\":50,\"y\":0},{\"x\":49,\"y\":0}]}}");
    assertThat(unordered.path("status").asText()).isEqualTo("Rejected");
    assertThat(unordered.at("/statusInfo/additionalInfo").asText()).contains("increasing");
    assertThat(sc.station().der().all()).isEmpty();
  }

  @Test
  @DisplayName("a control of higher priority names the ones it supersedes; the report marks them")
  void superseded() {
    StationScenario sc = station(true);
    setFreqWatt(sc, "old", true);

    JsonNode answer =
        sc.command(
            "SetDERControl",
            "{\"isDefault\":true,\"controlId\":\"new\",\"controlType\":\"FreqWatt\",\"curve\":"
                + FREQ_WATT_CURVE.replace("\"priority\":1", "\"priority\":0")
                + "}");
    sc.command("GetDERControl", "{\"requestId\":3,\"controlId\":\"old\"}");
    sc.settle();

    assertThat(answer.path("supersededIds").get(0).asText()).isEqualTo("old");
    JsonNode report = sent(sc, "ReportDERControl").get(0);
    assertThat(report.at("/curve/0/id").asText()).isEqualTo("old");
    assertThat(report.at("/curve/0/isSuperseded").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("the controls are kept across a power loss")
  void keptAcrossRestart() {
    StationScenario sc = station(true);
    setFreqWatt(sc, "fw-kept", true);

    sc.restartOnline();
    JsonNode got = sc.command("GetDERControl", "{\"requestId\":1,\"isDefault\":true}");
    sc.settle();

    assertThat(got.path("status").asText()).isEqualTo("Accepted");
    List<JsonNode> reports = sent(sc, "ReportDERControl");
    assertThat(reports.get(reports.size() - 1).at("/curve/0/id").asText()).isEqualTo("fw-kept");
  }
}
