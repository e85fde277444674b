package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.der.DerControl;
import io.kilowire.core.der.DerControlType;
import io.kilowire.core.der.DerControls;
import io.kilowire.core.der.GridFault;
import io.kilowire.core.der.InvalidDerControl;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.ClearDERControlRequest;
import io.kilowire.core.ocpp.v21.ClearDERControlResponse;
import io.kilowire.core.ocpp.v21.DERControlStatus;
import io.kilowire.core.ocpp.v21.GetDERControlRequest;
import io.kilowire.core.ocpp.v21.GetDERControlResponse;
import io.kilowire.core.ocpp.v21.NotifyDERAlarmRequest;
import io.kilowire.core.ocpp.v21.NotifyDERAlarmResponse;
import io.kilowire.core.ocpp.v21.NotifyDERStartStopRequest;
import io.kilowire.core.ocpp.v21.NotifyDERStartStopResponse;
import io.kilowire.core.ocpp.v21.ReportDERControlResponse;
import io.kilowire.core.ocpp.v21.SetDERControlRequest;
import io.kilowire.core.ocpp.v21.SetDERControlResponse;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.der.DerControlRoom;
import io.kilowire.core.station.der.DerNotifications;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 2.1 block R on a station: SetDERControl, GetDERControl (→ ReportDERControl after the reply) and
 * ClearDERControl on the station's {@link DerControlRoom}, and its alarms and control starts and
 * stops as NotifyDERAlarm / NotifyDERStartStop on this session.
 */
public final class V21DerHandlers {
  private V21DerHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    RpcSession session = endpoint.session();
    DerControlRoom der = station.der();
    session.handle(SetDERControlRequest.class, r -> set(der, r));
    session.handle(
        GetDERControlRequest.class,
        r -> {
          List<DerControls.Held> found =
              der.find(
                  r.isDefault(),
                  r.controlType() == null ? null : V21DerMapping.type(r.controlType()),
                  r.controlId());
          if (found.isEmpty()) {
            return GetDERControlResponse.of(DERControlStatus.NOT_FOUND);
          }
          station.afterReply(
              () ->
                  session.call(
                      V21DerMapping.report(r.requestId(), found), ReportDERControlResponse.class));
          return GetDERControlResponse.of(DERControlStatus.ACCEPTED);
        });
    session.handle(
        ClearDERControlRequest.class,
        r -> {
          int cleared =
              der.clear(
                  r.isDefault(),
                  r.controlType() == null ? null : V21DerMapping.type(r.controlType()),
                  r.controlId());
          return ClearDERControlResponse.of(
              cleared > 0 ? DERControlStatus.ACCEPTED : DERControlStatus.NOT_FOUND);
        });
    der.notifications(
        new DerNotifications() {
          @Override
          public CompletableFuture<?> alarm(
              DerControlType type, GridFault fault, boolean ended, Instant at) {
            return session.call(
                new NotifyDERAlarmRequest(
                    V21DerMapping.type(type),
                    V21DerMapping.fault(fault),
                    ended ? Boolean.TRUE : null,
                    at,
                    null,
                    null),
                NotifyDERAlarmResponse.class);
          }

          @Override
          public CompletableFuture<?> startStop(
              String controlId, boolean started, List<String> superseded, Instant at) {
            return session.call(
                new NotifyDERStartStopRequest(
                    controlId, started, at, superseded.isEmpty() ? null : superseded, null),
                NotifyDERStartStopResponse.class);
          }
        });
  }

  private static SetDERControlResponse set(DerControlRoom der, SetDERControlRequest r) {
    DerControlType type = V21DerMapping.type(r.controlType());
    if (!der.supported().contains(type)) {
      return new SetDERControlResponse(
          DERControlStatus.NOT_SUPPORTED,
          new StatusInfo(
              "UnsupportedParam",
              r.controlType().value() + " " + der.notSupportedBecause(type),
              null),
          null,
          null);
    }
    DerControl control;
    try {
      control = V21DerMapping.control(r);
    } catch (InvalidDerControl e) {
      return new SetDERControlResponse(
          DERControlStatus.REJECTED,
          new StatusInfo(e.reasonCode(), e.getMessage(), null),
          null,
          null);
    } catch (Untranslatable u) {
      throw new OcppCallException(
          ErrorCode.NOT_SUPPORTED,
          "SetDERControl " + u.path() + ": " + u.problem() + "; not supported here");
    }
    DerControls.SetResult result = der.set(control);
    return new SetDERControlResponse(
        DERControlStatus.valueOf(result.status().name()),
        result.reasonCode() == null
            ? null
            : new StatusInfo(result.reasonCode(), result.detail(), null),
        result.supersededIds().isEmpty() ? null : result.supersededIds(),
        null);
  }
}
