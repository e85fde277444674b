package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 reactive setpoints at a station's outputs: a TxProfile's setpointReactive reaches an
 * output that can exchange reactive power (a bidirectional output, an EV in an ISO 15118-20 BPT
 * session) and is measured back as Power.Reactive.*; the composite carries it; an EVSE that cannot
 * (a plain pilot) rejects it, UnsupportedParam, naming the field.
 */
@DisplayName("2.1 reactive setpoints at the station's outputs")
class ReactivePowerScenarioTest {
  private static final String START = "\"startSchedule\":\"2025-12-31T00:00:00Z\",";

  private static JsonNode txProfile(StationScenario sc, String tx, String period) {
    return sc.command(
        "SetChargingProfile",
        "{\"evseId\":1,\"chargingProfile\":{\"id\":9,\"stackLevel\":1,"
            + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\","
            + "\"transactionId\":\""
            + tx
            + "\",\"chargingSchedule\":[{\"id\":1,"
            + START
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + period
            + "}]}]}}");
  }

  @Test
  @DisplayName("an output that can: the setpoint reaches it, the composite and the meter show it")
  void theSetpointReachesABidirectionalOutput() {
    StationScenario sc = Ocpp21Charging.station();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    String tx = Ocpp21Charging.charging(sc);
    JsonNode answer =
        txProfile(
            sc,
            tx,
            "\"limit\":16,\"setpoint\":10,\"setpointReactive\":-4,"
                + "\"operationMode\":\"CentralSetpoint\"");
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredReactive(1)).isEqualTo(-4.0);

    JsonNode composite =
        sc.command(
            "GetCompositeSchedule", "{\"duration\":600,\"evseId\":1,\"chargingRateUnit\":\"A\"}");
    assertThat(
            composite
                .path("schedule")
                .path("chargingSchedulePeriod")
                .get(0)
                .path("setpointReactive")
                .decimalValue())
        .isEqualByComparingTo("-4");

    sc.command("TriggerMessage", "{\"requestedMessage\":\"MeterValues\",\"evse\":{\"id\":1}}");
    sc.advance(Duration.ofSeconds(1));
    JsonNode values = Ocpp21Charging.lastSent(sc, "MeterValues");
    // 4 A injected on three phases at 230 V: 2760 var capacitive, none absorbed.
    assertThat(values.toString())
        .contains("\"measurand\":\"Power.Reactive.Export\"")
        .contains("\"measurand\":\"Power.Reactive.Import\"");
    JsonNode export = null;
    for (JsonNode v : values.path("meterValue").get(0).path("sampledValue")) {
      if (v.path("measurand").asText().equals("Power.Reactive.Export")) {
        export = v;
      }
    }
    assertThat(export).isNotNull();
    assertThat(export.path("value").decimalValue()).isEqualByComparingTo("2760");

    // The profile goes: the output is told there is no setpoint any more.
    sc.command("ClearChargingProfile", "{\"chargingProfileId\":9}");
    assertThat(sc.hardware.offeredReactive(1)).isNull();
  }

  @Test
  @DisplayName("a plain pilot: Rejected, UnsupportedParam, naming setpointReactive")
  void aPlainOutputRejectsIt() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    JsonNode answer = txProfile(sc, tx, "\"limit\":16,\"setpointReactive\":-4");
    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText()).isEqualTo("UnsupportedParam");
    assertThat(answer.path("statusInfo").path("additionalInfo").asText())
        .contains("setpointReactive");
    assertThat(sc.hardware.offeredReactive(1)).isNull();
  }
}
