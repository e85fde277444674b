package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.OcppSchemas;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hardware fault ends the transaction and tells the CSMS why the connector is Faulted: 1.6 in the
 * StatusNotification errorCode, 2.0.1 and 2.1 also as an EVSE.Problem NotifyEvent and, for the
 * faults their reason lists name, in the TransactionEvent's stoppedReason.
 */
class FaultScenarioTest {
  private static List<String> statusFrames(StationScenario sc) {
    return sc.link.frames().stream()
        .filter(VirtualLink.Crossing::fromStation)
        .map(VirtualLink.Crossing::frame)
        .filter(f -> f.contains("\"StatusNotification\""))
        .toList();
  }

  private static StationScenario groundFaultRaisedAndClearedOnEvse2(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    Station station = sc.startOnline();
    station.fault(2, FaultCode.GROUND_FAILURE);
    sc.settle();
    station.fault(2, FaultCode.NONE);
    sc.settle();
    return sc;
  }

  @Test
  void anOverCurrentFaultIsReportedAsOverCurrentFailureAndEndsTheTransaction() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    sc.startCharging(1, StationScenario.TOKEN, 16);

    station.fault(1, FaultCode.OVER_CURRENT);
    sc.settle();

    assertThat(station.transaction(1)).isEmpty();
    assertThat(statusFrames(sc))
        .anyMatch(
            f ->
                f.contains("\"connectorId\":1")
                    && f.contains("\"errorCode\":\"OverCurrentFailure\"")
                    && f.contains("\"status\":\"Faulted\""));
    assertThat(sc.csms.actions()).contains("StopTransaction");
  }

  @Test
  void aClearedFaultReturnsTheConnectorToServiceWithNoError() {
    StationScenario sc = groundFaultRaisedAndClearedOnEvse2(OcppVersion.V16);
    Station station = sc.station();

    List<String> frames = statusFrames(sc);
    assertThat(frames)
        .anyMatch(
            f -> f.contains("\"connectorId\":2") && f.contains("\"errorCode\":\"GroundFailure\""));
    assertThat(frames.get(frames.size() - 1))
        .contains("\"connectorId\":2")
        .contains("\"errorCode\":\"NoError\"")
        .contains("\"status\":\"Available\"");
    assertThat(station.status(2)).isEqualTo(ConnectorStatus.AVAILABLE);
  }

  /** 2.0.1 and 2.1: the fault as the device-model event EVSE.Problem, raised and cleared. */
  @Nested
  class ProblemEvents {
    /** The stoppedReason of the station's TransactionEvent Ended. */
    private static String stoppedReason(StationScenario sc) {
      return sc.link.frames().stream()
          .filter(VirtualLink.Crossing::fromStation)
          .map(c -> OcppSchemas.parse(c.frame()))
          .filter(f -> f.path(0).asInt() == 2 && f.path(2).asText().equals("TransactionEvent"))
          .map(f -> f.path(3))
          .filter(p -> p.path("eventType").asText().equals("Ended"))
          .map(p -> p.at("/transactionInfo/stoppedReason").asText())
          .findFirst()
          .orElseThrow();
    }

    /** The payloads of the EVSE.Problem NotifyEvents the station sent, in order. */
    private static List<JsonNode> problemEvents(StationScenario sc) {
      return sc.link.frames().stream()
          .filter(VirtualLink.Crossing::fromStation)
          .map(c -> OcppSchemas.parse(c.frame()))
          .filter(f -> f.path(0).asInt() == 2 && f.path(2).asText().equals("NotifyEvent"))
          .map(f -> f.path(3))
          .filter(
              p -> {
                JsonNode data = p.path("eventData").path(0);
                // EVSE.Problem only: SmartChargingCtrlr.Problem carries the fallback events.
                return data.path("variable").path("name").asText().equals("Problem")
                    && data.path("component").path("name").asText().equals("EVSE");
              })
          .toList();
    }

    /** Every payload validates against the version's official NotifyEventRequest schema. */
    private static void assertSchemaValid(OcppVersion version, List<JsonNode> payloads) {
      SchemaFile schema =
          OcppSchemas.of(version).stream()
              .filter(f -> f.fileName().equals("NotifyEventRequest.json"))
              .findFirst()
              .orElseThrow();
      for (JsonNode p : payloads) {
        assertThat(schema.problems(p)).as(p.toString()).isEmpty();
      }
    }

    @ParameterizedTest
    @EnumSource(names = {"V201", "V21"})
    void anOverCurrentFaultIsAProblemEventOnTheEvseWithItsCause(OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      Station station = sc.startOnline();
      sc.startCharging(1, StationScenario.TOKEN, 16);
      Instant at = sc.clock.now();

      station.fault(1, FaultCode.OVER_CURRENT);
      sc.settle();

      List<JsonNode> events = problemEvents(sc);
      assertThat(events).hasSize(1);
      assertSchemaValid(version, events);
      JsonNode e = events.get(0).path("eventData").path(0);
      assertThat(e.path("component").path("name").asText()).isEqualTo("EVSE");
      assertThat(e.path("component").path("evse").path("id").asInt()).isEqualTo(1);
      assertThat(e.path("actualValue").asText()).isEqualTo("true");
      assertThat(e.path("trigger").asText()).isEqualTo("Delta");
      assertThat(e.path("eventNotificationType").asText()).isEqualTo("HardWiredNotification");
      assertThat(e.path("techCode").asText()).isEqualTo("OverCurrent");
      assertThat(e.has("cleared")).isFalse();
      assertThat(Instant.parse(e.path("timestamp").asText())).isEqualTo(at);
      assertThat(station.transaction(1)).isEmpty();
      assertThat(stoppedReason(sc)).isEqualTo("OvercurrentFault");
      assertThat(station.pendingFaultEvents()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = {"V201", "V21"})
    void aGroundFaultEndsTheTransactionAsGroundFaultAndOverTemperatureAsOther(OcppVersion version) {
      assertThat(stoppedReason(chargingThenFaulted(version, FaultCode.GROUND_FAILURE)))
          .isEqualTo("GroundFault");
      // neither version's reason list names over-temperature; EVSE.Problem's techCode does
      assertThat(stoppedReason(chargingThenFaulted(version, FaultCode.HIGH_TEMPERATURE)))
          .isEqualTo("Other");
    }

    /** EVSE 1 charging, then {@code code} on it. */
    private static StationScenario chargingThenFaulted(OcppVersion version, FaultCode code) {
      StationScenario sc = new StationScenario(version);
      sc.startOnline();
      sc.startCharging(1, StationScenario.TOKEN, 16);
      sc.station().fault(1, code);
      sc.settle();
      return sc;
    }

    @ParameterizedTest
    @EnumSource(names = {"V201", "V21"})
    void aClearedFaultIsAClearedProblemEventNamingTheCauseThatWentAway(OcppVersion version) {
      StationScenario sc = groundFaultRaisedAndClearedOnEvse2(version);

      List<JsonNode> events = problemEvents(sc);
      assertThat(events).hasSize(2);
      assertSchemaValid(version, events);
      JsonNode cleared = events.get(1).path("eventData").path(0);
      assertThat(cleared.path("actualValue").asText()).isEqualTo("false");
      assertThat(cleared.path("cleared").asBoolean()).isTrue();
      assertThat(cleared.path("techCode").asText()).isEqualTo("GroundFailure");
      assertThat(cleared.path("component").path("evse").path("id").asInt()).isEqualTo(2);
      assertThat(sc.csms.notifyEvents()).hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(names = {"V201", "V21"})
    void aFaultThatCameAndWentOfflineReachesTheCsmsAfterTheReconnectWithItsOwnTimes(
        OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      Station station = sc.startOnline();
      sc.drop();
      sc.advance(Duration.ofMinutes(1));
      Instant raised = sc.clock.now();
      station.fault(1, FaultCode.HIGH_TEMPERATURE);
      sc.advance(Duration.ofMinutes(5));
      Instant cleared = sc.clock.now();
      station.fault(1, FaultCode.NONE);
      sc.advance(Duration.ofMinutes(1));
      assertThat(station.pendingFaultEvents()).hasSize(2);
      assertThat(problemEvents(sc)).isEmpty();

      sc.connect();
      sc.settle();

      List<JsonNode> events = problemEvents(sc);
      assertSchemaValid(version, events);
      assertThat(events)
          .extracting(p -> p.path("eventData").path(0))
          .extracting(
              e -> e.path("actualValue").asText(),
              e -> e.path("techCode").asText(),
              e -> Instant.parse(e.path("timestamp").asText()))
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("true", "HighTemperature", raised),
              org.assertj.core.groups.Tuple.tuple("false", "HighTemperature", cleared));
      assertThat(station.pendingFaultEvents()).isEmpty();
    }

    @Test
    void aChangedCauseIsRaisedAgainWithTheNewCause() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      Station station = sc.startOnline();
      station.fault(1, FaultCode.HIGH_TEMPERATURE);
      station.fault(1, FaultCode.HIGH_TEMPERATURE);
      station.fault(1, FaultCode.GROUND_FAILURE);
      sc.settle();

      assertThat(problemEvents(sc))
          .extracting(p -> p.path("eventData").path(0).path("techCode").asText())
          .containsExactly("HighTemperature", "GroundFailure");
    }
  }

  @Test
  void aWeldedContactorIsAPowerSwitchFailureWithItsVendorCode() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    Station station = sc.startOnline();
    station.fault(1, FaultCode.WELDED_CONTACTOR);
    station.fault(2, FaultCode.CONTACTOR_FAILURE);
    sc.settle();

    List<String> frames = statusFrames(sc);
    assertThat(frames)
        .anyMatch(
            f ->
                f.contains("\"connectorId\":1")
                    && f.contains("\"errorCode\":\"PowerSwitchFailure\"")
                    && f.contains("\"vendorErrorCode\":\"WeldedContactor\""));
    assertThat(frames)
        .anyMatch(
            f ->
                f.contains("\"connectorId\":2")
                    && f.contains("\"errorCode\":\"PowerSwitchFailure\"")
                    && f.contains("\"vendorErrorCode\":\"ContactorFailure\""));
  }
}
