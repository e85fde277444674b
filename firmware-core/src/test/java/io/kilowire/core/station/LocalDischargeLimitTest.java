package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A site controller's cap on what an EVSE feeds back (the building's fuse, export side): the
 * discharge the outputs get is the least of it and the CSMS's, the setpoint held inside it, and a
 * lifted cap gives the CSMS's back.
 */
@DisplayName("2.1 discharging under a local cap")
class LocalDischargeLimitTest {
  private static final double VOLTS = 230;

  private static String discharging(StationScenario sc) {
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    sc.startCharging(1, StationScenario.TOKEN, 16);
    String tx =
        sc.station().openTransactions().stream().map(Transaction::id).findFirst().orElseThrow();
    // 6900 W on three phases = 10 A back, setpoint the same.
    sc.command(
        "SetChargingProfile",
        "{\"evseId\":1,\"chargingProfile\":{\"id\":5,\"stackLevel\":0,"
            + "\"chargingProfilePurpose\":\"TxProfile\",\"chargingProfileKind\":\"Absolute\","
            + "\"transactionId\":\""
            + tx
            + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
            + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + "\"limit\":11040,\"dischargeLimit\":-6900,\"setpoint\":-6900,"
            + "\"operationMode\":\"CentralSetpoint\"}]}]}}");
    return tx;
  }

  @Test
  @DisplayName("the local cap lowers the discharge and the setpoint; lifting it restores both")
  void theLocalCapBindsAndLifts() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.startOnline();
    discharging(sc);
    assertThat(sc.hardware.offeredDischarge(1)).isCloseTo(6900 / (3 * VOLTS), within(0.01));

    sc.station().localDischargeLimit(1, 4.0);

    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(4.0);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-4.0);
    assertThat(sc.station().localDischargeLimit(1)).isEqualTo(4.0);

    sc.station().localDischargeLimit(1, null);

    assertThat(sc.hardware.offeredDischarge(1)).isCloseTo(6900 / (3 * VOLTS), within(0.01));
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-10.0);
  }

  @Test
  @DisplayName("a cap of 0 stops the discharge; a cap above the CSMS's changes nothing")
  void zeroStopsAndAHighCapIsInert() {
    StationScenario sc =
        new StationScenario(OcppVersion.V21, 1, StationParameters.Fixed.defaults());
    sc.startOnline();
    discharging(sc);

    sc.station().localDischargeLimit(1, 50.0);
    assertThat(sc.hardware.offeredDischarge(1)).isCloseTo(6900 / (3 * VOLTS), within(0.01));

    sc.station().localDischargeLimit(1, 0.0);
    assertThat(sc.hardware.offeredDischarge(1)).isZero();
    assertThat(sc.hardware.offeredSetpoint(1)).isGreaterThanOrEqualTo(0.0);
  }
}
