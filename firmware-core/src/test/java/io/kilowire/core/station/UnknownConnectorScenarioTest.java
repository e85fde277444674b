package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.StationScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CSMS command that names a connector or EVSE, naming one the station does not have (it has
 * two): the answer is the status the version gives for it (Rejected where the answer has that
 * status; Unknown, NoProfiles, NotSupported or UnknownConnector where it does not), never a
 * CALLERROR, and nothing on the station changes.
 */
class UnknownConnectorScenarioTest {
  private static final String PROFILE_16 =
      "{\"chargingProfileId\":7,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"startSchedule\":"
          + "\"2026-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":"
          + "[{\"startPeriod\":0,\"limit\":16}]}}";
  private static final String PROFILE_201 =
      "{\"id\":7,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
          + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
          + "\"startSchedule\":\"2026-01-01T00:00:00Z\",\"chargingRateUnit\":\"A\","
          + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16}]}]}";

  static Stream<Arguments> commandsForAnUnknownConnector() {
    OcppVersion v16 = OcppVersion.V16;
    OcppVersion v201 = OcppVersion.V201;
    return Stream.of(
        arguments(
            v16,
            "SetChargingProfile",
            "{\"connectorId\":9,\"csChargingProfiles\":" + PROFILE_16 + "}",
            "Rejected"),
        arguments(v16, "ClearChargingProfile", "{\"connectorId\":9}", "Unknown"),
        arguments(v16, "GetCompositeSchedule", "{\"connectorId\":9,\"duration\":60}", "Rejected"),
        arguments(
            v16, "ChangeAvailability", "{\"connectorId\":9,\"type\":\"Inoperative\"}", "Rejected"),
        arguments(
            v16, "RemoteStartTransaction", "{\"connectorId\":9,\"idTag\":\"TAG\"}", "Rejected"),
        // 1.6 UnlockStatus has no Rejected: NotSupported is the answer for a connector without
        // a lock, and one that does not exist has none.
        arguments(v16, "UnlockConnector", "{\"connectorId\":9}", "NotSupported"),
        arguments(
            v16,
            "TriggerMessage",
            "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":9}",
            "Rejected"),
        arguments(
            v16,
            "ExtendedTriggerMessage",
            "{\"requestedMessage\":\"MeterValues\",\"connectorId\":9}",
            "Rejected"),
        arguments(
            v201,
            "SetChargingProfile",
            "{\"evseId\":9,\"chargingProfile\":" + PROFILE_201 + "}",
            "Rejected"),
        arguments(
            v201,
            "ClearChargingProfile",
            "{\"chargingProfileCriteria\":{\"evseId\":9}}",
            "Unknown"),
        arguments(
            v201,
            "GetChargingProfiles",
            "{\"requestId\":1,\"evseId\":9,\"chargingProfile\":{}}",
            "NoProfiles"),
        arguments(v201, "GetCompositeSchedule", "{\"evseId\":9,\"duration\":60}", "Rejected"),
        arguments(
            v201,
            "ChangeAvailability",
            "{\"operationalStatus\":\"Inoperative\",\"evse\":{\"id\":9}}",
            "Rejected"),
        arguments(
            v201,
            "ChangeAvailability",
            "{\"operationalStatus\":\"Inoperative\",\"evse\":{\"id\":1,\"connectorId\":99}}",
            "Rejected"),
        arguments(
            v201,
            "ChangeAvailability",
            "{\"operationalStatus\":\"Inoperative\",\"evse\":{\"id\":0,\"connectorId\":1}}",
            "Rejected"),
        arguments(
            v201,
            "RequestStartTransaction",
            "{\"evseId\":9,\"remoteStartId\":1,"
                + "\"idToken\":{\"idToken\":\"TAG\",\"type\":\"ISO14443\"}}",
            "Rejected"),
        arguments(v201, "Reset", "{\"type\":\"Immediate\",\"evseId\":9}", "Rejected"),
        arguments(v201, "UnlockConnector", "{\"evseId\":9,\"connectorId\":1}", "UnknownConnector"),
        arguments(v201, "UnlockConnector", "{\"evseId\":1,\"connectorId\":9}", "UnknownConnector"),
        arguments(
            v201,
            "TriggerMessage",
            "{\"requestedMessage\":\"StatusNotification\",\"evse\":{\"id\":9}}",
            "Rejected"),
        arguments(
            v201,
            "TriggerMessage",
            "{\"requestedMessage\":\"StatusNotification\",\"evse\":{\"id\":1,\"connectorId\":9}}",
            "Rejected"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("commandsForAnUnknownConnector")
  void isAnsweredWithItsVersionsStatusAndChangesNothing(
      OcppVersion version, String action, String request, String expected) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    List<String> before = state(sc);
    int callsBefore = sc.csms.calls().size();

    String status = sc.command(action, request).path("status").asText();
    sc.settle();

    assertThat(status).isEqualTo(expected);
    assertThat(state(sc)).isEqualTo(before);
    assertThat(sc.csms.calls()).as("nothing was triggered").hasSize(callsBefore);
  }

  @Test
  void aV201ChangeAvailabilityOfTheEvsesOwnConnectorTakesItOutOfService() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    String status =
        sc.command(
                "ChangeAvailability",
                "{\"operationalStatus\":\"Inoperative\",\"evse\":{\"id\":1,\"connectorId\":1}}")
            .path("status")
            .asText();
    sc.settle();

    assertThat(status).isEqualTo("Accepted");
    assertThat(sc.station().isOperative(1)).isFalse();
    assertThat(sc.station().isOperative(2)).isTrue();
  }

  /** What a command must not change: each EVSE's status, availability and transaction, profiles. */
  private static List<String> state(StationScenario sc) {
    Station s = sc.station();
    List<String> state = new ArrayList<>();
    for (int evse = 1; evse <= s.evseCount(); evse++) {
      state.add(
          evse
              + ":"
              + s.status(evse)
              + ":"
              + s.isOperative(evse)
              + ":"
              + s.transaction(evse).isPresent());
    }
    state.add("profiles " + s.smartCharging().profiles());
    return state;
  }
}
