package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.GetDiagnosticsRequest;
import io.kilowire.core.ocpp.v16.GetDiagnosticsResponse;
import io.kilowire.core.ocpp.v16.GetLogRequest;
import io.kilowire.core.ocpp.v16.GetLogResponse;
import io.kilowire.core.ocpp.v16.Log;
import io.kilowire.core.ocpp.v16.LogStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.logs.LogRequest;
import io.kilowire.core.station.logs.LogUploads;
import io.kilowire.core.station.logs.StationLog;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * GetDiagnostics (1.6 §5.9, Firmware Management) and the security extension's GetLog, on the
 * station's log uploads. Registered only when the station uploads logs.
 */
public final class V16LogHandlers {
  private V16LogHandlers() {}

  public static void register(RpcSession session, Station station) {
    if (!station.uploadsLogs()) {
      return;
    }
    session.handle(
        GetDiagnosticsRequest.class,
        r ->
            new GetDiagnosticsResponse(
                station
                    .requestLog(
                        new LogRequest(
                            StationLog.Kind.DIAGNOSTICS,
                            null,
                            V16FirmwareHandlers.location(r.location()),
                            retries(r.retries()),
                            interval(r.retryInterval()),
                            r.startTime(),
                            r.stopTime()))
                    .fileName()));
    session.handle(
        GetLogRequest.class,
        r -> {
          LogUploads.Accepted a =
              station.requestLog(
                  new LogRequest(
                      r.logType() == Log.SECURITY_LOG
                          ? StationLog.Kind.SECURITY
                          : StationLog.Kind.DIAGNOSTICS,
                      r.requestId(),
                      V16FirmwareHandlers.location(r.log().remoteLocation()),
                      retries(r.retries()),
                      interval(r.retryInterval()),
                      r.log().oldestTimestamp(),
                      r.log().latestTimestamp()));
          return new GetLogResponse(LogStatus.valueOf(a.answer().name()), a.fileName());
        });
  }

  private static int retries(@Nullable Integer retries) {
    return retries == null ? LogRequest.DEFAULT_RETRIES : Math.max(0, retries);
  }

  private static Duration interval(@Nullable Integer seconds) {
    return seconds == null
        ? LogRequest.DEFAULT_RETRY_INTERVAL
        : Duration.ofSeconds(Math.max(0, seconds));
  }
}
