package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v16.CancelReservationRequest;
import io.kilowire.core.ocpp.v16.CancelReservationResponse;
import io.kilowire.core.ocpp.v16.CancelReservationStatus;
import io.kilowire.core.ocpp.v16.ReservationStatus;
import io.kilowire.core.ocpp.v16.ReserveNowRequest;
import io.kilowire.core.ocpp.v16.ReserveNowResponse;
import io.kilowire.core.station.Station;
import io.kilowire.core.station.reservations.Reservation;

/** The Reservation profile of OCPP 1.6 (§5.1, §5.13) on the station's reservations. */
public final class V16ReservationHandlers {
  private V16ReservationHandlers() {}

  public static void register(OcppEndpoint session, Station station) {
    session.handle(
        ReserveNowRequest.class,
        r -> {
          // Connector 0: any connector (ReserveConnectorZeroSupported); an unknown one: Rejected.
          int connector = r.connectorId();
          if (connector < 0 || connector > station.evseCount()) {
            return new ReserveNowResponse(ReservationStatus.REJECTED);
          }
          Reservation reservation =
              new Reservation(
                  r.reservationId(),
                  connector == 0 ? null : connector,
                  null,
                  r.idTag(),
                  "",
                  r.parentIdTag(),
                  r.expiryDate());
          return new ReserveNowResponse(
              ReservationStatus.valueOf(station.reserve(reservation).name()));
        });
    session.handle(
        CancelReservationRequest.class,
        r ->
            new CancelReservationResponse(
                station.cancelReservation(r.reservationId())
                    ? CancelReservationStatus.ACCEPTED
                    : CancelReservationStatus.REJECTED));
  }
}
