package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.v21.ChargingProfileStatus;
import io.kilowire.core.ocpp.v21.ChargingScheduleUpdate;
import io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateRequest;
import io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateResponse;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 Dynamic charging profiles at a station's outputs (K28): what the CSMS pushes
 * (UpdateDynamicSchedule) or the station pulls (PullDynamicScheduleUpdate) reaches the hardware
 * within the station's limits; when updates stop for longer than the schedule's duration the
 * station falls back to the next valid profile, and the next update brings the profile back.
 */
@DisplayName("2.1 Dynamic profiles at the station's outputs")
class DynamicProfileScenarioTest {
  private static final String START = "\"startSchedule\":\"2025-12-31T00:00:00Z\",";

  private static JsonNode set(StationScenario sc, int evse, String profileJson) {
    return sc.command(
        "SetChargingProfile", "{\"evseId\":" + evse + ",\"chargingProfile\":" + profileJson + "}");
  }

  /** A station maximum of {@code amps} and a TxDefaultProfile of {@code defaultA} on EVSE 1. */
  private static void limits(StationScenario sc, int amps, int defaultA) {
    assertThat(
            set(
                    sc,
                    0,
                    "{\"id\":1,\"stackLevel\":0,\"chargingProfilePurpose\":"
                        + "\"ChargingStationMaxProfile\",\"chargingProfileKind\":\"Absolute\","
                        + "\"chargingSchedule\":[{\"id\":1,"
                        + START
                        + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                        + "\"limit\":"
                        + amps
                        + "}]}]}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    assertThat(
            set(
                    sc,
                    1,
                    "{\"id\":2,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                        + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                        + START
                        + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                        + "\"limit\":"
                        + defaultA
                        + "}]}]}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
  }

  /** A Dynamic TxProfile of {@code amps}, stack level 1; duration and interval where not null. */
  private static JsonNode dynamic(
      StationScenario sc, String tx, int amps, Integer duration, Integer interval) {
    return set(
        sc,
        1,
        "{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
            + "\"chargingProfileKind\":\"Dynamic\",\"transactionId\":\""
            + tx
            + "\","
            + (interval == null ? "" : "\"dynUpdateInterval\":" + interval + ",")
            + "\"chargingSchedule\":[{\"id\":1,"
            + (duration == null ? "" : "\"duration\":" + duration + ",")
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + "\"limit\":"
            + amps
            + "}]}]}");
  }

  private static JsonNode update(StationScenario sc, int id, String scheduleUpdate) {
    return sc.command(
        "UpdateDynamicSchedule",
        "{\"chargingProfileId\":" + id + ",\"scheduleUpdate\":" + scheduleUpdate + "}");
  }

  @Test
  @DisplayName("an update moves the EVSE's offer, never above the station's maximum")
  void anUpdateMovesTheOfferWithinTheStationsLimits() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    limits(sc, 20, 16);
    List<Double> offers = new ArrayList<>();
    sc.hardware.onOutputChange(h -> offers.add(h.offeredCurrent(1)));
    assertThat(dynamic(sc, tx, 10, null, null).path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);

    JsonNode up = update(sc, 9, "{\"limit\":40}");
    assertThat(up.path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(20);

    update(sc, 9, "{\"limit\":7.5}");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(7.5);
    assertThat(offers).isNotEmpty().allSatisfy(a -> assertThat(a).isLessThanOrEqualTo(20));
  }

  @Test
  @DisplayName("a discharge update beyond the station's discharge limit: the EV feeds back no more")
  void aDischargeUpdateStaysWithinTheStationsDischargeLimit() {
    StationScenario sc = Ocpp21Charging.station();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    String tx = Ocpp21Charging.charging(sc);
    // The station may feed back 20 A at most (13800 W on three phases at 230 V).
    set(
        sc,
        0,
        "{\"id\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
            + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
            + START
            + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + "\"limit\":22080,\"dischargeLimit\":-13800}]}]}");
    List<String> beyond = new ArrayList<>();
    sc.hardware.onOutputChange(
        h -> {
          Double setpoint = h.offeredSetpoint(1);
          if (h.offeredDischarge(1) > 20 + 1e-9 || (setpoint != null && setpoint < -20 - 1e-9)) {
            beyond.add(h.outputs().get(h.outputs().size() - 1));
          }
        });
    JsonNode answer =
        set(
            sc,
            1,
            "{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Dynamic\",\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16,"
                + "\"dischargeLimit\":-5,\"setpoint\":-5,\"operationMode\":\"CentralSetpoint\"}]}]}");
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(5);

    update(sc, 9, "{\"dischargeLimit\":-40,\"setpoint\":-40}");

    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(20);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-20);
    assertThat(beyond).isEmpty();
  }

  @Test
  @DisplayName("updates stop: after duration the EVSE falls back; the next update restores it")
  void withoutUpdatesTheStationFallsBack() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    limits(sc, 20, 16);
    dynamic(sc, tx, 10, 60, null);

    sc.advance(Duration.ofSeconds(50));
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
    sc.advance(Duration.ofSeconds(15)); // 65 s since the profile came, no update
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);

    update(sc, 9, "{\"limit\":12}");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(12);
    sc.advance(Duration.ofSeconds(61));
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);
  }

  @Test
  @DisplayName("the station pulls every dynUpdateInterval and applies what the CSMS answers")
  void theStationPulls() {
    StationScenario sc = Ocpp21Charging.station();
    sc.csms.pullAnswers(
        id ->
            new PullDynamicScheduleUpdateResponse(
                new ChargingScheduleUpdate(
                    BigDecimal.valueOf(8 + sc.csms.calls("PullDynamicScheduleUpdate").size()),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                ChargingProfileStatus.ACCEPTED,
                null,
                null));
    String tx = Ocpp21Charging.charging(sc);
    limits(sc, 20, 16);
    dynamic(sc, tx, 10, null, 30);

    sc.advance(Duration.ofSeconds(25));
    assertThat(sc.csms.calls("PullDynamicScheduleUpdate")).isEmpty();
    sc.advance(Duration.ofSeconds(10));
    List<ScriptedCsms.Call> pulls = sc.csms.calls("PullDynamicScheduleUpdate");
    assertThat(pulls).hasSize(1);
    assertThat(((PullDynamicScheduleUpdateRequest) pulls.get(0).request()).chargingProfileId())
        .isEqualTo(9);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(9);

    sc.advance(Duration.ofSeconds(30));
    assertThat(sc.csms.calls("PullDynamicScheduleUpdate")).hasSize(2);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
  }

  @Test
  @DisplayName("a CSMS that answers without an update is asked again an interval later, no sooner")
  void aRefusedPullWaitsAnInterval() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    dynamic(sc, tx, 10, null, 30);

    sc.advance(Duration.ofSeconds(31));
    assertThat(sc.csms.calls("PullDynamicScheduleUpdate")).hasSize(1);
    sc.advance(Duration.ofSeconds(20));
    assertThat(sc.csms.calls("PullDynamicScheduleUpdate")).hasSize(1);
    sc.advance(Duration.ofSeconds(10));
    assertThat(sc.csms.calls("PullDynamicScheduleUpdate")).hasSize(2);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
  }

  @Test
  @DisplayName(
      "an update of an unknown profile: Rejected, UnknownProfile; of a fixed one: Rejected")
  void updatesOfOtherProfilesAreRejected() {
    StationScenario sc = Ocpp21Charging.station();
    Ocpp21Charging.charging(sc);
    limits(sc, 20, 16);

    JsonNode unknown = update(sc, 77, "{\"limit\":6}");
    JsonNode fixed = update(sc, 2, "{\"limit\":6}");

    assertThat(unknown.path("status").asText()).isEqualTo("Rejected");
    assertThat(unknown.path("statusInfo").path("reasonCode").asText()).isEqualTo("UnknownProfile");
    assertThat(fixed.path("status").asText()).isEqualTo("Rejected");
    assertThat(fixed.path("statusInfo").path("reasonCode").asText()).isEqualTo("InvalidProfile");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(16);
  }

  @Test
  @DisplayName("a Dynamic profile of two periods: Rejected, InvalidSchedule (K28.FR.01/03)")
  void aDynamicProfileHasOnePeriod() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);

    JsonNode answer =
        set(
            sc,
            1,
            "{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Dynamic\",\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":10},"
                + "{\"startPeriod\":60,\"limit\":8}]}]}");

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText()).isEqualTo("InvalidSchedule");
  }

  @Test
  @DisplayName("an update leaving L2 without L3: Rejected, PhaseConflict, the offer unchanged")
  void aHalfPerPhaseUpdateIsRejected() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    dynamic(sc, tx, 10, null, null);

    JsonNode answer = update(sc, 9, "{\"limit\":10,\"limit_L2\":8}");
    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText()).isEqualTo("PhaseConflict");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
  }

  @Test
  @DisplayName("GetChargingProfiles reports the profile as Dynamic, with its update")
  void reportedAsDynamic() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    dynamic(sc, tx, 10, null, 45);
    update(sc, 9, "{\"limit\":11}");

    JsonNode get = sc.command("GetChargingProfiles", "{\"requestId\":4,\"chargingProfile\":{}}");
    sc.settle();

    assertThat(get.path("status").asText()).isEqualTo("Accepted");
    JsonNode profile =
        Ocpp21Charging.lastSent(sc, "ReportChargingProfiles").at("/chargingProfile/0");
    assertThat(profile.path("chargingProfileKind").asText()).isEqualTo("Dynamic");
    assertThat(profile.path("dynUpdateInterval").asInt()).isEqualTo(45);
    assertThat(profile.path("dynUpdateTime").asText()).isNotEmpty();
    assertThat(profile.at("/chargingSchedule/0/chargingSchedulePeriod/0/limit").asDouble())
        .isEqualTo(11);
  }
}
