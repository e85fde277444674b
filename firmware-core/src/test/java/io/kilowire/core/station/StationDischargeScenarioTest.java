package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.StationScenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 discharging at a station, seen at its outputs: a CSMS's discharging profile is accepted
 * only where the EVSE and its EV can discharge, what the hardware is told follows it, and the
 * station's discharge limit is shared among the EVSEs, never granted to each.
 */
@DisplayName("2.1 discharging at the station's outputs")
class StationDischargeScenarioTest {
  private static final double VOLTS = 230;

  private static String period(long limitW, long dischargeW, long setpointW, String mode) {
    return "{\"startPeriod\":0,\"limit\":"
        + limitW
        + ",\"dischargeLimit\":"
        + dischargeW
        + ",\"setpoint\":"
        + setpointW
        + ",\"operationMode\":\""
        + mode
        + "\"}";
  }

  private static String profile(int evse, int id, String purpose, String txId, String period) {
    return "{\"evseId\":"
        + evse
        + ",\"chargingProfile\":{\"id\":"
        + id
        + ",\"stackLevel\":0,\"chargingProfilePurpose\":\""
        + purpose
        + "\",\"chargingProfileKind\":\"Absolute\","
        + (txId == null ? "" : "\"transactionId\":\"" + txId + "\",")
        + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
        + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":["
        + period
        + "]}]}}";
  }

  private static JsonNode discharge(StationScenario sc, int evse, String txId, int id) {
    return sc.command(
        "SetChargingProfile",
        profile(evse, id, "TxProfile", txId, period(11040, -6900, -4600, "CentralSetpoint")));
  }

  @Test
  @DisplayName("an EV in a BPT session on a bidirectional EVSE is told to discharge")
  void aBptEvIsToldToDischarge() {
    StationScenario sc = Ocpp21Charging.station(1);
    String tx = Ocpp21Charging.onBidirectionalEvse(sc, 1, true);

    JsonNode answer = discharge(sc, 1, tx, 5);

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredDischarge(1)).isCloseTo(6900 / (3 * VOLTS), within(0.01));
    // Converted once to amps and cut toward zero (to 0.1 A), so the EV never does more than asked.
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-6.6);
  }

  @Test
  @DisplayName("an EV without BPT: the profile is Rejected, InvalidOperationMode, nothing changes")
  void anEvWithoutBptRefusesTheProfile() {
    StationScenario sc = Ocpp21Charging.station(1);
    String tx = Ocpp21Charging.onBidirectionalEvse(sc, 1, false);
    List<String> before = sc.hardware.outputs();

    JsonNode answer = discharge(sc, 1, tx, 5);

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidOperationMode");
    assertThat(sc.hardware.outputs()).isEqualTo(before);
    assertThat(
            sc.station()
                .chargingProfiles(
                    new io.kilowire.core.smartcharging.ProfileQuery(
                        null, null, null, java.util.Set.of(), java.util.Set.of())))
        .isEmpty();
  }

  @Test
  @DisplayName("a TxDefaultProfile that discharges, on an EVSE that cannot feed back: Rejected")
  void aDischargingDefaultOnAChargeOnlyEvseIsRefused() {
    StationScenario sc = Ocpp21Charging.station(1);

    JsonNode answer =
        sc.command(
            "SetChargingProfile",
            profile(
                1, 7, "TxDefaultProfile", null, period(11040, -6900, -4600, "CentralSetpoint")));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidOperationMode");
  }

  @Test
  @DisplayName("a 2.1 ChargingOnly profile is accepted anywhere, and nothing is discharged")
  void chargingOnlyIsAcceptedAnywhere() {
    StationScenario sc = Ocpp21Charging.station(1);
    String tx = Ocpp21Charging.onBidirectionalEvse(sc, 1, false);

    JsonNode answer =
        sc.command(
            "SetChargingProfile",
            profile(
                1,
                5,
                "TxProfile",
                tx,
                "{\"startPeriod\":0,\"limit\":6900,\"operationMode\":\"ChargingOnly\"}"));

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(10, within(0.01));
    assertThat(sc.hardware.offeredDischarge(1)).isZero();
  }

  @Test
  @DisplayName("Idle: the EVSE transfers nothing either way while the period is in force")
  void idleStopsCharging() {
    StationScenario sc = Ocpp21Charging.station(1);
    String tx = Ocpp21Charging.onBidirectionalEvse(sc, 1, true);
    assertThat(sc.hardware.offeredCurrent(1)).isPositive();

    JsonNode answer =
        sc.command(
            "SetChargingProfile",
            profile(
                1,
                5,
                "TxProfile",
                tx,
                "{\"startPeriod\":0,\"limit\":11040,\"operationMode\":\"Idle\"}"));

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isZero();
    assertThat(sc.hardware.offeredDischarge(1)).isZero();
  }

  @Test
  @DisplayName("the station's discharge limit is shared: never more fed back in sum, at any change")
  void theStationsDischargeLimitIsShared() {
    StationScenario sc = Ocpp21Charging.station(3);
    double stationLimitA = 13800 / (3 * VOLTS); // 20 A
    List<String> violations = new ArrayList<>();
    sc.hardware.onOutputChange(
        h -> {
          double sum = 0;
          for (int e = 1; e <= 3; e++) {
            sum += h.offeredDischarge(e);
            Double setpoint = h.offeredSetpoint(e);
            if (setpoint != null && setpoint < -h.offeredDischarge(e) - 1e-9) {
              violations.add("setpoint beyond the discharge limit: " + h.outputs());
            }
          }
          if (sum > stationLimitA + 1e-9) {
            violations.add(sum + " A: " + h.outputs().get(h.outputs().size() - 1));
          }
        });
    JsonNode max =
        sc.command(
            "SetChargingProfile",
            profile(
                0,
                1,
                "ChargingStationMaxProfile",
                null,
                "{\"startPeriod\":0,\"limit\":33120,\"dischargeLimit\":-13800}"));
    assertThat(max.path("status").asText()).isEqualTo("Accepted");
    List<String> txs = new ArrayList<>();
    for (int e = 1; e <= 3; e++) {
      txs.add(Ocpp21Charging.onBidirectionalEvse(sc, e, true));
    }

    for (int e = 1; e <= 3; e++) {
      assertThat(discharge(sc, e, txs.get(e - 1), 10 + e).path("status").asText())
          .isEqualTo("Accepted");
    }

    double sum = 0;
    for (int e = 1; e <= 3; e++) {
      sum += sc.hardware.offeredDischarge(e);
      assertThat(sc.hardware.offeredDischarge(e)).as("EVSE %d's share", e).isGreaterThan(6);
    }
    assertThat(sum).isLessThanOrEqualTo(stationLimitA + 1e-9);

    // One EV leaves: the two others may feed back their own 10 A each.
    sc.hardware.evInBptSession(1, false);
    sc.station().unplug(1);
    sc.settle();
    assertThat(sc.hardware.offeredDischarge(1)).isZero();
    assertThat(sc.hardware.offeredDischarge(2)).isCloseTo(10, within(0.01));
    assertThat(sc.hardware.offeredDischarge(3)).isCloseTo(10, within(0.01));
    assertThat(violations).isEmpty();
  }
}
