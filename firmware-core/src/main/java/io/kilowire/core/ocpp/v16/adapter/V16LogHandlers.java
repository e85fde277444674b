package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v16.GetDiagnosticsRequest;
import io.kilowire.core.ocpp.v16.GetDiagnosticsResponse;
import io.kilowire.core.ocpp.v16.GetLogRequest;
import io.kilowire.core.ocpp.v16.GetLogResponse;
import io.kilowire.core.ocpp.v16.Log;
import io.kilowire.core.ocpp.v16.LogStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.logs.LogRequest;
import io.kilowire.core.station.logs.LogUploads;

/**
 * GetDiagnostics (1.6 §5.9, Firmware Management) and the security extension's GetLog, on the
 * station's log uploads. Registered only when the station uploads logs.
 */
public final class V16LogHandlers {
  private V16LogHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    if (!station.uploadsLogs()) {
      return;
    }
    session.handle(
        GetDiagnosticsRequest.class,
        r ->
            new GetDiagnosticsResponse(
                station
                    .requestLog(
                        LogRequest.asked(
                            false,
                            null,
                            V16FirmwareHandlers.location(r.location()),
                            r.retries(),
                            r.retryInterval(),
                            r.startTime(),
                            r.stopTime()))
                    .fileName()));
    session.handle(
        GetLogRequest.class,
        r -> {
          LogUploads.Accepted a =
              station.requestLog(
                  LogRequest.asked(
                      r.logType() == Log.SECURITY_LOG,
                      r.requestId(),
                      V16FirmwareHandlers.location(r.log().remoteLocation()),
                      r.retries(),
                      r.retryInterval(),
                      r.log().oldestTimestamp(),
                      r.log().latestTimestamp()));
          return new GetLogResponse(LogStatus.valueOf(a.answer().name()), a.fileName());
        });
  }
}
