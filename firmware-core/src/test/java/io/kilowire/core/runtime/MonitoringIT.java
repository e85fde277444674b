package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Variable monitoring over a real WebSocket on 127.0.0.1 (2.0.1 N02-N07, B08): the CSMS sets a
 * threshold on an EVSE's live power, the EV draws and the station raises the alert, the monitor
 * shows in a monitoring report, the level and base take effect, the monitor is cleared; GetReport
 * reports what its criteria and component variables select.
 */
class MonitoringIT {
  private static final Duration WAIT = RuntimeStations.WAIT;
  private static final String ID = "KW-MONITOR";
  private final RuntimeStations stations = new RuntimeStations();

  @AfterEach
  void closeEverything() {
    stations.close();
  }

  @Test
  void aThresholdOnAnEvsesPowerRaisesAnAlertAndShowsInTheReports() {
    TestCsms csms = stations.csms(OcppVersion.V201);
    StationRuntime station = stations.station(csms, OcppVersion.V201, ID);

    JsonNode set =
        csms.call(
            ID,
            "SetVariableMonitoring",
            "{\"setMonitoringData\":["
                + "{\"value\":1000,\"type\":\"UpperThreshold\",\"severity\":4,"
                + "\"component\":{\"name\":\"EVSE\",\"evse\":{\"id\":1}},"
                + "\"variable\":{\"name\":\"Power\"}},"
                + "{\"value\":1,\"type\":\"Delta\",\"severity\":4,"
                + "\"component\":{\"name\":\"NoSuchCtrlr\"},\"variable\":{\"name\":\"X\"}}]}");
    assertThat(set.at("/setMonitoringResult/0/status").asText()).isEqualTo("Accepted");
    assertThat(set.at("/setMonitoringResult/1/status").asText()).isEqualTo("UnknownComponent");
    int id = set.at("/setMonitoringResult/0/id").asInt();

    // A session: energy offered, the EV draws 16 A on three phases (about 11 kW).
    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    station.call(() -> stations.hardware(station).draw(1, 16));
    station.call(() -> station.station().evCharging(1, true));
    JsonNode alert =
        csms.awaitCall(
                ID,
                "NotifyEvent",
                p -> p.at("/eventData/0/variableMonitoringId").asInt(-1) == id,
                WAIT)
            .payload();
    assertThat(alert.at("/eventData/0/trigger").asText()).isEqualTo("Alerting");
    assertThat(alert.at("/eventData/0/eventNotificationType").asText()).isEqualTo("CustomMonitor");
    assertThat(alert.at("/seqNo").asInt()).isZero();
    assertThat(Double.parseDouble(alert.at("/eventData/0/actualValue").asText()))
        .isGreaterThan(1000);

    assertThat(csms.call(ID, "GetMonitoringReport", "{\"requestId\":5}").at("/status").asText())
        .isEqualTo("Accepted");
    JsonNode page =
        csms.awaitCall(ID, "NotifyMonitoringReport", p -> p.at("/requestId").asInt() == 5, WAIT)
            .payload();
    assertThat(page.at("/monitor/0/variableMonitoring/0/id").asInt()).isEqualTo(id);
    assertThat(page.at("/monitor/0/variable/name").asText()).isEqualTo("Power");
    assertThat(
            csms.call(
                    ID,
                    "GetMonitoringReport",
                    "{\"requestId\":6,\"monitoringCriteria\":[\"PeriodicMonitoring\"]}")
                .at("/status")
                .asText())
        .isEqualTo("EmptyResultSet");

    assertThat(csms.call(ID, "SetMonitoringLevel", "{\"severity\":3}").at("/status").asText())
        .isEqualTo("Accepted");
    assertThat(
            csms.call(
                    ID,
                    "GetVariables",
                    "{\"getVariableData\":[{\"component\":{\"name\":\"MonitoringCtrlr\"},"
                        + "\"variable\":{\"name\":\"ActiveMonitoringLevel\"}}]}")
                .at("/getVariableResult/0/attributeValue")
                .asText())
        .isEqualTo("3");

    JsonNode cleared = csms.call(ID, "ClearVariableMonitoring", "{\"id\":[" + id + ",999]}");
    assertThat(cleared.at("/clearMonitoringResult/0/status").asText()).isEqualTo("Accepted");
    assertThat(cleared.at("/clearMonitoringResult/1/status").asText()).isEqualTo("NotFound");
    assertThat(
            csms.call(ID, "SetMonitoringBase", "{\"monitoringBase\":\"FactoryDefault\"}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");

    // GetReport: the variables of the component asked for, in NotifyReport pages.
    assertThat(
            csms.call(
                    ID,
                    "GetReport",
                    "{\"requestId\":7,\"componentVariable\":[{\"component\":"
                        + "{\"name\":\"MonitoringCtrlr\"}}],\"componentCriteria\":[\"Available\"]}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    JsonNode report =
        csms.awaitCall(ID, "NotifyReport", p -> p.at("/requestId").asInt() == 7, WAIT).payload();
    assertThat(report.at("/reportData").findValuesAsText("name"))
        .contains("MonitoringCtrlr", "ActiveMonitoringBase")
        .doesNotContain("OCPPCommCtrlr");
    assertThat(
            csms.call(ID, "GetReport", "{\"requestId\":8,\"componentCriteria\":[\"Problem\"]}")
                .at("/status")
                .asText())
        .isEqualTo("EmptyResultSet");
  }
}
