package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A monitor tripping on a 2.1 station (N07, N08), against ocpp-rpc in strict mode with the 2.1
 * schemas over 127.0.0.1: the CSMS sets an upper threshold, a transaction-only lower threshold and
 * a delta on an EVSE's power, a periodic and a clock-aligned monitor; the EV's draw crosses them
 * and each trip reaches the CSMS as NotifyEvent in 2.1's shape, with the monitor's severity (2.1's
 * EventData.severity); the threshold clears when the draw stops; while the CSMS is away only events
 * up to OfflineQueuingSeverity wait for it.
 */
class MonitoringOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ID = "KW-MON-TRIP-21";

  private static final String POWER =
      "\"component\":{\"name\":\"EVSE\",\"evse\":{\"id\":1}},"
          + "\"variable\":{\"name\":\"Power\"}";
  private static final String CALLS =
      "[{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
          + "{\"value\":1000,\"type\":\"UpperThreshold\",\"severity\":4,"
          + POWER
          + "},{\"value\":5000,\"type\":\"Delta\",\"severity\":6,"
          + POWER
          + "},{\"value\":1,\"type\":\"Periodic\",\"severity\":8,"
          + "\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}"
          + ",{\"value\":100,\"type\":\"LowerThreshold\",\"severity\":3,\"transaction\":true,"
          + POWER
          + "},{\"value\":2,\"type\":\"PeriodicClockAligned\",\"severity\":8,"
          + "\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}"
          + "]}}]";

  @Test
  void monitorsTripIntoNotifyEventsWithTheirSeverityAndWaitOfflineUpToTheQueuingSeverity() {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", CALLS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware)
              .v201DeviceModel(
                  d -> d.initial(V201Variables.MonitoringCtrlr.OFFLINE_QUEUING_SEVERITY, 5))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        JsonNode set = OcppRpcCsms.awaitResult(csms, "SetVariableMonitoring").path("result");
        int threshold = set.at("/setMonitoringResult/0/id").asInt();
        int delta = set.at("/setMonitoringResult/1/id").asInt();
        int periodic = set.at("/setMonitoringResult/2/id").asInt();
        int under = set.at("/setMonitoringResult/3/id").asInt();
        int aligned = set.at("/setMonitoringResult/4/id").asInt();

        JsonNode beat = event(csms, periodic, d -> true);
        assertThat(beat.path("trigger").asText()).isEqualTo("Periodic");
        assertThat(beat.path("actualValue").asText()).isEqualTo("300");
        assertThat(beat.path("severity").asInt(-1)).isEqualTo(8);
        JsonNode tick = event(csms, aligned, d -> true);
        assertThat(tick.path("trigger").asText()).isEqualTo("Periodic");
        assertThat(Instant.parse(tick.path("timestamp").asText()).getEpochSecond() % 2)
            .as("on the clock's even seconds")
            .isZero();
        csms.send(
            "{\"action\":\"ClearVariableMonitoring\",\"params\":{\"id\":["
                + periodic
                + ","
                + aligned
                + "]}}");

        // The EV draws 16 A on three phases (about 11 kW): over the threshold, a delta of > 5 kW.
        station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
        station.call(() -> station.station().plugIn(1));
        station.call(() -> hardware.fake.draw(1, 16));
        station.call(() -> station.station().evCharging(1, true));
        Instant started =
            Instant.parse(
                awaitCall(
                        csms,
                        "TransactionEvent",
                        p -> p.path("eventType").asText().equals("Started"))
                    .at("/params/timestamp")
                    .asText());
        JsonNode over = event(csms, threshold, d -> !d.path("cleared").asBoolean());
        assertThat(over.path("trigger").asText()).isEqualTo("Alerting");
        assertThat(over.path("eventNotificationType").asText()).isEqualTo("CustomMonitor");
        assertThat(over.path("severity").asInt(-1)).isEqualTo(4);
        assertThat(Double.parseDouble(over.path("actualValue").asText())).isGreaterThan(1000);
        JsonNode jump = event(csms, delta, d -> true);
        assertThat(jump.path("trigger").asText()).isEqualTo("Delta");
        assertThat(jump.path("severity").asInt(-1)).isEqualTo(6);

        // The EV stops drawing: the threshold clears (N07.FR.02), reported as Alerting, cleared.
        station.call(() -> hardware.fake.draw(1, 0));
        JsonNode back = event(csms, threshold, d -> d.path("cleared").asBoolean());
        assertThat(back.path("trigger").asText()).isEqualTo("Alerting");
        assertThat(back.path("severity").asInt(-1)).isEqualTo(4);
        // The transaction-only lower threshold: under 100 W now, and never before the transaction
        // began, though the power was 0 W then too.
        JsonNode low = event(csms, under, d -> !d.path("cleared").asBoolean());
        assertThat(low.path("trigger").asText()).isEqualTo("Alerting");
        assertThat(low.path("severity").asInt(-1)).isEqualTo(3);
        assertThat(Instant.parse(low.path("timestamp").asText())).isAfterOrEqualTo(started);
        // ... and the delta monitor sees the fall too.
        event(csms, delta, d -> Double.parseDouble(d.path("actualValue").asText()) < 1000);
        int deltas = events(csms, delta);

        // The CSMS goes away; the EV draws again: the threshold's event (severity 4) waits for
        // it, the delta's (severity 6, above OfflineQueuingSeverity 5) is dropped (N07.FR.04).
        csms.send("{\"offline\":true}");
        csms.awaitEvent("closed", WAIT);
        Instant offlineSince = Instant.now();
        station.call(() -> hardware.fake.draw(1, 16));
        await()
            .atMost(WAIT)
            .until(() -> pending(station).stream().anyMatch(e -> e.monitor().id() == threshold));
        csms.send("{\"offline\":false}");
        JsonNode queued =
            event(
                csms,
                threshold,
                d -> Instant.parse(d.path("timestamp").asText()).isAfter(offlineSince));
        assertThat(queued.path("cleared").asBoolean()).isFalse();
        assertThat(queued.path("severity").asInt(-1)).isEqualTo(4);
        // Both monitors share one queue: once it is empty, a kept delta event would have gone.
        await().atMost(WAIT).until(() -> pending(station).isEmpty());
        assertThat(events(csms, delta)).as("the delta's event was not kept").isEqualTo(deltas);
      }
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  /**
   * N04 on 2.1: each SetMonitoringData of a request gets its own answer, in 2.1's records: a
   * monitor set (Accepted, the station's id), the same type and severity on the same variable again
   * (Duplicate, naming the monitor there), a component or variable the station lacks
   * (UnknownComponent, UnknownVariable), a threshold outside the variable's range and a severity
   * outside 0-9 (Rejected); then the monitor replaced by its id (Accepted, the same id; the report
   * shows the new value and no second monitor), an id on another variable and an id of no monitor
   * (Rejected). The station's hard-wired notifications carry 2.1's severity too.
   */
  @Test
  void setMonitoringAnswersEachItemAndReplacesAMonitorByItsIdOn21() {
    String threshold = "{\"type\":\"UpperThreshold\",\"severity\":4,";
    String calls =
        "[{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
            + threshold
            + "\"value\":1000,"
            + POWER
            + "},"
            + threshold
            + "\"value\":3000,"
            + POWER
            + "},"
            + threshold
            + "\"value\":1,\"component\":{\"name\":\"NoSuchCtrlr\"},"
            + "\"variable\":{\"name\":\"Power\"}},"
            + threshold
            + "\"value\":1,\"component\":{\"name\":\"EVSE\",\"evse\":{\"id\":1}},"
            + "\"variable\":{\"name\":\"NoSuchVariable\"}},"
            + threshold
            + "\"value\":100000000,"
            + POWER
            + "},{\"type\":\"Delta\",\"severity\":10,\"value\":5,"
            + POWER
            + "}]}},"
            + "{\"action\":\"SetVariableMonitoring\",\"params\":{\"setMonitoringData\":["
            + "{\"id\":1,\"type\":\"UpperThreshold\",\"severity\":4,\"value\":2000,"
            + POWER
            + "},{\"id\":1,\"type\":\"Periodic\",\"severity\":8,\"value\":60,"
            + "\"component\":{\"name\":\"OCPPCommCtrlr\"},"
            + "\"variable\":{\"name\":\"HeartbeatInterval\"}},"
            + "{\"id\":77,\"type\":\"UpperThreshold\",\"severity\":4,\"value\":2000,"
            + POWER
            + "}]}},"
            + "{\"action\":\"GetMonitoringReport\",\"params\":{\"requestId\":3,"
            + "\"componentVariable\":[{\"component\":{\"name\":\"EVSE\",\"evse\":{\"id\":1}},"
            + "\"variable\":{\"name\":\"Power\"}}]}}]";
    java.util.List<JsonNode> events =
        StrictCsmsRun.drive(
            OcppVersion.V21, ID + "-SET", calls, t -> t, "NotifyMonitoringReport", "NotifyEvent");
    java.util.List<JsonNode> results = StrictCsmsRun.results(events);

    JsonNode set = results.get(0).at("/result/setMonitoringResult");
    assertThat(set.get(0).path("status").asText()).isEqualTo("Accepted");
    int id = set.get(0).path("id").asInt();
    assertThat(set.get(1).path("status").asText()).isEqualTo("Duplicate");
    assertThat(set.get(1).path("id").asInt()).as("the monitor already there").isEqualTo(id);
    assertThat(set.get(2).path("status").asText()).isEqualTo("UnknownComponent");
    assertThat(set.get(3).path("status").asText()).isEqualTo("UnknownVariable");
    assertThat(set.get(4).path("status").asText()).isEqualTo("Rejected");
    assertThat(set.get(4).at("/statusInfo/reasonCode").asText()).isEqualTo("OutOfRange");
    assertThat(set.get(5).path("status").asText()).isEqualTo("Rejected");
    assertThat(set.get(5).at("/statusInfo/reasonCode").asText()).isEqualTo("SeverityOutOfRange");

    assertThat(id).as("the ids the second request names were chosen for this").isEqualTo(1);
    JsonNode replaced = results.get(1).at("/result/setMonitoringResult");
    assertThat(replaced.get(0).path("status").asText()).isEqualTo("Accepted");
    assertThat(replaced.get(0).path("id").asInt()).isEqualTo(id);
    assertThat(replaced.get(1).path("status").asText()).isEqualTo("Rejected");
    assertThat(replaced.get(1).at("/statusInfo/reasonCode").asText()).isEqualTo("OtherVariable");
    assertThat(replaced.get(2).path("status").asText()).isEqualTo("Rejected");
    assertThat(replaced.get(2).at("/statusInfo/reasonCode").asText()).isEqualTo("UnknownMonitor");

    JsonNode monitors =
        StrictCsmsRun.stationCalls(events, "NotifyMonitoringReport")
            .get(0)
            .at("/params/monitor/0/variableMonitoring");
    assertThat(monitors.size()).as("one monitor on EVSE 1's power").isEqualTo(1);
    assertThat(monitors.get(0).path("id").asInt()).isEqualTo(id);
    assertThat(monitors.get(0).path("value").asDouble()).isEqualTo(2000);

    JsonNode status =
        StrictCsmsRun.stationCalls(events, "NotifyEvent").stream()
            .map(e -> e.at("/params/eventData/0"))
            .filter(d -> d.at("/variable/name").asText().equals("AvailabilityState"))
            .findFirst()
            .orElseThrow();
    assertThat(status.path("eventNotificationType").asText()).isEqualTo("HardWiredNotification");
    assertThat(status.path("severity").asInt(-1)).as("Informational").isEqualTo(8);
  }

  /** The newest EventData of the monitor {@code id} that matches, waiting for it. */
  private static JsonNode event(NodePeer csms, int id, Predicate<JsonNode> match) {
    JsonNode call =
        awaitCall(
            csms,
            "NotifyEvent",
            p ->
                p.at("/eventData/0/variableMonitoringId").asInt(-1) == id
                    && match.test(p.at("/eventData/0")));
    return call.at("/params/eventData/0");
  }

  /** The monitoring events the station still holds, read on its thread. */
  private static java.util.List<io.kilowire.core.station.monitoring.MonitorEvent> pending(
      StationRuntime station) {
    java.util.List<io.kilowire.core.station.monitoring.MonitorEvent> out =
        new java.util.ArrayList<>();
    station.call(() -> out.addAll(station.station().monitoring().pendingEvents()));
    return out;
  }

  private static int events(NodePeer csms, int id) {
    return OcppRpcCsms.calls(
        csms, "NotifyEvent", p -> p.at("/eventData/0/variableMonitoringId").asInt(-1) == id);
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId(ID)
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
