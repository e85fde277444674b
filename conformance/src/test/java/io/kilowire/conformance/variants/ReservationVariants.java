package io.kilowire.conformance.variants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** The faulty variants of the reservation cases (2.0.1 block H, the 1.6 Reservation profile). */
final class ReservationVariants {
  private ReservationVariants() {}

  static List<Variant> all() {
    return List.of(
        new Variant(
            "reserves-elsewhere",
            "reserves another EVSE or connector than asked, and drops the group") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            if (!action.equals("ReserveNow")) {
              return frame;
            }
            JsonNode p = payload(frame);
            if (p.has("connectorId")) {
              return set(frame, "connectorId", p.path("connectorId").asInt() == 0 ? 1 : 0);
            }
            remove(frame, "groupIdToken");
            remove(frame, "connectorType");
            return p.has("evseId")
                ? set(frame, "evseId", p.path("evseId").asInt() + 1)
                : set(frame, "evseId", 1);
          }
        },
        new Variant("cancels-another-reservation", "cancels a reservation it never made") {
          @Override
          ArrayNode call(String action, ArrayNode frame) {
            return action.equals("CancelReservation")
                ? set(frame, "reservationId", payload(frame).path("reservationId").asInt() + 1000)
                : frame;
          }
        },
        new Variant(
            "refuses-reservation-updates",
            "answers ReservationStatusUpdate with CALLERROR NotImplemented") {
          @Override
          ArrayNode result(String action, JsonNode request, ArrayNode frame) {
            return action.equals("ReservationStatusUpdate")
                ? error(frame, "NotImplemented")
                : frame;
          }
        });
  }
}
