package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device model's ISO15118Ctrlr on a 2.0.1 station, read and written by ocpp-rpc in strict mode
 * over 127.0.0.1 ({@link DeviceModelOcpp21IT} runs the same on 2.1): the switches of what the
 * station does with ISO 15118 are listed, read-write and true; what it does not do (PnCEnabled) is
 * not; with V2GCertificateInstallationEnabled false a TriggerMessage for the V2G certificate is
 * Rejected, and once it is true again the station's signing request for it goes out.
 */
class DeviceModelOcppRpcIT {
  private static final String CTRLR = "{\"component\":{\"name\":\"ISO15118Ctrlr\"},";

  private static String variable(String name) {
    return CTRLR + "\"variable\":{\"name\":\"" + name + "\"}}";
  }

  private static String set(String name, boolean value) {
    return CTRLR + "\"attributeValue\":\"" + value + "\",\"variable\":{\"name\":\"" + name + "\"}}";
  }

  private static final String V2G = "V2GCertificateInstallationEnabled";
  private static final String CONTRACT = "ContractCertificateInstallationEnabled";

  @Test
  void iso15118ControllerSwitchesAreReadWrittenAndActedOn() {
    iso15118Controller(OcppVersion.V201, "KW-DM-201");
  }

  /** The run on {@code version}; the 2.1 test calls it too. */
  static void iso15118Controller(OcppVersion version, String stationId) {
    String trigger =
        "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":"
            + "\"SignV2GCertificate\"}}";
    String calls =
        "[{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":["
            + variable(V2G)
            + ","
            + variable(CONTRACT)
            + ","
            + variable("PnCEnabled")
            + "]}},{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
            + set(V2G, false)
            + ","
            + set(CONTRACT, false)
            + "]}},"
            + trigger
            + ",{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":["
            + set(V2G, true)
            + "]}},"
            + trigger
            + ",{\"action\":\"GetReport\",\"params\":{\"requestId\":9,\"componentVariable\":["
            + CTRLR
            + "\"variable\":{\"name\":\""
            + V2G
            + "\"}},"
            + CTRLR
            + "\"variable\":{\"name\":\""
            + CONTRACT
            + "\"}}]}}]";
    List<JsonNode> events =
        StrictCsmsRun.drive(version, stationId, calls, t -> t, "NotifyReport", "SignCertificate");
    List<JsonNode> results = StrictCsmsRun.results(events);

    JsonNode read = results.get(0).at("/result/getVariableResult");
    assertThat(read.get(0).path("attributeValue").asText()).isEqualTo("true");
    assertThat(read.get(1).path("attributeValue").asText()).isEqualTo("true");
    assertThat(read.get(2).path("attributeStatus").asText()).isEqualTo("UnknownVariable");
    JsonNode written = results.get(1).at("/result/setVariableResult");
    assertThat(written.get(0).path("attributeStatus").asText()).isEqualTo("Accepted");
    assertThat(written.get(1).path("attributeStatus").asText()).isEqualTo("Accepted");
    assertThat(results.get(2).at("/result/status").asText()).as("V2G off").isEqualTo("Rejected");
    assertThat(results.get(4).at("/result/status").asText()).as("V2G on").isEqualTo("Accepted");
    assertThat(
            StrictCsmsRun.stationCalls(events, "SignCertificate").stream()
                .map(c -> c.at("/params/certificateType").asText()))
        .containsExactly("V2GCertificate");

    JsonNode report = StrictCsmsRun.stationCalls(events, "NotifyReport").get(0);
    JsonNode data = report.at("/params/reportData");
    assertThat(data.findValuesAsText("name")).contains(V2G, CONTRACT);
    for (JsonNode d : data) {
      assertThat(d.at("/variableAttribute/0/mutability").asText()).isEqualTo("ReadWrite");
      assertThat(d.at("/variableCharacteristics/dataType").asText()).isEqualTo("boolean");
    }
    assertThat(data.findValuesAsText("value")).containsOnly("true", "false");
  }
}
