package io.kilowire.core.ocpp.v21.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.ocpp.v21.Component;
import io.kilowire.core.ocpp.v21.EventData;
import io.kilowire.core.ocpp.v21.EventNotification;
import io.kilowire.core.ocpp.v21.EventTrigger;
import io.kilowire.core.ocpp.v21.NotifyEventRequest;
import io.kilowire.core.ocpp.v21.Variable;
import io.kilowire.core.station.monitoring.MonitorEvent;
import io.kilowire.core.station.monitoring.MonitorType;
import io.kilowire.core.station.monitoring.VariableMonitor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 2.1's EventData.severity on the station's NotifyEvents (V21MonitorEvents). */
class V21MonitorEventsTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private static VariableMonitor monitor(int id, int severity) {
    return new VariableMonitor(
        id,
        ComponentId.evse(1),
        VariableId.of("Power"),
        MonitorType.UPPER_THRESHOLD,
        BigDecimal.valueOf(1000),
        severity,
        false,
        VariableMonitor.Origin.CUSTOM);
  }

  private static EventData data(Integer monitorId, Instant at) {
    EventData d =
        EventData.of(
            1,
            at,
            EventTrigger.ALERTING,
            "1200",
            Component.of("EVSE"),
            monitorId == null
                ? EventNotification.HARD_WIRED_NOTIFICATION
                : EventNotification.CUSTOM_MONITOR,
            Variable.of("Power"));
    return new EventData(
        d.eventId(),
        d.timestamp(),
        d.trigger(),
        null,
        d.actualValue(),
        null,
        null,
        null,
        null,
        d.component(),
        monitorId,
        d.eventNotificationType(),
        d.variable(),
        null,
        null);
  }

  private static Integer severity(EventData d, List<MonitorEvent> raised) {
    return V21MonitorEvents.withSeverity(NotifyEventRequest.of(T, 0, List.of(d)), raised)
        .eventData()
        .get(0)
        .severity();
  }

  @Test
  void aMonitorsEventCarriesTheSeverityTheMonitorHadWhenItTripped() {
    MonitorEvent tripped =
        new MonitorEvent(monitor(3, 4), T, MonitorEvent.Trigger.ALERTING, "1200", false);
    // Another event of the same monitor, raised later with another severity (the monitor replaced).
    MonitorEvent later =
        new MonitorEvent(
            monitor(3, 7), T.plusSeconds(5), MonitorEvent.Trigger.ALERTING, "900", true);

    assertThat(severity(data(3, T), List.of(later, tripped))).isEqualTo(4);
    assertThat(severity(data(3, T.plusSeconds(5)), List.of(later, tripped))).isEqualTo(7);
  }

  @Test
  void aMonitorsEventOfNoHeldEventStaysWithoutSeverity() {
    MonitorEvent tripped =
        new MonitorEvent(monitor(3, 4), T, MonitorEvent.Trigger.ALERTING, "1200", false);

    assertThat(severity(data(5, T), List.of(tripped))).isNull();
  }

  @Test
  void theStationsHardWiredNotificationsCarryTheSeverityOfWhatTheyReport() {
    assertThat(severity(hardWired("EVSE", "Problem"), List.of())).as("a fault").isEqualTo(1);
    assertThat(severity(hardWired("SmartChargingCtrlr", "Problem"), List.of()))
        .as("the fallback budget")
        .isEqualTo(4);
    assertThat(severity(hardWired("TariffCostCtrlr", "Problem"), List.of())).isEqualTo(4);
    assertThat(severity(hardWired("Connector", "AvailabilityState"), List.of()))
        .as("a status")
        .isEqualTo(8);
  }

  private static EventData hardWired(String component, String variable) {
    return EventData.of(
        1,
        T,
        EventTrigger.DELTA,
        "true",
        Component.of(component),
        EventNotification.HARD_WIRED_NOTIFICATION,
        Variable.of(variable));
  }
}
