package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ReceivedSamples;
import io.kilowire.core.testing.ReceivedSamples.Sample;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A 2.1 station loses power while its EV feeds back: the export register it had counted reaches the
 * CSMS in the transaction's end, and the restarted station tells its outputs that nothing may flow
 * back until a new profile allows it, whatever the hardware was last told.
 */
@DisplayName("2.1 discharging across a power loss")
class DischargeRestartScenarioTest {
  private static final List<String> WANTED =
      List.of("Energy.Active.Import.Register", "Energy.Active.Export.Register");

  @Test
  @DisplayName("the export register survives; no discharge after the restart until a profile")
  void exportSurvivesAndNothingFlowsBackAfterTheRestart() {
    StationScenario sc =
        new StationScenario(
            OcppVersion.V21,
            1,
            StationParameters.Fixed.defaults().withMeterSampleInterval(Duration.ofSeconds(60)));
    sc.measurands(new MeterMeasurands(() -> WANTED, List::of)).startOnline();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    sc.startCharging(1, TOKEN, 16);
    String tx =
        sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
    sc.command(
        "SetChargingProfile",
        "{\"evseId\":1,\"chargingProfile\":{\"id\":5,\"stackLevel\":1,"
            + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\","
            + "\"transactionId\":\""
            + tx
            + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + "\"limit\":16,\"dischargeLimit\":-10,\"setpoint\":-10,"
            + "\"operationMode\":\"CentralSetpoint\"}]}]}}");
    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(10.0);
    sc.hardware.draw(1, -10); // the EV follows: 6900 W back
    sc.advance(Duration.ofMinutes(10));
    List<Sample> before = ReceivedSamples.of(sc.csms.calls(), "Energy.Active.Export.Register");
    double exported = before.get(before.size() - 1).value();
    assertThat(exported).isGreaterThan(1000);

    int from = sc.csms.calls().size();
    sc.restartOnline();
    sc.settle();

    // Nothing may flow back: the old transaction and its profile are gone with the power.
    assertThat(sc.hardware.offeredDischarge(1)).as("discharge offered after the restart").isZero();
    Double setpoint = sc.hardware.offeredSetpoint(1);
    assertThat(setpoint == null || setpoint >= 0).as("setpoint %s", setpoint).isTrue();
    List<Sample> after =
        ReceivedSamples.of(
            sc.csms.calls().subList(from, sc.csms.calls().size()), "Energy.Active.Export.Register");
    assertThat(after).as("export register after the restart").isNotEmpty();
    assertThat(after).allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(exported));
  }
}
