package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 2.1 appendix variables a 2.1 station reports (OCPP 2.1 Part 2 appendices v2.0, chapter 4,
 * Edition 1 names), read by ocpp-rpc in strict mode with the 2.1 schemas over 127.0.0.1: the
 * SmartChargingCtrlr feature flags, true for what the station takes and false for what it refuses,
 * and TxCtrlr.SupportedLimits, read-only, in GetVariables and in a GetReport's NotifyReport; the
 * 2.0.1 ISO15118Ctrlr switches as on 2.0.1 ({@link DeviceModelOcppRpcIT}).
 */
class DeviceModelOcpp21IT {
  private static final String[] FLAGS = {
    "SupportsDynamicProfiles",
    "SupportsMaxOfflineDuration",
    "SupportsUseLocalTime",
    "SupportsRandomizedDelay",
    "SupportsLimitAtSoC",
    "SupportsEvseSleep"
  };

  @Test
  void featureFlagsAndSupportedLimitsAreReadAsTheStationActs() {
    StringBuilder get =
        new StringBuilder("{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[");
    for (String flag : FLAGS) {
      get.append("{\"component\":{\"name\":\"SmartChargingCtrlr\"},\"variable\":{\"name\":\"")
          .append(flag)
          .append("\"}},");
    }
    get.append(
        "{\"component\":{\"name\":\"TxCtrlr\"},\"variable\":{\"name\":\"SupportedLimits\"}}]}}");
    String calls =
        "["
            + get
            + ",{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":\"maxCost\","
            + "\"component\":{\"name\":\"TxCtrlr\"},\"variable\":{\"name\":\"SupportedLimits\"}}]}},"
            + "{\"action\":\"GetReport\",\"params\":{\"requestId\":4,\"componentVariable\":["
            + "{\"component\":{\"name\":\"TxCtrlr\"},\"variable\":{\"name\":\"SupportedLimits\"}}]}}]";
    List<JsonNode> events =
        StrictCsmsRun.drive(OcppVersion.V21, "KW-DM-21", calls, b -> b, "NotifyReport");
    List<JsonNode> results = StrictCsmsRun.results(events);

    JsonNode read = results.get(0).at("/result/getVariableResult");
    for (int i = 0; i < FLAGS.length; i++) {
      assertThat(read.get(i).path("attributeStatus").asText()).as(FLAGS[i]).isEqualTo("Accepted");
      assertThat(read.get(i).path("attributeValue").asText())
          .as(FLAGS[i])
          .isEqualTo(i < 2 ? "true" : "false");
    }
    JsonNode limits = read.get(FLAGS.length);
    assertThat(limits.path("attributeStatus").asText()).isEqualTo("Accepted");
    assertThat(List.of(limits.path("attributeValue").asText().split(",")))
        .containsExactlyInAnyOrder("maxCost", "maxEnergy", "maxTime", "maxSoC");

    assertThat(results.get(1).at("/result/setVariableResult/0/attributeStatus").asText())
        .isEqualTo("Rejected");
    assertThat(results.get(2).at("/result/status").asText()).isEqualTo("Accepted");

    JsonNode reported = StrictCsmsRun.stationCalls(events, "NotifyReport").get(0);
    JsonNode data = reported.at("/params/reportData/0");
    assertThat(data.at("/component/name").asText()).isEqualTo("TxCtrlr");
    assertThat(data.at("/variable/name").asText()).isEqualTo("SupportedLimits");
    assertThat(data.at("/variableAttribute/0/mutability").asText()).isEqualTo("ReadOnly");
    assertThat(data.at("/variableCharacteristics/dataType").asText()).isEqualTo("MemberList");
    assertThat(List.of(data.at("/variableCharacteristics/valuesList").asText().split(",")))
        .containsExactlyInAnyOrder("maxCost", "maxEnergy", "maxTime", "maxSoC");
  }

  @Test
  void iso15118ControllerSwitchesAreReadWrittenAndActedOnAsOn201() {
    DeviceModelOcppRpcIT.iso15118Controller(OcppVersion.V21, "KW-DM-21-ISO");
  }

  /**
   * 2.1's measurand lists offer the 2.1 measurands the station sends (valuesList) and take them,
   * while an unknown-to-the-station one is still Rejected.
   */
  @Test
  void measurandListsOfferAndTakeThe21MeasurandsTheStationSends() {
    String sampled =
        "\"component\":{\"name\":\"SampledDataCtrlr\"},"
            + "\"variable\":{\"name\":\"TxUpdatedMeasurands\"}";
    String calls =
        "[{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
            + "{\"attributeValue\":\"Energy.Active.Import.Register,EnergyRequest.Target,"
            + "Current.Export.Offered,Power.Active.Setpoint\","
            + sampled
            + "},{\"attributeValue\":\"Display.PresentSOC\","
            + "\"component\":{\"name\":\"AlignedDataCtrlr\"},"
            + "\"variable\":{\"name\":\"Measurands\"}}]}},"
            + "{\"action\":\"GetReport\",\"params\":{\"requestId\":5,\"componentVariable\":[{"
            + sampled
            + "}]}}]";
    List<JsonNode> events =
        StrictCsmsRun.drive(OcppVersion.V21, "KW-DM-21-MEAS", calls, b -> b, "NotifyReport");
    List<JsonNode> results = StrictCsmsRun.results(events);
    JsonNode set = results.get(0).at("/result/setVariableResult");
    assertThat(set.get(0).path("attributeStatus").asText()).isEqualTo("Accepted");
    assertThat(set.get(1).path("attributeStatus").asText()).isEqualTo("Rejected");

    JsonNode data =
        StrictCsmsRun.stationCalls(events, "NotifyReport").get(0).at("/params/reportData/0");
    assertThat(List.of(data.at("/variableCharacteristics/valuesList").asText().split(",")))
        .contains(
            "Current.Export.Offered",
            "Power.Active.Setpoint",
            "EnergyRequest.Target",
            "EnergyRequest.Minimum",
            "EnergyRequest.Maximum")
        .doesNotContain("Display.PresentSOC");
    assertThat(data.at("/variableAttribute/0/value").asText())
        .isEqualTo(
            "Energy.Active.Import.Register,EnergyRequest.Target,"
                + "Current.Export.Offered,Power.Active.Setpoint");
  }
}
