package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.testing.StationScenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1's operation modes on a station that only charges: ExternalLimits and LocalLoadBalancing
 * charge within the schedule's limit under what the local system (EMS limit, the station's own
 * balancer) allows; modes the station cannot run are Rejected with InvalidOperationMode, and so is
 * a mode the profile's purpose does not allow.
 */
@DisplayName("2.1 operation modes on a charging-only station")
class OperationModesScenarioTest {
  private static JsonNode set(
      StationScenario sc, int evse, String purpose, String tx, String period) {
    return Ocpp21Charging.setProfile(sc, evse, 5, purpose, tx, "A", period);
  }

  private static String period(int limit, String mode) {
    return "{\"startPeriod\":0,\"limit\":" + limit + ",\"operationMode\":\"" + mode + "\"}";
  }

  @Test
  @DisplayName("ExternalLimits: the schedule's limit, lowered by the EMS's limit")
  void externalLimitsFollowTheEms() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);

    JsonNode answer = set(sc, 1, "TxProfile", tx, period(16, "ExternalLimits"));
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);

    // 6900 W on three phases at 230 V: 10 A.
    sc.station().externalLimit(new DemandResponse(6.9, sc.clock.now().plusSeconds(600), "EMS"));
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
    assertThat(sc.hardware.offeredDischarge(1)).isZero();
  }

  @Test
  @DisplayName("LocalLoadBalancing: the station's balancer governs within the schedule's limit")
  void localLoadBalancingUnderTheBalancer() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);

    JsonNode answer = set(sc, 1, "TxProfile", tx, period(16, "LocalLoadBalancing"));
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    sc.station().localLimit(1, 12.0);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(12);
    sc.station().localLimit(1, 30.0);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);
  }

  @Test
  @DisplayName("ExternalLimits with a discharge limit, on an EV that cannot discharge: Rejected")
  void externalLimitsWithDischargeNeedAV2gEv() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);

    JsonNode answer =
        set(
            sc,
            1,
            "TxProfile",
            tx,
            "{\"startPeriod\":0,\"limit\":16,\"dischargeLimit\":-10,"
                + "\"operationMode\":\"ExternalLimits\"}");

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidOperationMode");
  }

  @Test
  @DisplayName("LocalFrequency, CentralFrequency: Rejected, InvalidOperationMode")
  void modesTheStationCannotRun() {
    StationScenario sc = Ocpp21Charging.station();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    String tx = Ocpp21Charging.charging(sc);

    for (String mode : new String[] {"LocalFrequency", "CentralFrequency"}) {
      JsonNode answer = set(sc, 1, "TxProfile", tx, period(16, mode));

      assertThat(answer.path("status").asText()).as(mode).isEqualTo("Rejected");
      assertThat(answer.path("statusInfo").path("reasonCode").asText())
          .as(mode)
          .isEqualTo("InvalidOperationMode");
    }
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  @Test
  @DisplayName("a station maximum in another mode than ChargingOnly: Rejected (K01.FR.111)")
  void theStationMaximumOnlyCharges() {
    StationScenario sc = Ocpp21Charging.station();

    JsonNode answer =
        set(sc, 0, "ChargingStationMaxProfile", null, period(20, "LocalLoadBalancing"));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidOperationMode");
  }

  @Test
  @DisplayName("LocalGeneration, which the station does not take: Rejected, InvalidProfileType")
  void localGenerationIsRejected() {
    StationScenario sc = Ocpp21Charging.station();

    JsonNode answer = set(sc, 0, "LocalGeneration", null, period(20, "ChargingOnly"));

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText())
        .isEqualTo("InvalidProfileType");
  }

  @Test
  @DisplayName("useLocalTime, randomizedDelay, limitAtSoC, evseSleep: Rejected (K01.FR.123-126)")
  void unsupportedScheduleFeaturesAreRejected() {
    StationScenario sc = Ocpp21Charging.station();
    String[] schedules = {
      "\"useLocalTime\":true,",
      "\"randomizedDelay\":30,",
      "\"limitAtSoC\":{\"soc\":80,\"limit\":6},"
    };
    for (String feature : schedules) {
      JsonNode answer =
          sc.command(
              "SetChargingProfile",
              "{\"evseId\":1,\"chargingProfile\":{\"id\":5,\"stackLevel\":0,"
                  + "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
                  + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
                  + feature
                  + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                  + "\"limit\":16}]}]}}");
      assertThat(answer.path("status").asText()).as(feature).isEqualTo("Rejected");
      assertThat(answer.path("statusInfo").path("reasonCode").asText())
          .as(feature)
          .isEqualTo("InvalidSchedule");
    }
    JsonNode sleep =
        set(
            sc,
            1,
            "TxDefaultProfile",
            null,
            "{\"startPeriod\":0,\"limit\":0,\"operationMode\":\"Idle\",\"evseSleep\":true}");
    assertThat(sleep.path("status").asText()).isEqualTo("Rejected");
    assertThat(sleep.path("statusInfo").path("reasonCode").asText()).isEqualTo("InvalidSchedule");
  }
}
