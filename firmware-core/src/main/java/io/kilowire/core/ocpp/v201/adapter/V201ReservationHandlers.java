package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.CancelReservationRequest;
import io.kilowire.core.ocpp.v201.CancelReservationResponse;
import io.kilowire.core.ocpp.v201.CancelReservationStatus;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.ReserveNowRequest;
import io.kilowire.core.ocpp.v201.ReserveNowResponse;
import io.kilowire.core.ocpp.v201.ReserveNowStatus;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.reservations.Reservation;
import org.jspecify.annotations.Nullable;

/** Block H of OCPP 2.0.1 (H01 ReserveNow, H02 CancelReservation) on the station's reservations. */
public final class V201ReservationHandlers {
  private V201ReservationHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    session.handle(
        ReserveNowRequest.class,
        r -> reserve(station, r, r.connectorType() == null ? null : r.connectorType().value()));
    session.handle(
        CancelReservationRequest.class,
        r ->
            CancelReservationResponse.of(
                station.cancelReservation(r.reservationId())
                    ? CancelReservationStatus.ACCEPTED
                    : CancelReservationStatus.REJECTED));
  }

  /**
   * ReserveNow on the station's reservations, for an EVSE whose connector is of {@code
   * connectorType} (null: any), spelt as the station's connectors are; 2.1, whose connectorType is
   * a string, passes its own.
   */
  public static ReserveNowResponse reserve(
      Station station, ReserveNowRequest r, @Nullable String connectorType) {
    Integer evse = r.evseId();
    if (evse != null && (evse < 1 || evse > station.evseCount())) {
      return new ReserveNowResponse(
          null,
          ReserveNowStatus.REJECTED,
          new StatusInfo(null, "UnknownEvse", "EVSE " + evse + " does not exist"));
    }
    IdToken group = r.groupIdToken();
    Reservation reservation =
        new Reservation(
            r.id(),
            evse,
            connectorType,
            WideTokens.value(r.idToken()),
            WideTokens.type(r.idToken()),
            group == null ? null : WideTokens.value(group),
            r.expiryDateTime());
    return ReserveNowResponse.of(ReserveNowStatus.valueOf(station.reserve(reservation).name()));
  }
}
