package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.GetLogRequest;
import io.kilowire.core.ocpp.v201.GetLogResponse;
import io.kilowire.core.ocpp.v201.Log;
import io.kilowire.core.ocpp.v201.LogStatus;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.logs.LogRequest;
import io.kilowire.core.station.logs.LogUploads;

/** N01 of OCPP 2.0.1: GetLog on the station's log uploads, when the station uploads logs. */
public final class V201LogHandlers {
  private V201LogHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    if (!station.uploadsLogs()) {
      return;
    }
    session.handle(
        GetLogRequest.class,
        r -> {
          LogUploads.Accepted a =
              station.requestLog(
                  LogRequest.asked(
                      r.logType() == Log.SECURITY_LOG,
                      r.requestId(),
                      V201FirmwareHandlers.location(r.log().remoteLocation()),
                      r.retries(),
                      r.retryInterval(),
                      r.log().oldestTimestamp(),
                      r.log().latestTimestamp()));
          return new GetLogResponse(null, LogStatus.valueOf(a.answer().name()), null, a.fileName());
        });
  }
}
