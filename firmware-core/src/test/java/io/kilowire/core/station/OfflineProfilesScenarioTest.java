package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1's offline rules for charging profiles, set by a 2.1 CSMS and seen at the outputs in
 * virtual time: a profile with maxOfflineDuration stays valid that long after the connection is
 * lost, then the next valid profile applies; back online it applies again, unless
 * invalidAfterOfflineDuration made it permanently invalid (then it is gone).
 */
@DisplayName("2.1 maxOfflineDuration / invalidAfterOfflineDuration at the outputs")
class OfflineProfilesScenarioTest {
  private static StationScenario station() {
    StationScenario sc = Ocpp21Charging.station();
    Ocpp21Charging.charging(sc);
    return sc;
  }

  /** A TxDefaultProfile on EVSE 1 of {@code amps}; {@code offline} the 2.1 fields, or "". */
  private static JsonNode txDefault(
      StationScenario sc, int id, int stack, int amps, String offline) {
    return sc.command(
        "SetChargingProfile",
        "{\"evseId\":1,\"chargingProfile\":{\"id\":"
            + id
            + ",\"stackLevel\":"
            + stack
            + ",\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\","
            + offline
            + "\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2025-12-31T00:00:00Z\","
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + "\"limit\":"
            + amps
            + "}]}]}}");
  }

  @Test
  @DisplayName("valid maxOfflineDuration after the loss, then the lower profile; again once back")
  void theProfileLapsesOfflineAndReturns() {
    StationScenario sc = station();
    txDefault(sc, 1, 0, 16, "");
    JsonNode answer = txDefault(sc, 2, 1, 10, "\"maxOfflineDuration\":60,");
    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);

    sc.drop();
    sc.advance(Duration.ofSeconds(59));
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
    sc.advance(Duration.ofSeconds(2));
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);

    sc.connect();
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
  }

  @Test
  @DisplayName("invalidAfterOfflineDuration: past the duration it is gone for good")
  void invalidAfterTheOfflineDurationIsGone() {
    StationScenario sc = station();
    txDefault(sc, 1, 0, 16, "");
    txDefault(sc, 2, 1, 10, "\"maxOfflineDuration\":0,\"invalidAfterOfflineDuration\":true,");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);

    sc.drop();
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);
    sc.connect();
    sc.settle();

    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);
    JsonNode get =
        sc.command(
            "GetChargingProfiles",
            "{\"requestId\":3,\"chargingProfile\":{\"chargingProfilePurpose\":\"TxDefaultProfile\"}}");
    sc.settle();
    assertThat(get.path("status").asText()).isEqualTo("Accepted");
    JsonNode profiles =
        Ocpp21Charging.lastSent(sc, "ReportChargingProfiles").path("chargingProfile");
    assertThat(profiles).hasSize(1);
    assertThat(profiles.get(0).path("id").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("ReportChargingProfiles carries the offline fields as they were set")
  void theReportCarriesTheOfflineFields() {
    StationScenario sc = station();
    txDefault(sc, 2, 1, 10, "\"maxOfflineDuration\":600,\"invalidAfterOfflineDuration\":true,");

    sc.command("GetChargingProfiles", "{\"requestId\":3,\"chargingProfile\":{}}");
    sc.settle();

    JsonNode profile =
        Ocpp21Charging.lastSent(sc, "ReportChargingProfiles").at("/chargingProfile/0");
    assertThat(profile.path("maxOfflineDuration").asInt()).isEqualTo(600);
    assertThat(profile.path("invalidAfterOfflineDuration").asBoolean()).isTrue();
  }
}
