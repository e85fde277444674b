package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.ChargingProfileStatus;
import io.kilowire.core.ocpp.v21.ChargingScheduleUpdate;
import io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateRequest;
import io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateResponse;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.ocpp.v21.UpdateDynamicScheduleRequest;
import io.kilowire.core.ocpp.v21.UpdateDynamicScheduleResponse;
import io.kilowire.core.smartcharging.DynamicUpdate;
import io.kilowire.core.smartcharging.PhaseValues;
import io.kilowire.core.smartcharging.ReactiveSetpoint;
import io.kilowire.core.station.Station;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * OCPP 2.1 Dynamic charging profiles (K28) on a station: the CSMS's UpdateDynamicSchedule reaches
 * the domain ({@link Station#updateDynamicSchedule}), and the station's PullDynamicScheduleUpdate
 * goes out on this session ({@link Station#dynamicPuller}). Every value of
 * ChargingScheduleUpdateType is taken: limits, discharge limits, setpoints and reactive setpoints,
 * each also per phase; a reactive value per phase without setpointReactive (V2X.07) is answered
 * CALLERROR naming it.
 */
public final class V21DynamicScheduleHandlers {
  private V21DynamicScheduleHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    RpcSession session = endpoint.session();
    session.handle(
        UpdateDynamicScheduleRequest.class,
        r -> {
          DynamicUpdate update;
          try {
            update = update(r.scheduleUpdate(), "scheduleUpdate");
          } catch (Untranslatable u) {
            throw new OcppCallException(
                ErrorCode.NOT_SUPPORTED,
                "UpdateDynamicSchedule " + u.path() + ": " + u.problem() + "; not supported here");
          }
          DynamicUpdate.Outcome outcome =
              station.updateDynamicSchedule(r.chargingProfileId(), update);
          return outcome == DynamicUpdate.Outcome.ACCEPTED
              ? new UpdateDynamicScheduleResponse(ChargingProfileStatus.ACCEPTED, null, null)
              : new UpdateDynamicScheduleResponse(
                  ChargingProfileStatus.REJECTED,
                  new StatusInfo(
                      outcome.reasonCode(),
                      "profile " + r.chargingProfileId() + ": " + outcome.name(),
                      null),
                  null);
        });
    station.dynamicPuller(
        id ->
            session
                .call(
                    new PullDynamicScheduleUpdateRequest(id, null),
                    PullDynamicScheduleUpdateResponse.class)
                .thenApply(
                    answer ->
                        answer.status() == ChargingProfileStatus.ACCEPTED
                                && answer.scheduleUpdate() != null
                            ? Optional.of(update(answer.scheduleUpdate(), "scheduleUpdate"))
                            : Optional.empty()));
  }

  /**
   * The domain's update of a 2.1 ChargingScheduleUpdate.
   *
   * @throws Untranslatable for a value the domain does not model, with its path
   */
  static DynamicUpdate update(ChargingScheduleUpdate u, String path) {
    BigDecimal reactive = u.setpointReactive();
    if (reactive == null && (u.setpointReactive_L2() != null || u.setpointReactive_L3() != null)) {
      // L2 / L3 values only come with the value they go with (V2X.07); an update is no exception.
      throw new Untranslatable(
          path + ".setpointReactive_L2", "a reactive value per phase without setpointReactive");
    }
    return new DynamicUpdate(
        u.limit(),
        u.dischargeLimit(),
        u.setpoint(),
        new PhaseValues(
            u.limit_L2(),
            u.limit_L3(),
            u.dischargeLimit_L2(),
            u.dischargeLimit_L3(),
            u.setpoint_L2(),
            u.setpoint_L3()),
        reactive == null
            ? null
            : new ReactiveSetpoint(reactive, u.setpointReactive_L2(), u.setpointReactive_L3()));
  }
}
