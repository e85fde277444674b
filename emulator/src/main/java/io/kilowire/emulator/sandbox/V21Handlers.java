package io.kilowire.emulator.sandbox;

import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallHandler;
import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.ChargingProfileKind;
import io.kilowire.core.ocpp.v21.ChargingProfileStatus;
import io.kilowire.core.ocpp.v21.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v21.ChargingScheduleUpdate;
import io.kilowire.core.ocpp.v21.NotifyDERAlarmRequest;
import io.kilowire.core.ocpp.v21.NotifyDERAlarmResponse;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsRequest;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsResponse;
import io.kilowire.core.ocpp.v21.NotifyEVChargingNeedsStatus;
import io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateRequest;
import io.kilowire.core.ocpp.v21.PullDynamicScheduleUpdateResponse;
import io.kilowire.core.ocpp.v21.ReportDERControlRequest;
import io.kilowire.core.ocpp.v21.ReportDERControlResponse;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v21.SetChargingProfileResponse;
import io.kilowire.core.ocpp.v21.TransactionEventRequest;
import io.kilowire.core.ocpp.v21.TransactionEventResponse;
import io.kilowire.core.ocpp.v21.TransactionLimit;
import io.kilowire.core.ocpp.v21.UpdateDynamicScheduleRequest;
import io.kilowire.core.ocpp.v21.UpdateDynamicScheduleResponse;
import io.kilowire.core.ocpp.v21.adapter.Untranslatable;
import io.kilowire.core.ocpp.v21.adapter.V21Endpoint;
import io.kilowire.core.ocpp.v21.adapter.V21Translation;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import java.util.concurrent.CompletableFuture;

/**
 * The sandbox's answers to what only a 2.1 station sends, on the 2.1 session itself (the 2.0.1
 * handlers over the bridge have no place for it): its DER alarms and DER control reports are taken
 * and printed; a station pulling the update of a Dynamic profile the sandbox set gets its values as
 * last set or updated. Of what 2.1 changed in a message 2.0.1 has, the sandbox acts on a
 * TransactionEvent answer's transactionLimit and, when set to, on a bidirectional EV's needs.
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
    session.handle(
        PullDynamicScheduleUpdateRequest.class,
        r -> {
          ChargingScheduleUpdate update =
              csms.station(stationId).dynamicSchedules.get(r.chargingProfileId());
          csms.print(
              stationId,
              "<- PullDynamicScheduleUpdate "
                  + r.chargingProfileId()
                  + (update == null ? " (no such Dynamic profile)" : ""));
          return update == null
              ? PullDynamicScheduleUpdateResponse.of(ChargingProfileStatus.REJECTED)
              : new PullDynamicScheduleUpdateResponse(
                  update, ChargingProfileStatus.ACCEPTED, null, null);
        });
  }

  /**
   * Learns from a call to a 2.1 station and its answer: the values of each Dynamic profile the
   * station accepted, as last set or updated, which a station pulling an update gets.
   */
  static void sent(SandboxStation station, OcppMessage request, OcppMessage response) {
    if (request instanceof SetChargingProfileRequest set
        && response instanceof SetChargingProfileResponse answer
        && answer.status() == ChargingProfileStatus.ACCEPTED
        && set.chargingProfile().chargingProfileKind() == ChargingProfileKind.DYNAMIC) {
      ChargingSchedulePeriod p =
          set.chargingProfile().chargingSchedule().get(0).chargingSchedulePeriod().get(0);
      station.dynamicSchedules.put(
          set.chargingProfile().id(),
          new ChargingScheduleUpdate(
              p.limit(),
              p.limit_L2(),
              p.limit_L3(),
              p.dischargeLimit(),
              p.dischargeLimit_L2(),
              p.dischargeLimit_L3(),
              p.setpoint(),
              p.setpoint_L2(),
              p.setpoint_L3(),
              p.setpointReactive(),
              p.setpointReactive_L2(),
              p.setpointReactive_L3(),
              null));
    } else if (request instanceof UpdateDynamicScheduleRequest update
        && response instanceof UpdateDynamicScheduleResponse answer
        && answer.status() == ChargingProfileStatus.ACCEPTED) {
      station.dynamicSchedules.put(update.chargingProfileId(), update.scheduleUpdate());
    }
  }

  /**
   * The endpoint the 2.0.1 handlers answer a 2.1 station on: the bridge, except that the answer to
   * a TransactionEvent carries the transactionLimit the sandbox was asked to set (2.1 only), once,
   * and that a bidirectional EV's charging needs may be answered with a request to feed back
   * ({@link SandboxCsms#feedBackOnNeeds}).
   */
  static OcppEndpoint endpoint(V21Endpoint bridge, SandboxCsms csms, String stationId) {
    return new OcppEndpoint() {
      @Override
      public <Q extends OcppMessage, R extends OcppMessage> void handle(
          Class<Q> requestType, CallHandler<Q, R> handler) {
        if (requestType == io.kilowire.core.ocpp.v201.TransactionEventRequest.class) {
          bridge
              .session()
              .handle(
                  TransactionEventRequest.class,
                  (TransactionEventRequest request) -> {
                    TransactionEventResponse answer =
                        plainly(request, requestType, handler, TransactionEventResponse.class);
                    neededBefore(csms, stationId, request);
                    TransactionLimit limit = csms.station(stationId).takeTransactionLimit();
                    if (limit == null) {
                      return answer;
                    }
                    csms.print(stationId, "-> transactionLimit in the TransactionEvent answer");
                    return new TransactionEventResponse(
                        answer.totalCost(),
                        answer.chargingPriority(),
                        answer.idTokenInfo(),
                        limit,
                        answer.updatedPersonalMessage(),
                        answer.updatedPersonalMessageExtra(),
                        answer.customData());
                  });
        } else if (requestType == io.kilowire.core.ocpp.v201.NotifyEVChargingNeedsRequest.class) {
          bridge
              .session()
              .handle(
                  NotifyEVChargingNeedsRequest.class,
                  (NotifyEVChargingNeedsRequest request) ->
                      feedBack(csms, stationId, request)
                          ? NotifyEVChargingNeedsResponse.of(NotifyEVChargingNeedsStatus.ACCEPTED)
                          : plainly(
                              request, requestType, handler, NotifyEVChargingNeedsResponse.class));
        } else {
          bridge.handle(requestType, handler);
        }
      }

      @Override
      public <R extends OcppMessage> CompletableFuture<R> call(
          OcppMessage request, Class<R> response) {
        return bridge.call(request, response);
      }
    };
  }

  /**
   * {@code request} answered by the 2.0.1 {@code handler}: read as 2.0.1 leniently (a 2.0.1 CSMS
   * ignores a station's 2.1 extras), the answer made 2.1 again.
   */
  private static <Q extends OcppMessage, R extends OcppMessage, A extends OcppMessage> A plainly(
      OcppMessage request, Class<Q> requestType, CallHandler<Q, R> handler, Class<A> answerType) {
    Q plain;
    try {
      plain = V21Translation.translate(request, requestType, Mode.LENIENT);
    } catch (Untranslatable u) {
      throw new OcppCallException(
          ErrorCode.NOT_SUPPORTED,
          requestType.getSimpleName().replace("Request", "")
              + " "
              + u.path()
              + ": "
              + u.problem()
              + "; not supported here");
    }
    return V21Translation.translate(handler.handle(plain), answerType, Mode.STRICT);
  }

  /**
   * Asks the EV of {@code request} to feed back, after the answer, if the sandbox is set to and the
   * needs allow it ({@link V2xNeeds}); false: the needs get the 2.0.1 answer.
   */
  private static boolean feedBack(
      SandboxCsms csms, String stationId, NotifyEVChargingNeedsRequest request) {
    SandboxStation station = csms.station(stationId);
    if (!csms.feedsBackOnNeeds() || !station.accepted) {
      return false;
    }
    int amps = V2xNeeds.dischargeAmps(request, station);
    if (amps == 0) {
      return false;
    }
    int evse = request.evseId();
    String transactionId = station.transactions.get(evse);
    String said =
        "NotifyEVChargingNeeds EVSE "
            + evse
            + " "
            + request.chargingNeeds().requestedEnergyTransfer().value()
            + " -> Accepted; asking it to feed back "
            + amps
            + " A";
    if (transactionId == null) {
      // An EV's needs come at plug-in, often before its transaction: asked once that starts.
      station.pendingV2xNeeds.put(evse, request);
      csms.print(stationId, said + " once its transaction starts");
      return true;
    }
    csms.print(stationId, said);
    csms.callLater(
        stationId, "SetChargingProfile", DischargeProgramme.profile(evse, transactionId, amps));
    return true;
  }

  /** A transaction event on an EVSE whose EV's needs came first: the EV is asked now. */
  private static void neededBefore(
      SandboxCsms csms, String stationId, TransactionEventRequest event) {
    if (event.evse() == null) {
      return;
    }
    NotifyEVChargingNeedsRequest pending =
        csms.station(stationId).pendingV2xNeeds.remove(event.evse().id());
    if (pending != null && !event.eventType().value().equals("Ended")) {
      feedBack(csms, stationId, pending);
    }
  }
}
