package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.OcppSchemas;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 2.1's own measurands in a 2.1 station's TransactionEvents, where its lists name them: what it
 * offers the EV to feed back (Current.Export.Offered), its setpoint (Power.Active.Setpoint), and
 * the energy the EV asks for over ISO 15118-20 (EnergyRequest.Target / Minimum / Maximum and the
 * V2X range it lets the grid cycle, EnergyRequest.Minimum.V2X / Maximum.V2X), each with 2.1's
 * measurand and no marker left, valid against the 2.1 schema.
 */
class V21MeasurandsScenarioTest {
  private static final List<String> WANTED =
      List.of(
          "Energy.Active.Import.Register",
          "Current.Offered",
          "Current.Export.Offered",
          "Power.Active.Setpoint",
          "EnergyRequest.Target",
          "EnergyRequest.Minimum",
          "EnergyRequest.Maximum",
          "EnergyRequest.Minimum.V2X",
          "EnergyRequest.Maximum.V2X");

  @Test
  void theOfferTheSetpointAndTheEvsEnergyRequestsAreSentAsTheir21Measurands() {
    StationScenario sc =
        new StationScenario(
                OcppVersion.V21,
                1,
                StationParameters.Fixed.defaults().withMeterSampleInterval(Duration.ofSeconds(60)))
            .measurands(new MeterMeasurands(() -> WANTED, () -> WANTED));
    Station station = sc.startOnline();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    station.evChargingNeeds(
        1,
        new ChargingNeeds(
            30_000.0, 6, 32, 230, 3, null, 5_000.0, 40_000.0, 80, 11_000.0, -2_000.0, null,
            10_000.0, null));
    String tx = station.openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
    JsonNode set =
        sc.command(
            "SetChargingProfile",
            "{\"evseId\":1,\"chargingProfile\":{\"id\":5,\"stackLevel\":0,"
                + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Relative\","
                + "\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,"
                + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
                + "{\"startPeriod\":0,\"limit\":11040,\"dischargeLimit\":-6900,"
                + "\"setpoint\":-4600,\"operationMode\":\"CentralSetpoint\"}]}]}}");
    assertThat(set.path("status").asText()).as(set.toString()).isEqualTo("Accepted");
    sc.advance(Duration.ofSeconds(61));

    JsonNode updated =
        sc.sent("TransactionEvent").stream()
            .filter(e -> e.path("eventType").asText().equals("Updated"))
            .filter(
                e ->
                    e.path("meterValue")
                        .findValuesAsText("measurand")
                        .contains("EnergyRequest.Target"))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError(sc.link.frames().toString()));
    SchemaFile schema =
        OcppSchemas.of(OcppVersion.V21).stream()
            .filter(f -> f.actionName().equals("TransactionEvent") && f.request())
            .findFirst()
            .orElseThrow();
    assertThat(schema.problems(updated)).as(updated.toString()).isEmpty();
    Map<String, Double> values = new HashMap<>();
    for (JsonNode s : updated.at("/meterValue/0/sampledValue")) {
      assertThat(s.has("customData")).as("no marker left: " + s).isFalse();
      values.put(
          s.path("measurand").asText("Energy.Active.Import.Register"), s.path("value").asDouble());
    }
    assertThat(values)
        .containsEntry("Current.Export.Offered", 10.0)
        .containsEntry("EnergyRequest.Target", 30_000.0)
        .containsEntry("EnergyRequest.Minimum", 5_000.0)
        .containsEntry("EnergyRequest.Maximum", 40_000.0)
        .containsEntry("EnergyRequest.Minimum.V2X", -2_000.0)
        .containsEntry("EnergyRequest.Maximum.V2X", 10_000.0);
    assertThat(values.get("Power.Active.Setpoint")).isBetween(-4650.0, -4550.0);
  }
}
