package io.kilowire.core.runtime;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v16.AvailabilityStatus;
import io.kilowire.core.ocpp.v16.AvailabilityType;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityRequest;
import io.kilowire.core.ocpp.v16.ChangeAvailabilityResponse;
import io.kilowire.core.ocpp.v201.Component;
import io.kilowire.core.ocpp.v201.GetVariableData;
import io.kilowire.core.ocpp.v201.GetVariableResult;
import io.kilowire.core.ocpp.v201.GetVariableStatus;
import io.kilowire.core.ocpp.v201.GetVariablesRequest;
import io.kilowire.core.ocpp.v201.GetVariablesResponse;
import io.kilowire.core.ocpp.v201.Variable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The station side of the integration tests: answers CSMS calls, makes its own. */
final class StationHandlers {
  static final Duration WAIT = Duration.ofSeconds(5);

  private StationHandlers() {}

  /** 1.6 ChangeAvailability is accepted; 2.0.1 GetVariables returns "42" for everything. */
  static void answerCsmsCalls(RpcSession session) {
    if (session.version() == OcppVersion.V16) {
      session.handle(
          ChangeAvailabilityRequest.class,
          request -> new ChangeAvailabilityResponse(AvailabilityStatus.ACCEPTED));
    } else {
      session.handle(
          GetVariablesRequest.class,
          request ->
              GetVariablesResponse.of(
                  request.getVariableData().stream()
                      .map(
                          d ->
                              new GetVariableResult(
                                  null,
                                  null,
                                  GetVariableStatus.ACCEPTED,
                                  null,
                                  "42",
                                  d.component(),
                                  d.variable()))
                      .toList()));
    }
  }

  /** Sends BootNotification and Heartbeat; returns whether the boot was accepted. */
  static boolean bootAndHeartbeat(OcppClient client, OcppVersion version) throws Exception {
    if (version == OcppVersion.V16) {
      var boot =
          client
              .call(
                  io.kilowire.core.ocpp.v16.BootNotificationRequest.of("Kilowire", "KW-1"),
                  io.kilowire.core.ocpp.v16.BootNotificationResponse.class)
              .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      Instant time =
          client
              .call(
                  new io.kilowire.core.ocpp.v16.HeartbeatRequest(),
                  io.kilowire.core.ocpp.v16.HeartbeatResponse.class)
              .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
              .currentTime();
      return boot.status() == io.kilowire.core.ocpp.v16.RegistrationStatus.ACCEPTED && time != null;
    }
    var boot =
        client
            .call(
                io.kilowire.core.ocpp.v201.BootNotificationRequest.of(
                    io.kilowire.core.ocpp.v201.ChargingStation.of("KW-1", "Kilowire"),
                    io.kilowire.core.ocpp.v201.BootReason.POWER_UP),
                io.kilowire.core.ocpp.v201.BootNotificationResponse.class)
            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    Instant time =
        client
            .call(
                io.kilowire.core.ocpp.v201.HeartbeatRequest.of(),
                io.kilowire.core.ocpp.v201.HeartbeatResponse.class)
            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
            .currentTime();
    return boot.status() == io.kilowire.core.ocpp.v201.RegistrationStatus.ACCEPTED && time != null;
  }

  /** A CSMS-initiated call through the server's session; returns whether the station accepted. */
  static boolean csmsCallIsAnswered(RpcSession csmsSide) throws Exception {
    if (csmsSide.version() == OcppVersion.V16) {
      ChangeAvailabilityResponse r =
          csmsSide
              .call(
                  new ChangeAvailabilityRequest(1, AvailabilityType.INOPERATIVE),
                  ChangeAvailabilityResponse.class)
              .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return r.status() == AvailabilityStatus.ACCEPTED;
    }
    GetVariablesResponse r =
        csmsSide
            .call(
                GetVariablesRequest.of(
                    List.of(
                        GetVariableData.of(
                            Component.of("OCPPCommCtrlr"), Variable.of("HeartbeatInterval")))),
                GetVariablesResponse.class)
            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    return r.getVariableResult().size() == 1
        && "42".equals(r.getVariableResult().get(0).attributeValue());
  }
}
