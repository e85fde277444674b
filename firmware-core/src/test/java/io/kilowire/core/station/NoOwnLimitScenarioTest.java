package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 periods without a limit, at a station's outputs: a CSMS's setpoint-only TxProfile is
 * followed, the station's maximum still bounds what all EVSEs are offered together at every change,
 * the composite reports the limit in force, and a period that needs a limit and lacks one is
 * refused by name.
 */
@DisplayName("2.1 periods without a limit at the station's outputs")
class NoOwnLimitScenarioTest {
  private static final double VOLTS = 230;

  private static StationScenario station(int evses) {
    return Ocpp21Charging.station(evses);
  }

  private static String charging(StationScenario sc, int evse) {
    return Ocpp21Charging.v2g(sc, evse);
  }

  /** The answer to a SetChargingProfile of one Absolute schedule in W with {@code period}. */
  private static JsonNode set(
      StationScenario sc, int evse, int id, String purpose, String txId, String period) {
    return Ocpp21Charging.setProfile(sc, evse, id, purpose, txId, "W", period);
  }

  /** A CentralSetpoint TxProfile period without a limit, following {@code watts}. */
  private static String setpointOnly(long watts) {
    return "{\"startPeriod\":0,\"setpoint\":" + watts + ",\"operationMode\":\"CentralSetpoint\"}";
  }

  @Test
  @DisplayName("a setpoint-only TxProfile: the EV follows it, within the EVSE's hardware")
  void aSetpointOnlyProfileIsFollowed() {
    StationScenario sc = station(1);
    String tx = charging(sc, 1);

    JsonNode answer = set(sc, 1, 5, "TxProfile", tx, setpointOnly(6900));

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredSetpoint(1)).isCloseTo(10, within(0.01));
    assertThat(sc.hardware.offeredCurrent(1)).isCloseTo(32, within(0.01)); // the EVSE's hardware
  }

  @Test
  @DisplayName("setpoints without limits on three EVSEs: the sum offered never above the maximum")
  void theStationMaximumHoldsAtEveryChange() {
    StationScenario sc = station(3);
    double maximumA = 13800 / (3 * VOLTS); // 20 A
    JsonNode max =
        set(sc, 0, 1, "ChargingStationMaxProfile", null, "{\"startPeriod\":0,\"limit\":13800}");
    assertThat(max.path("status").asText()).isEqualTo("Accepted");
    // From here on the maximum is in force: every change the outputs see must keep to it.
    List<String> violations = new ArrayList<>();
    sc.hardware.onOutputChange(
        h -> {
          double sum = 0;
          for (int e = 1; e <= 3; e++) {
            sum += h.offeredCurrent(e);
            Double setpoint = h.offeredSetpoint(e);
            if (setpoint != null && setpoint > h.offeredCurrent(e) + 1e-9) {
              violations.add("setpoint above the EVSE's limit: " + h.outputs());
            }
          }
          if (sum > maximumA + 1e-9) {
            violations.add(sum + " A: " + h.outputs().get(h.outputs().size() - 1));
          }
        });
    List<String> txs = new ArrayList<>();
    for (int e = 1; e <= 3; e++) {
      txs.add(charging(sc, e));
    }

    for (int e = 1; e <= 3; e++) {
      JsonNode answer = set(sc, e, 10 + e, "TxProfile", txs.get(e - 1), setpointOnly(11040));
      assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    }
    sc.advance(Duration.ofMinutes(5));

    double sum = 0;
    for (int e = 1; e <= 3; e++) {
      sum += sc.hardware.offeredCurrent(e);
      assertThat(sc.hardware.offeredSetpoint(e)).as("EVSE %d's setpoint", e).isPositive();
    }
    assertThat(sum).isCloseTo(maximumA, within(0.31)); // shared, cut to 0.1 A each
    assertThat(sum).isLessThanOrEqualTo(maximumA + 1e-9);
    assertThat(violations).isEmpty();
  }

  @Test
  @DisplayName("GetCompositeSchedule: each period has the limit in force and the setpoint")
  void theCompositeHasTheLimitInForce() {
    StationScenario sc = station(1);
    String tx = charging(sc, 1);
    set(sc, 1, 5, "TxProfile", tx, setpointOnly(6900));

    JsonNode answer =
        sc.command(
            "GetCompositeSchedule", "{\"duration\":600,\"evseId\":1,\"chargingRateUnit\":\"W\"}");

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    JsonNode period = answer.path("schedule").path("chargingSchedulePeriod").get(0);
    assertThat(period.path("limit").asDouble()).isEqualTo(22080); // 32 A x 230 V x 3
    assertThat(period.path("setpoint").asDouble()).isEqualTo(6900);
    assertThat(period.path("operationMode").asText()).isEqualTo("CentralSetpoint");
  }

  @Test
  @DisplayName("GetChargingProfiles reports the period as it was set: without a limit")
  void theReportKeepsThePeriodWithoutALimit() {
    StationScenario sc = station(1);
    String tx = charging(sc, 1);
    set(sc, 1, 5, "TxProfile", tx, setpointOnly(6900));

    JsonNode answer =
        sc.command(
            "GetChargingProfiles",
            "{\"requestId\":7,\"chargingProfile\":{\"chargingProfilePurpose\":\"TxProfile\"}}");
    sc.settle();

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    JsonNode period =
        sc.sent("ReportChargingProfiles")
            .get(0)
            .path("chargingProfile")
            .get(0)
            .path("chargingSchedule")
            .get(0)
            .path("chargingSchedulePeriod")
            .get(0);
    assertThat(period.has("limit")).as("limit in %s", period).isFalse();
    assertThat(period.path("setpoint").asDouble()).isEqualTo(6900);
  }

  @Test
  @DisplayName("a ChargingOnly period without a limit: Rejected, InvalidSchedule, naming limit")
  void aChargingOnlyPeriodNeedsALimit() {
    StationScenario sc = station(1);
    String tx = charging(sc, 1);
    double before = sc.hardware.offeredCurrent(1);

    JsonNode answer = set(sc, 1, 5, "TxProfile", tx, "{\"startPeriod\":0,\"numberPhases\":3}");

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText()).isEqualTo("InvalidSchedule");
    assertThat(answer.path("statusInfo").path("additionalInfo").asText())
        .contains("limit")
        .contains("ChargingOnly");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(before);
  }
}
