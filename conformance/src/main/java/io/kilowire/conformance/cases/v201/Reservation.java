package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.idToken;
import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;
import static io.kilowire.conformance.script.Verbs.waitFor;
import static io.kilowire.conformance.script.Verbs.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.CaseContext;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Block H, Reservation: reserve an EVSE, any EVSE or a connector type, cancel, expiry, removal. */
public final class Reservation {
  /** The case variable holding the id of the CSMS's reservation. */
  static final String RESERVATION_ID = "reservationId";

  /** The case variable holding the reservation's expiry. */
  static final String EXPIRY = "reservationExpiry";

  /** The connector type the cases reserve: every configured EVSE has a Type 2 socket. */
  static final String CONNECTOR_TYPE = "cType2";

  private Reservation() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        start("TC_H_01_CSMS", "Reserve a specific EVSE for the valid token")
            .useCases("H01", "H03")
            .main(reserved()),
        start("TC_H_07_CSMS", "A reservation of a specific EVSE ends unused at its expiry")
            .useCases("H01", "H04")
            .main(
                trigger(
                    "ReserveNow",
                    ctx ->
                        request(ctx, TokenRole.VALID)
                            .put("evseId", Messages.activeEvse(ctx))
                            .put(
                                "expiryDateTime",
                                ctx.now()
                                    .plus(ctx.lab().timeouts().reservation())
                                    .truncatedTo(ChronoUnit.SECONDS)
                                    .toString()),
                    "Make the CSMS reserve the configured EVSE for the valid token until the"
                        + " expiryDateTime given (timeouts.reservation from now)"),
                expectReserveNow(evseIsConfigured(), check("connectorType", absent())),
                respond(obj("status", "Accepted")),
                States.connectorReport("Reserved"),
                waitUntilExpiry(),
                States.connectorReport("Available"),
                exchange("ReservationStatusUpdate", statusUpdate("Expired"))),
        start("TC_H_08_CSMS", "Reserve an unspecified EVSE")
            .useCases("H01", "H03")
            .main(
                reserveAny(),
                respond(obj("status", "Accepted")),
                when(
                    "the station has one EVSE",
                    ctx -> ctx.lab().evses().size() == 1,
                    States.connectorReport("Reserved"))),
        start(
                "TC_H_14_CSMS",
                "As many reservations of unspecified EVSEs as EVSEs: all become Reserved")
            .useCases("H01")
            .main(
                expand(
                    "one reservation per EVSE",
                    ctx -> {
                      List<Step> out = new ArrayList<>();
                      for (int i = 0; i < ctx.lab().evses().size(); i++) {
                        out.addAll(steps(reserveAny(), respond(obj("status", "Accepted"))));
                      }
                      return out;
                    }),
                States.everyConnector("Reserved")),
        start("TC_H_15_CSMS", "Reserve a connector of a type")
            .useCases("H01", "H03")
            .main(
                trigger(
                    "ReserveNow",
                    ctx -> request(ctx, TokenRole.VALID).put("connectorType", CONNECTOR_TYPE),
                    "Make the CSMS reserve a " + CONNECTOR_TYPE + " connector for the valid token"),
                expectReserveNow(
                    check("evseId", absent()), check("connectorType", is(CONNECTOR_TYPE))),
                respond(obj("status", "Accepted")),
                States.connectorReport("Reserved")),
        start("TC_H_17_CSMS", "Cancel the reservation of an EVSE")
            .useCases("H02")
            .main(
                reserved(),
                trigger(
                    "CancelReservation",
                    ctx -> obj("reservationId", ctx.var(RESERVATION_ID)),
                    "Make the CSMS cancel the reservation it just made"),
                expectCall("CancelReservation", check("reservationId", isVar(RESERVATION_ID))),
                respond(obj("status", "Accepted")),
                States.connectorReport("Available")),
        start("TC_H_19_CSMS", "Reserve a specific EVSE for a group")
            .useCases("H01", "H03")
            .main(
                trigger(
                    "ReserveNow",
                    ctx ->
                        request(ctx, TokenRole.VALID)
                            .put("evseId", Messages.activeEvse(ctx))
                            .set("groupIdToken", idToken(ctx, TokenRole.GROUP)),
                    "Make the CSMS reserve the configured EVSE for the valid token's group"),
                expectReserveNow(
                    evseIsConfigured(),
                    check("connectorType", absent()),
                    check("groupIdToken", present())),
                respond(obj("status", "Accepted")),
                States.connectorReport("Reserved")),
        start("TC_H_20_CSMS", "The station removes a reservation when its EVSE faults")
            .useCases("H01")
            .requirements("H01.FR.16")
            .main(
                reserved(),
                States.connectorReport("Faulted"),
                exchange("ReservationStatusUpdate", statusUpdate("Removed"))),
        start("TC_H_22_CSMS", "A station that does not take reservations rejects one")
            .useCases("H01")
            .requirements("H01.FR.01")
            .main(
                trigger(
                    "ReserveNow",
                    ctx -> request(ctx, TokenRole.VALID).put("evseId", Messages.activeEvse(ctx)),
                    "Make the CSMS reserve the configured EVSE for the valid token"),
                expectReserveNow(evseIsConfigured()),
                respond(obj("status", "Rejected"))));
  }

  private static ConformanceCase.Builder start(String id, String title) {
    return Start.of(id, title).profile(Profile.RESERVATION);
  }

  /** Part 6's reusable state Reserved (CSMS side) for the configured EVSE. */
  static Step.State reserved() {
    return state(
        "Reserved",
        trigger(
            "ReserveNow",
            ctx -> request(ctx, TokenRole.VALID).put("evseId", Messages.activeEvse(ctx)),
            "Make the CSMS reserve the configured EVSE for the valid token"),
        expectReserveNow(evseIsConfigured(), check("connectorType", absent())),
        respond(obj("status", "Accepted")),
        States.connectorReport("Reserved"));
  }

  /** Asks for, and expects, a reservation of any EVSE for the valid token. */
  private static List<Step> reserveAny() {
    return steps(
        trigger(
            "ReserveNow",
            ctx -> request(ctx, TokenRole.VALID),
            "Make the CSMS reserve any EVSE of this station for the valid token"),
        expectReserveNow(check("evseId", absent()), check("connectorType", absent())));
  }

  private static ObjectNode request(CaseContext ctx, TokenRole token) {
    return obj("idToken", idToken(ctx, token));
  }

  /** The CSMS's ReserveNow for the valid token; keeps its id and expiry. */
  private static Step.ExpectCall expectReserveNow(Check... more) {
    List<Check> checks = new ArrayList<>();
    checks.add(
        check(
            "idToken.idToken", is("the valid token", ctx -> ctx.token(TokenRole.VALID).idToken())));
    checks.add(check("idToken.type", is("its type", ctx -> ctx.token(TokenRole.VALID).type())));
    checks.addAll(List.of(more));
    return expectCall("ReserveNow", checks.toArray(Check[]::new))
        .capture("id", RESERVATION_ID)
        .capture("expiryDateTime", EXPIRY);
  }

  private static Check evseIsConfigured() {
    return check("evseId", is("the configured EVSE", Messages::activeEvse));
  }

  /** The station side waits until the reservation's expiry has passed. */
  static Step waitUntilExpiry() {
    return expand(
        "wait until the reservation expires",
        ctx -> {
          Instant expiry = expiry(ctx);
          Duration left =
              expiry == null
                  ? ctx.lab().timeouts().reservation()
                  : Duration.between(ctx.now(), expiry);
          return List.of(waitFor(left.isNegative() ? Duration.ZERO : left.plusSeconds(1)));
        });
  }

  private static @Nullable Instant expiry(CaseContext ctx) {
    try {
      return Instant.parse(ctx.text(EXPIRY));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Payload statusUpdate(String status) {
    return ctx -> obj("reservationId", ctx.var(RESERVATION_ID), "reservationUpdateStatus", status);
  }
}
