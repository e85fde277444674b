package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v201.CustomData;
import io.kilowire.core.ocpp.v201.adapter.V201Gateway;
import io.kilowire.core.ocpp.v201.adapter.V201ReservationHandlers;
import io.kilowire.core.ocpp.v21.ReservationStatusUpdateRequest;
import io.kilowire.core.ocpp.v21.ReservationUpdateStatus;
import io.kilowire.core.ocpp.v21.ReserveNowRequest;
import io.kilowire.core.ocpp.v21.ReserveNowResponse;
import io.kilowire.core.station.Station;

/**
 * 2.1's ReserveNow: 2.1 made connectorType a string and named types 2.0.1 cannot spell (cNACS,
 * cMCS, cChaoJi, …). The type is compared with the station's connectors as it comes, so one the
 * station lacks is Rejected as a 2.0.1 type it lacks is, rather than refused as untranslatable; the
 * rest of the request goes through 2.0.1's handler.
 *
 * <p>A reservation used by an authorization that lapsed without a transaction is reported as
 * NoTransaction (H03.FR.11), which the 2.0.1 gateway marks on a Removed update for this bridge.
 */
public final class V21ReservationHandlers {
  private V21ReservationHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    endpoint.amend(ReservationStatusUpdateRequest.class, V21ReservationHandlers::worded);
    endpoint
        .session()
        .handle(
            ReserveNowRequest.class,
            r -> {
              ReserveNowRequest untyped =
                  new ReserveNowRequest(
                      r.id(),
                      r.expiryDateTime(),
                      null,
                      r.idToken(),
                      r.evseId(),
                      r.groupIdToken(),
                      r.customData());
              io.kilowire.core.ocpp.v201.ReserveNowRequest shared;
              try {
                shared =
                    V21Translation.translate(
                        untyped,
                        io.kilowire.core.ocpp.v201.ReserveNowRequest.class,
                        V21Translation.Mode.STRICT);
              } catch (Untranslatable u) {
                throw new OcppCallException(
                    ErrorCode.NOT_SUPPORTED,
                    "ReserveNow " + u.path() + ": " + u.problem() + "; not supported here");
              }
              return V21Translation.translate(
                  V201ReservationHandlers.reserve(station, shared, r.connectorType()),
                  ReserveNowResponse.class,
                  V21Translation.Mode.STRICT);
            });
  }

  /** {@code r} with the 2.1 status its marker names, without the marker. */
  static ReservationStatusUpdateRequest worded(ReservationStatusUpdateRequest r) {
    CustomData marker = r.customData();
    if (marker == null || !marker.vendorId().equals(V201Gateway.RESERVATION_MARKER_VENDOR)) {
      return r;
    }
    Object named = marker.properties().get(V201Gateway.RESERVATION_MARKER_STATUS);
    for (ReservationUpdateStatus s : ReservationUpdateStatus.values()) {
      if (s.value().equals(named)) {
        return new ReservationStatusUpdateRequest(r.reservationId(), s, null);
      }
    }
    return new ReservationStatusUpdateRequest(r.reservationId(), r.reservationUpdateStatus(), null);
  }
}
