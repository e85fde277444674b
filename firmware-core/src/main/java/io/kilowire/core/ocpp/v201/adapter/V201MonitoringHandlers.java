package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.V201Variables.DeviceDataCtrlr;
import io.kilowire.core.configuration.V201Variables.MonitoringCtrlr;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.ClearMonitoringResult;
import io.kilowire.core.ocpp.v201.ClearMonitoringStatus;
import io.kilowire.core.ocpp.v201.ClearVariableMonitoringRequest;
import io.kilowire.core.ocpp.v201.ClearVariableMonitoringResponse;
import io.kilowire.core.ocpp.v201.Component;
import io.kilowire.core.ocpp.v201.ComponentVariable;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.GenericDeviceModelStatus;
import io.kilowire.core.ocpp.v201.GenericStatus;
import io.kilowire.core.ocpp.v201.GetMonitoringReportRequest;
import io.kilowire.core.ocpp.v201.GetMonitoringReportResponse;
import io.kilowire.core.ocpp.v201.Monitor;
import io.kilowire.core.ocpp.v201.MonitoringData;
import io.kilowire.core.ocpp.v201.NotifyMonitoringReportRequest;
import io.kilowire.core.ocpp.v201.NotifyMonitoringReportResponse;
import io.kilowire.core.ocpp.v201.SetMonitoringBaseRequest;
import io.kilowire.core.ocpp.v201.SetMonitoringBaseResponse;
import io.kilowire.core.ocpp.v201.SetMonitoringData;
import io.kilowire.core.ocpp.v201.SetMonitoringLevelRequest;
import io.kilowire.core.ocpp.v201.SetMonitoringLevelResponse;
import io.kilowire.core.ocpp.v201.SetMonitoringResult;
import io.kilowire.core.ocpp.v201.SetMonitoringStatus;
import io.kilowire.core.ocpp.v201.SetVariableMonitoringRequest;
import io.kilowire.core.ocpp.v201.SetVariableMonitoringResponse;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.ocpp.v201.Variable;
import io.kilowire.core.ocpp.v201.VariableMonitoring;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.monitoring.MonitorType;
import io.kilowire.core.station.monitoring.Monitoring;
import io.kilowire.core.station.monitoring.VariableMonitor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers the CSMS's 2.0.1 monitoring commands (N02-N06) from the station's {@link Monitoring};
 * monitoring reports follow the reply as NotifyMonitoringReport pages.
 */
public final class V201MonitoringHandlers {
  private V201MonitoringHandlers() {}

  public static void register(
      OcppEndpoint session,
      Station station,
      DeviceModel model,
      java.util.function.Supplier<java.time.Instant> clock) {
    Monitoring monitoring = station.monitoring();
    session.handle(
        SetVariableMonitoringRequest.class,
        r -> {
          int max = model.getOrDefault(MonitoringCtrlr.ITEMS_PER_MESSAGE_SET);
          if (r.setMonitoringData().size() > max) {
            throw new OcppCallException(
                ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION,
                r.setMonitoringData().size()
                    + " items exceed ItemsPerMessage[SetVariableMonitoring] = "
                    + max);
          }
          List<SetMonitoringResult> results = new ArrayList<>();
          for (SetMonitoringData d : r.setMonitoringData()) {
            Monitoring.SetOutcome outcome =
                monitoring.set(
                    new Monitoring.SetMonitor(
                        d.id(),
                        componentId(d.component()),
                        new VariableId(d.variable().name(), d.variable().instance()),
                        type(d.type()),
                        d.value(),
                        d.severity(),
                        Boolean.TRUE.equals(d.transaction())));
            results.add(
                new SetMonitoringResult(
                    null,
                    outcome.id(),
                    outcome.reason() == null ? null : StatusInfo.of(outcome.reason()),
                    SetMonitoringStatus.valueOf(outcome.status().name()),
                    d.type(),
                    d.component(),
                    d.variable(),
                    d.severity()));
          }
          return new SetVariableMonitoringResponse(null, results);
        });
    session.handle(
        ClearVariableMonitoringRequest.class,
        r -> {
          int max = model.getOrDefault(MonitoringCtrlr.ITEMS_PER_MESSAGE_CLEAR);
          if (r.id().size() > max) {
            throw new OcppCallException(
                ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION,
                r.id().size() + " ids exceed ItemsPerMessage[ClearVariableMonitoring] = " + max);
          }
          List<ClearMonitoringResult> results = new ArrayList<>();
          for (Integer id : r.id()) {
            results.add(
                new ClearMonitoringResult(
                    null, ClearMonitoringStatus.valueOf(monitoring.clear(id).name()), id, null));
          }
          return new ClearVariableMonitoringResponse(null, results);
        });
    session.handle(
        SetMonitoringBaseRequest.class,
        r -> {
          monitoring.setBase(Monitoring.Base.valueOf(r.monitoringBase().name()));
          return new SetMonitoringBaseResponse(null, GenericDeviceModelStatus.ACCEPTED, null);
        });
    session.handle(
        SetMonitoringLevelRequest.class,
        r ->
            new SetMonitoringLevelResponse(
                null,
                monitoring.setLevel(r.severity()) ? GenericStatus.ACCEPTED : GenericStatus.REJECTED,
                null));
    session.handle(
        GetMonitoringReportRequest.class,
        r -> {
          Set<Monitoring.Criterion> criteria = EnumSet.noneOf(Monitoring.Criterion.class);
          if (r.monitoringCriteria() != null) {
            r.monitoringCriteria()
                .forEach(
                    c ->
                        criteria.add(
                            switch (c) {
                              case THRESHOLD_MONITORING -> Monitoring.Criterion.THRESHOLD;
                              case DELTA_MONITORING -> Monitoring.Criterion.DELTA;
                              case PERIODIC_MONITORING -> Monitoring.Criterion.PERIODIC;
                            }));
          }
          List<ComponentVariable> wanted =
              r.componentVariable() == null ? List.of() : r.componentVariable();
          List<VariableMonitor> found =
              monitoring.report(
                  criteria,
                  (c, v) ->
                      wanted.isEmpty()
                          || wanted.stream()
                              .anyMatch(w -> V201ComponentSelection.selects(w, c, v)));
          if (found.isEmpty()) {
            return new GetMonitoringReportResponse(
                null, GenericDeviceModelStatus.EMPTY_RESULT_SET, null);
          }
          int perPage =
              Math.max(1, model.getOrDefault(DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_REPORT));
          List<NotifyMonitoringReportRequest> pages =
              pages(r.requestId(), found, perPage, clock.get());
          station.afterReply(
              () -> pages.forEach(p -> session.call(p, NotifyMonitoringReportResponse.class)));
          return new GetMonitoringReportResponse(null, GenericDeviceModelStatus.ACCEPTED, null);
        });
  }

  /** The monitors by variable, at most {@code perPage} variables a page, seqNo from 0. */
  static List<NotifyMonitoringReportRequest> pages(
      int requestId, List<VariableMonitor> monitors, int perPage, java.time.Instant at) {
    Map<String, List<VariableMonitor>> byVariable = new LinkedHashMap<>();
    for (VariableMonitor m : monitors) {
      byVariable.computeIfAbsent(m.component() + "/" + m.variable(), k -> new ArrayList<>()).add(m);
    }
    List<MonitoringData> data = new ArrayList<>();
    for (List<VariableMonitor> group : byVariable.values()) {
      VariableMonitor first = group.get(0);
      data.add(
          new MonitoringData(
              null,
              component(first.component()),
              new Variable(null, first.variable().name(), first.variable().instance()),
              group.stream()
                  .map(
                      m ->
                          new VariableMonitoring(
                              null,
                              m.id(),
                              m.transaction(),
                              m.value(),
                              wire(m.type()),
                              m.severity()))
                  .toList()));
    }
    List<NotifyMonitoringReportRequest> pages = new ArrayList<>();
    for (int from = 0, seqNo = 0; from < data.size(); from += perPage, seqNo++) {
      int to = Math.min(data.size(), from + perPage);
      pages.add(
          new NotifyMonitoringReportRequest(
              null, data.subList(from, to), requestId, to < data.size(), seqNo, at));
    }
    return pages;
  }

  static Component component(ComponentId id) {
    EVSE evse = id.evseId() == null ? null : new EVSE(null, id.evseId(), id.connectorId());
    return new Component(null, evse, id.name(), id.instance());
  }

  private static ComponentId componentId(Component component) {
    EVSE evse = component.evse();
    return new ComponentId(
        component.name(),
        component.instance(),
        evse == null ? null : evse.id(),
        evse == null ? null : evse.connectorId());
  }

  private static MonitorType type(Monitor m) {
    return MonitorType.valueOf(m.name());
  }

  static Monitor wire(MonitorType t) {
    return Monitor.valueOf(t.name());
  }
}
