package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.v21.NotifyPriorityChargingRequest;
import io.kilowire.core.smartcharging.PriorityCharging;
import io.kilowire.core.testing.StationScenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OCPP 2.1 priority charging at a station's outputs (K21/K22): UsePriorityCharging puts the
 * PriorityCharging profile in place of the transaction's TxProfile, never above the station's
 * maximum; withdrawn, the TxProfile is back. Asked at the station (a driver's button), the CSMS is
 * told with NotifyPriorityCharging.
 */
@DisplayName("2.1 priority charging at the station's outputs")
class PriorityChargingScenarioTest {
  private static final String START = "\"startSchedule\":\"2025-12-31T00:00:00Z\",";

  private static JsonNode profile(
      StationScenario sc, int evse, int id, String purpose, String extra, String schedule) {
    return sc.command(
        "SetChargingProfile",
        "{\"evseId\":"
            + evse
            + ",\"chargingProfile\":{\"id\":"
            + id
            + ",\"stackLevel\":0,\"chargingProfilePurpose\":\""
            + purpose
            + "\",\"chargingProfileKind\":\"Absolute\","
            + extra
            + "\"chargingSchedule\":[{\"id\":1,"
            + START
            + schedule
            + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
            + "\"limit\":"
            + (purpose.equals("ChargingStationMaxProfile")
                ? 20
                : purpose.equals("TxProfile") ? 10 : 32)
            + "}]}]}}");
  }

  /** A station maximum of 20 A, a TxProfile of 10 A and a PriorityCharging profile of 32 A. */
  private static void profiles(StationScenario sc, String tx) {
    assertThat(profile(sc, 0, 1, "ChargingStationMaxProfile", "", "").path("status").asText())
        .isEqualTo("Accepted");
    assertThat(
            profile(sc, 1, 2, "TxProfile", "\"transactionId\":\"" + tx + "\",", "")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    assertThat(profile(sc, 1, 3, "PriorityCharging", "", "").path("status").asText())
        .isEqualTo("Accepted");
  }

  private static JsonNode use(StationScenario sc, String tx, boolean activate) {
    return sc.command(
        "UsePriorityCharging", "{\"transactionId\":\"" + tx + "\",\"activate\":" + activate + "}");
  }

  @Test
  @DisplayName(
      "asked: the priority profile replaces the TxProfile under the maximum; withdrawn: back")
  void priorityReplacesTheTxProfile() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    profiles(sc, tx);
    List<Double> offers = new ArrayList<>();
    sc.hardware.onOutputChange(h -> offers.add(h.offeredCurrent(1)));
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);

    assertThat(use(sc, tx, true).path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(20);

    assertThat(use(sc, tx, false).path("status").asText()).isEqualTo("Accepted");
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
    assertThat(offers).isNotEmpty().allSatisfy(a -> assertThat(a).isLessThanOrEqualTo(20));
    // Asked by the CSMS: it is not told back.
    assertThat(sc.csms.calls("NotifyPriorityCharging")).isEmpty();
  }

  @Test
  @DisplayName(
      "no PriorityCharging profile: NoProfile; an unknown transaction: Rejected, TxNotFound")
  void refusals() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);

    JsonNode noProfile = use(sc, tx, true);
    JsonNode unknown = use(sc, "no-such-tx", true);

    assertThat(noProfile.path("status").asText()).isEqualTo("NoProfile");
    assertThat(unknown.path("status").asText()).isEqualTo("Rejected");
    assertThat(unknown.path("statusInfo").path("reasonCode").asText()).isEqualTo("TxNotFound");
  }

  @Test
  @DisplayName("asked at the station: the CSMS gets NotifyPriorityCharging, activated then not")
  void askedLocallyTheCsmsIsTold() {
    StationScenario sc = Ocpp21Charging.station();
    String tx = Ocpp21Charging.charging(sc);
    profiles(sc, tx);

    assertThat(sc.station().localPriorityCharging(1, true))
        .isEqualTo(PriorityCharging.Outcome.ACCEPTED);
    sc.settle();
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(20);
    sc.station().localPriorityCharging(1, false);
    sc.settle();

    List<NotifyPriorityChargingRequest> told =
        sc.csms.calls("NotifyPriorityCharging").stream()
            .map(c -> (NotifyPriorityChargingRequest) c.request())
            .toList();
    assertThat(told)
        .extracting(NotifyPriorityChargingRequest::transactionId)
        .containsExactly(tx, tx);
    assertThat(told)
        .extracting(NotifyPriorityChargingRequest::activated)
        .containsExactly(true, false);
    assertThat(sc.hardware.offeredCurrent(1)).isEqualTo(10);
  }

  @Test
  @DisplayName("a PriorityCharging profile with a duration: Rejected, InvalidSchedule (K01.FR.70)")
  void aPriorityProfileHasNoDuration() {
    StationScenario sc = Ocpp21Charging.station();

    JsonNode answer = profile(sc, 1, 3, "PriorityCharging", "", "\"duration\":3600,");

    assertThat(answer.path("status").asText()).isEqualTo("Rejected");
    assertThat(answer.path("statusInfo").path("reasonCode").asText()).isEqualTo("InvalidSchedule");
  }
}
