package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v21.NotifyPriorityChargingRequest;
import io.kilowire.core.ocpp.v21.NotifyPriorityChargingResponse;
import io.kilowire.core.ocpp.v21.PriorityChargingStatus;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.ocpp.v21.UsePriorityChargingRequest;
import io.kilowire.core.ocpp.v21.UsePriorityChargingResponse;
import io.kilowire.core.smartcharging.PriorityCharging;
import io.kilowire.core.station.Station;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCPP 2.1 priority charging (K21/K22) on a station: the CSMS's UsePriorityCharging reaches the
 * domain ({@link Station#usePriorityCharging}); priority asked at the station goes to the CSMS as
 * NotifyPriorityCharging on this session ({@link Station#priorityNotifier}).
 */
public final class V21PriorityChargingHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(V21PriorityChargingHandlers.class);

  private V21PriorityChargingHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    RpcSession session = endpoint.session();
    session.handle(
        UsePriorityChargingRequest.class,
        r -> {
          PriorityCharging.Outcome outcome =
              station.usePriorityCharging(r.transactionId(), r.activate());
          return switch (outcome) {
            case ACCEPTED ->
                new UsePriorityChargingResponse(PriorityChargingStatus.ACCEPTED, null, null);
            case NO_PROFILE ->
                new UsePriorityChargingResponse(PriorityChargingStatus.NO_PROFILE, null, null);
            case UNKNOWN_TRANSACTION ->
                new UsePriorityChargingResponse(
                    PriorityChargingStatus.REJECTED,
                    new StatusInfo(
                        outcome.reasonCode(),
                        "no transaction " + r.transactionId() + " runs",
                        null),
                    null);
          };
        });
    station.priorityNotifier(
        (transactionId, activated) ->
            session
                .call(
                    new NotifyPriorityChargingRequest(transactionId, activated, null),
                    NotifyPriorityChargingResponse.class)
                .whenComplete(
                    (answer, failure) -> {
                      if (failure != null) {
                        LOG.warn(
                            "NotifyPriorityCharging for {}: {}", transactionId, failure.toString());
                      }
                    }));
  }
}
