package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 ExternalSetpoint at the station's outputs: the CSMS's profile gives the limits, a local
 * system (the station's EMS input, {@link Station#externalSetpoint}) the setpoint the EV follows,
 * always within the profile's limit and discharge limit and the station's discharge limit.
 */
@DisplayName("2.1 ExternalSetpoint: a local system's setpoint within the CSMS's limits")
class ExternalSetpointScenarioTest {
  private static JsonNode set(
      StationScenario sc, int evse, int id, String purpose, String tx, String period) {
    return Ocpp21Charging.setProfile(sc, evse, id, purpose, tx, "A", period);
  }

  private static String externalSetpoint(int limitA, int dischargeA) {
    return "{\"startPeriod\":0,\"limit\":"
        + limitA
        + ",\"dischargeLimit\":"
        + dischargeA
        + ",\"operationMode\":\"ExternalSetpoint\"}";
  }

  @Test
  @DisplayName("the EV is told the local system's setpoint, both ways, held within the profile")
  void theEvFollowsTheLocalSetpoint() {
    StationScenario sc = Ocpp21Charging.station(1);
    String tx = Ocpp21Charging.v2g(sc, 1);

    JsonNode answer = set(sc, 1, 5, "TxProfile", tx, externalSetpoint(16, -10));
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(10);

    sc.station().externalSetpoint(1, -8.0);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-8.0);
    sc.station().externalSetpoint(1, 12.0);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(12.0);
    sc.station().externalSetpoint(1, -25.0);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-10.0);
    sc.station().externalSetpoint(1, 40.0);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(16.0);
    assertThat(sc.station().externalSetpoint(1)).isEqualTo(40.0);

    sc.station().externalSetpoint(1, null);
    assertThat(sc.hardware.offeredSetpoint(1)).isNull();
  }

  @Test
  @DisplayName("in another mode the local setpoint is not followed")
  void onlyExternalSetpointFollowsIt() {
    StationScenario sc = Ocpp21Charging.station(1);
    String tx = Ocpp21Charging.v2g(sc, 1);
    sc.station().externalSetpoint(1, -8.0);

    set(
        sc,
        1,
        5,
        "TxProfile",
        tx,
        "{\"startPeriod\":0,\"limit\":16,\"dischargeLimit\":-10,\"operationMode\":\"ExternalLimits\"}");

    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(10);
    assertThat(sc.hardware.offeredSetpoint(1)).isNull();
  }

  @Test
  @DisplayName("an EV that cannot discharge: ExternalSetpoint Rejected, InvalidOperationMode")
  void aChargingOnlyEvCannotRunIt() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);

    JsonNode answer = set(sc, 1, 5, "TxProfile", tx, externalSetpoint(16, -10));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidOperationMode");
  }

  @Test
  @DisplayName("a virtual day of EMS setpoints on two EVSEs: the outputs never leave the limits")
  void aDayOfSetpointsStaysWithinTheLimits() {
    StationScenario sc = Ocpp21Charging.station(2);
    // The station maximum: 40 A charging, 12 A discharging on all EVSEs together.
    JsonNode max =
        set(
            sc,
            0,
            1,
            "ChargingStationMaxProfile",
            null,
            "{\"startPeriod\":0,\"limit\":40,\"dischargeLimit\":-12}");
    assertThat(max.path("status").asText()).as(max.toString()).isEqualTo("Accepted");
    List<String> violations = new ArrayList<>();
    sc.hardware.onOutputChange(
        h -> {
          double fedBack = h.offeredDischarge(1) + h.offeredDischarge(2);
          if (fedBack > 12 + 1e-9) {
            violations.add(sc.clock.now() + ": discharge offered " + fedBack + " A");
          }
          for (int e = 1; e <= 2; e++) {
            Double setpoint = h.offeredSetpoint(e);
            if (h.offeredDischarge(e) > 10 + 1e-9) {
              violations.add(
                  sc.clock.now() + ": EVSE " + e + " discharge " + h.offeredDischarge(e));
            }
            if (setpoint != null
                && (setpoint < -h.offeredDischarge(e) - 1e-9 || setpoint > 16 + 1e-9)) {
              violations.add(
                  sc.clock.now()
                      + ": EVSE "
                      + e
                      + " setpoint "
                      + setpoint
                      + " outside [-"
                      + h.offeredDischarge(e)
                      + ", 16]");
            }
          }
        });
    for (int e = 1; e <= 2; e++) {
      String tx = Ocpp21Charging.v2g(sc, e);
      JsonNode answer = set(sc, e, 10 + e, "TxProfile", tx, externalSetpoint(16, -10));
      assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    }

    Random random = new Random(15);
    int followed = 0;
    for (int step = 0; step < 24 * 4; step++) {
      int evse = 1 + random.nextInt(2);
      double wanted = Math.round((random.nextDouble() * 60 - 35) * 10) / 10.0; // -35 .. 25 A
      sc.station().externalSetpoint(evse, wanted);
      Double told = sc.hardware.offeredSetpoint(evse);
      assertThat(told).isNotNull();
      double expected = Math.max(-sc.hardware.offeredDischarge(evse), Math.min(16, wanted));
      assertThat(told).as("step %d, EVSE %d wanted %s", step, evse, wanted).isEqualTo(expected);
      if (told == wanted) {
        followed++;
      }
      sc.advance(Duration.ofMinutes(15));
    }
    assertThat(violations).isEmpty();
    assertThat(followed).as("setpoints followed as given").isGreaterThan(20);
  }
}
