package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import io.kilowire.core.transaction.Transaction;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a 2.1 station reports of discharging: GetCompositeSchedule shows each period's discharge
 * limit, setpoint and operation mode, and ReportChargingProfiles carries the profiles as the CSMS
 * set them, bidirectional fields included.
 */
@DisplayName("2.1 discharging in GetCompositeSchedule and ReportChargingProfiles")
class DischargeReportsScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One bidirectional EVSE with a BPT EV in a transaction, under a two-period V2G TxProfile. */
  private static StationScenario discharging() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.startOnline();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    String tx =
        sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
    JsonNode answer =
        sc.command(
            "SetChargingProfile",
            "{\"evseId\":1,\"chargingProfile\":{\"id\":5,\"stackLevel\":0,"
                + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\","
                + "\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\""
                + StationScenario.T0
                + "\",\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
                + "{\"startPeriod\":0,\"limit\":11040,\"operationMode\":\"ChargingOnly\"},"
                + "{\"startPeriod\":3600,\"limit\":11040,\"dischargeLimit\":-6900,"
                + "\"setpoint\":-4600,\"operationMode\":\"CentralSetpoint\"}]}]}}");
    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    return sc;
  }

  @Test
  @DisplayName("the composite shows where the EV charges and where it discharges, and how much")
  void theCompositeShowsDischargeAndSetpoint() {
    StationScenario sc = discharging();

    JsonNode answer =
        sc.command(
            "GetCompositeSchedule", "{\"evseId\":1,\"duration\":7200,\"chargingRateUnit\":\"W\"}");

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    JsonNode periods = answer.path("schedule").path("chargingSchedulePeriod");
    assertThat(periods).as(answer.toString()).hasSize(2);
    JsonNode first = periods.get(0);
    assertThat(first.has("dischargeLimit")).as(first.toString()).isFalse();
    assertThat(first.has("setpoint")).as(first.toString()).isFalse();
    JsonNode second = periods.get(1);
    // The profile's second period begins an hour after T0; offsets are whole seconds, rounded up.
    long millis =
        java.time.Duration.between(
                java.time.Instant.parse(answer.path("schedule").path("scheduleStart").asText()),
                StationScenario.T0.plusSeconds(3600))
            .toMillis();
    long offset = (millis + 999) / 1000;
    assertThat(second.path("startPeriod").asLong()).isEqualTo(offset);
    assertThat(second.path("dischargeLimit").asDouble()).isEqualTo(-6900);
    assertThat(second.path("setpoint").asDouble()).isEqualTo(-4600);
    assertThat(second.path("operationMode").asText()).isEqualTo("CentralSetpoint");
  }

  @Test
  @DisplayName("ReportChargingProfiles carries the discharge limit, setpoint and mode")
  void theReportCarriesTheBidirectionalFields() throws Exception {
    StationScenario sc = discharging();

    JsonNode answer = sc.command("GetChargingProfiles", "{\"requestId\":4,\"chargingProfile\":{}}");
    sc.settle();

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    List<VirtualLink.Crossing> reports =
        sc.link.frames().stream()
            .filter(c -> c.fromStation() && c.frame().contains("\"ReportChargingProfiles\""))
            .toList();
    assertThat(reports).hasSize(1);
    JsonNode period =
        JSON.readTree(reports.get(0).frame())
            .get(3)
            .at("/chargingProfile/0/chargingSchedule/0/chargingSchedulePeriod/1");
    assertThat(period.path("dischargeLimit").asDouble()).as(period.toString()).isEqualTo(-6900);
    assertThat(period.path("setpoint").asDouble()).isEqualTo(-4600);
    assertThat(period.path("operationMode").asText()).isEqualTo("CentralSetpoint");
  }
}
