package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.StationScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 values per phase at a station's outputs: a TxProfile with limit_L2/limit_L3 (and the
 * discharge and setpoint twins) is taken, the EVSE's one signal carries the lowest phase, the
 * composite reports each phase (K08.FR.09), GetChargingProfiles gives them back, and where they may
 * not stand the answer is Rejected, PhaseConflict.
 */
@DisplayName("2.1 values per phase at the station's outputs")
class PerPhaseScenarioTest {
  private static final String START = "\"startSchedule\":\"2025-12-31T00:00:00Z\",";

  private static JsonNode set(StationScenario sc, int evse, String profileJson) {
    return sc.command(
        "SetChargingProfile", "{\"evseId\":" + evse + ",\"chargingProfile\":" + profileJson + "}");
  }

  private static JsonNode txProfile(StationScenario sc, String tx, String period) {
    return set(
        sc,
        1,
        "{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
            + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
            + tx
            + "\",\"chargingSchedule\":[{\"id\":1,"
            + START
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + period
            + "}]}]}");
  }

  private static void stationMaximum(StationScenario sc, int amps) {
    JsonNode answer =
        set(
            sc,
            0,
            "{\"id\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                + START
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":"
                + amps
                + "}]}]}");
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
  }

  @Test
  @DisplayName("the EVSE is offered the lowest phase; the composite gives each phase")
  void theOfferIsTheLowestPhaseAndTheCompositeEachPhase() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    stationMaximum(sc, 12);
    JsonNode answer = txProfile(sc, tx, "\"limit\":16,\"limit_L2\":10,\"limit_L3\":20");
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);

    JsonNode composite =
        sc.command(
            "GetCompositeSchedule", "{\"duration\":600,\"evseId\":1,\"chargingRateUnit\":\"A\"}");
    JsonNode period = composite.path("schedule").path("chargingSchedulePeriod").get(0);
    assertThat(period.path("limit").decimalValue()).isEqualByComparingTo("12");
    assertThat(period.path("limit_L2").decimalValue()).isEqualByComparingTo("10");
    assertThat(period.path("limit_L3").decimalValue()).isEqualByComparingTo("12");
  }

  @Test
  @DisplayName("GetChargingProfiles reports the values per phase as they were set")
  void theReportCarriesTheValuesPerPhase() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    txProfile(sc, tx, "\"limit\":16,\"limit_L2\":10,\"limit_L3\":20");
    sc.command("GetChargingProfiles", "{\"requestId\":5,\"chargingProfile\":{}}");
    JsonNode report = Ocpp21Charging.lastSent(sc, "ReportChargingProfiles");
    JsonNode period =
        report
            .path("chargingProfile")
            .get(0)
            .path("chargingSchedule")
            .get(0)
            .path("chargingSchedulePeriod")
            .get(0);
    assertThat(period.path("limit_L2").decimalValue()).isEqualByComparingTo("10");
    assertThat(period.path("limit_L3").decimalValue()).isEqualByComparingTo("20");
  }

  @Test
  @DisplayName("values per phase outside a TxProfile or on one phase: Rejected, PhaseConflict")
  void whereTheyMayNotStandTheyAreRejected() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    JsonNode txDefault =
        set(
            sc,
            1,
            "{\"id\":3,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                + START
                + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":16,\"limit_L2\":10,\"limit_L3\":10}]}]}");
    assertThat(txDefault.path("status").asText()).isEqualTo("Rejected");
    assertThat(txDefault.path("statusInfo").path("reasonCode").asText()).isEqualTo("PhaseConflict");
    JsonNode onePhase =
        txProfile(sc, tx, "\"limit\":16,\"numberPhases\":1,\"limit_L2\":10,\"limit_L3\":10");
    assertThat(onePhase.path("statusInfo").path("reasonCode").asText()).isEqualTo("PhaseConflict");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(32);
  }

  @Test
  @DisplayName("over a run of profiles, no offer exceeds any phase's limit")
  void noOfferExceedsAnyPhase() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    List<String> beyond = new ArrayList<>();
    int[] lowest = {32};
    sc.hardware.onOutputChange(
        h -> {
          if (h.offeredCurrent(1) > lowest[0] + 1e-9) {
            beyond.add(h.offeredCurrent(1) + " A offered, lowest phase " + lowest[0] + " A");
          }
        });
    Random r = new Random(21);
    for (int i = 0; i < 30; i++) {
      int l1 = 6 + r.nextInt(27);
      int l2 = 6 + r.nextInt(27);
      int l3 = 6 + r.nextInt(27);
      // Lower the bound first where it falls, so an offer made under the old profile is judged by
      // the old one; the station lowers its offer within the same call.
      int next = Math.min(l1, Math.min(l2, l3));
      int previous = lowest[0];
      lowest[0] = Math.max(previous, next);
      JsonNode answer =
          txProfile(sc, tx, "\"limit\":" + l1 + ",\"limit_L2\":" + l2 + ",\"limit_L3\":" + l3);
      assertThat(answer.path("status").asText()).isEqualTo("Accepted");
      lowest[0] = next;
      assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(next);
    }
    assertThat(beyond).isEmpty();
  }

  @Test
  @DisplayName("a Dynamic TxProfile per phase: an update of one phase moves the offer")
  void aDynamicUpdateOfOnePhaseMovesTheOffer() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    JsonNode set =
        set(
            sc,
            1,
            "{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Dynamic\",\"transactionId\":\""
                + tx
                + "\",\"chargingSchedule\":[{\"id\":1,\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16,"
                + "\"limit_L2\":12,\"limit_L3\":20}]}]}");
    assertThat(set.path("status").asText()).as(set.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(12);

    JsonNode update =
        sc.command(
            "UpdateDynamicSchedule",
            "{\"chargingProfileId\":9,\"scheduleUpdate\":{\"limit_L3\":7}}");
    assertThat(update.path("status").asText()).as(update.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(7);
    JsonNode negative =
        sc.command(
            "UpdateDynamicSchedule",
            "{\"chargingProfileId\":9,\"scheduleUpdate\":{\"limit_L2\":-1}}");
    assertThat(negative.path("status").asText()).isEqualTo("Rejected");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(7);
  }

  @Test
  @DisplayName("a discharge limit per phase: the EV feeds back no more than the lowest phase")
  void theDischargeOfferIsTheLowestPhase() {
    StationScenario sc = Ocpp21Charging.station();
    sc.hardware.bidirectional(1, true);
    sc.hardware.evInBptSession(1, true);
    String tx = Ocpp21Charging.charging(sc);
    JsonNode answer =
        txProfile(
            sc,
            tx,
            "\"limit\":16,\"dischargeLimit\":-16,\"dischargeLimit_L2\":-8,"
                + "\"dischargeLimit_L3\":-12,\"setpoint\":-10,\"setpoint_L2\":-6,"
                + "\"setpoint_L3\":-10,\"operationMode\":\"CentralSetpoint\"");
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredDischarge(1)).isEqualTo(8);
    assertThat(sc.hardware.offeredSetpoint(1)).isEqualTo(-6);
  }
}
