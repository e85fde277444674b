package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.NotifyDERAlarmRequest;
import io.kilowire.core.ocpp.v21.NotifyDERAlarmResponse;
import io.kilowire.core.ocpp.v21.ReportDERControlRequest;
import io.kilowire.core.ocpp.v21.ReportDERControlResponse;

/**
 * The sandbox's answers to what only a 2.1 station sends, on the 2.1 session itself (the 2.0.1
 * handlers over the bridge have no place for it): its DER alarms and DER control reports are taken
 * and printed.
 */
final class V21Handlers {
  private V21Handlers() {}

  static void register(RpcSession session, SandboxCsms csms, String stationId) {
    session.handle(
        NotifyDERAlarmRequest.class,
        r -> {
          csms.print(
              stationId,
              "<- NotifyDERAlarm "
                  + r.controlType().value()
                  + (Boolean.TRUE.equals(r.alarmEnded()) ? " ended" : " started"));
          return NotifyDERAlarmResponse.of();
        });
    session.handle(
        ReportDERControlRequest.class,
        r -> {
          csms.print(stationId, "<- ReportDERControl " + r.requestId());
          return ReportDERControlResponse.of();
        });
  }
}
