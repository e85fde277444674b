package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v21.EventData;
import io.kilowire.core.ocpp.v21.EventNotification;
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
 * tripped.
 *
 * <p>2.1 also gives a hard-wired notification a severity (the schema: "or with the hardwired
 * notification"); which severity each of the station's own notifications has is not in the material
 * at hand, so this is our reading of 2.1's severity scale ({@link #hardWiredSeverity}): an EVSE's
 * Problem (the station faults the EVSE on a hardware fault) is 1, Hardware Failure; a controller's
 * Problem (the fallback budget, a tariff it cannot use) is 4, Error, as it asks for action but
 * charging goes on; a connector's AvailabilityState is 8, Informational. A cleared event keeps the
 * severity of what it clears.
 */
final class V21MonitorEvents {
  // 2.1's severity scale (SetMonitoringData.severity): 0 is the highest, 9 the lowest.
  private static final int HARDWARE_FAILURE = 1;
  private static final int ERROR = 4;
  private static final int INFORMATIONAL = 8;

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
    if (d.severity() != null) {
      return d;
    }
    if (d.variableMonitoringId() == null) {
      return d.eventNotificationType() == EventNotification.HARD_WIRED_NOTIFICATION
          ? severity(d, hardWiredSeverity(d.component().name(), d.variable().name()))
          : d;
    }
    return raised.stream()
        .filter(
            e ->
                Objects.equals(e.monitor().id(), d.variableMonitoringId())
                    && e.at().equals(d.timestamp()))
        .findFirst()
        .map(e -> severity(d, e.monitor().severity()))
        .orElse(d);
  }

  /**
   * The severity of the station's hard-wired notification on {@code component}.{@code variable}
   * (our reading, see the class comment); 8, Informational, for any other.
   */
  static int hardWiredSeverity(String component, String variable) {
    if (!variable.equals("Problem")) {
      return INFORMATIONAL;
    }
    return component.equals("EVSE") ? HARDWARE_FAILURE : ERROR;
  }

  private static EventData severity(EventData d, int severity) {
    return new EventData(
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
        severity,
        d.customData());
  }
}
