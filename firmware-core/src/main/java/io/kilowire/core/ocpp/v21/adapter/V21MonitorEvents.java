package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.EventData;
import io.kilowire.core.ocpp.v21.NotifyEventRequest;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.monitoring.MonitorEvent;
import java.util.List;
import java.util.Objects;

/**
 * A tripped monitor's NotifyEvent in 2.1's shape: 2.1 gives each event the severity of the monitor
 * that raised it (EventData.severity), which 2.0.1's record cannot carry. The severity is the one
 * the monitor had when it tripped, taken from the event the monitoring room still holds until the
 * CSMS confirms it, so a monitor changed or cleared since (an event queued offline) reports what
 * tripped. Events of no monitor (a fault on a Problem variable) stay as they are.
 */
final class V21MonitorEvents {
  private V21MonitorEvents() {}

  static void register(V21Endpoint endpoint, Station station) {
    endpoint.amend(
        NotifyEventRequest.class, r -> withSeverity(r, station.monitoring().pendingEvents()));
  }

  /** {@code request} with each monitor event's severity, found among {@code raised}. */
  static NotifyEventRequest withSeverity(NotifyEventRequest request, List<MonitorEvent> raised) {
    List<EventData> data = request.eventData().stream().map(d -> withSeverity(d, raised)).toList();
    return new NotifyEventRequest(
        request.generatedAt(), request.tbc(), request.seqNo(), data, request.customData());
  }

  private static EventData withSeverity(EventData d, List<MonitorEvent> raised) {
    if (d.variableMonitoringId() == null || d.severity() != null) {
      return d;
    }
    return raised.stream()
        .filter(
            e ->
                Objects.equals(e.monitor().id(), d.variableMonitoringId())
                    && e.at().equals(d.timestamp()))
        .findFirst()
        .map(
            e ->
                new EventData(
                    d.eventId(),
                    d.timestamp(),
                    d.trigger(),
                    d.cause(),
                    d.actualValue(),
                    d.techCode(),
                    d.techInfo(),
                    d.cleared(),
                    d.transactionId(),
                    d.component(),
                    d.variableMonitoringId(),
                    d.eventNotificationType(),
                    d.variable(),
                    e.monitor().severity(),
                    d.customData()))
        .orElse(d);
  }
}
