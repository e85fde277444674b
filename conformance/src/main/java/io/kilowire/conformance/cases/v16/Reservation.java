package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.cases.v16.Messages.authorize;
import static io.kilowire.conformance.cases.v16.Messages.status;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Expect.that;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;
import static io.kilowire.conformance.script.Verbs.waitFor;

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
import java.util.function.Function;

/** The OCPP 1.6 Reservation profile's Central System cases. */
public final class Reservation {
  /** The case variable holding the reservationId the Central System chose. */
  static final String RESERVATION_ID = "reservationId";

  static final String EXPIRY = "reservationExpiry";

  private Reservation() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        start("TC_046_CSMS", "Reserve a connector, then charge with the reserved idTag")
            .main(
                reserved(),
                States.authorized(),
                exchange("StatusNotification", status("Preparing")),
                startWithReservation(TokenRole.VALID),
                exchange("StatusNotification", status("Charging"))),
        start("TC_047_CSMS", "A reservation of a connector expires unused")
            .main(
                reserve(
                    ctx -> reserveFor(ctx, Messages.connector(ctx)).put("expiryDate", soon(ctx)),
                    "Make the Central System reserve the configured connector for the valid"
                        + " idTag until the expiryDate given (timeouts.reservation from now)",
                    connectorIsConfigured()),
                respond(obj("status", "Accepted")),
                exchange("StatusNotification", status("Reserved")),
                waitUntilExpiry(),
                exchange("StatusNotification", status("Available"))),
        start("TC_048_1_CSMS", "A reservation of a faulted connector is answered Faulted")
            .main(
                exchange("StatusNotification", status("Faulted", "OtherError")),
                reserveConfigured(),
                respond(obj("status", "Faulted"))),
        start("TC_048_2_CSMS", "A reservation of an occupied connector is answered Occupied")
            .main(
                exchange("StatusNotification", status("Preparing")),
                reserveConfigured(),
                respond(obj("status", "Occupied"))),
        start("TC_048_3_CSMS", "A reservation of an unavailable connector is answered Unavailable")
            .main(
                trigger(
                    "ChangeAvailability",
                    ctx -> obj("connectorId", Messages.connector(ctx), "type", "Inoperative"),
                    "Make the Central System set the configured connector Inoperative"),
                expectCall(
                    "ChangeAvailability",
                    check("connectorId", is("the configured connector", Messages::connector)),
                    check("type", is("Inoperative"))),
                respond(obj("status", "Accepted")),
                exchange("StatusNotification", status("Unavailable")),
                reserveConfigured(),
                respond(obj("status", "Unavailable"))),
        start("TC_048_4_CSMS", "A charge point that takes no reservations rejects one")
            .main(reserveConfigured(), respond(obj("status", "Rejected"))),
        start("TC_049_CSMS", "Reserve the charge point (connector 0)")
            .main(
                reserve(
                    ctx -> reserveFor(ctx, 0),
                    "Make the Central System reserve any connector of this charge point for the"
                        + " valid idTag",
                    check("connectorId", is(0))),
                respond(obj("status", "Accepted")),
                exchange("StatusNotification", status("Reserved"))),
        start("TC_051_CSMS", "Cancel a reservation")
            .main(
                reserved(),
                cancel(),
                respond(obj("status", "Accepted")),
                exchange("StatusNotification", status("Available"))),
        start("TC_052_CSMS", "A cancellation the charge point rejects")
            .main(reserved(), cancel(), respond(obj("status", "Rejected"))),
        start("TC_053_CSMS", "A reserved connector used by another idTag of the parent idTag")
            .main(
                reserve(
                    ctx ->
                        reserveFor(ctx, Messages.connector(ctx))
                            .put("parentIdTag", Messages.idTag(ctx, TokenRole.GROUP)),
                    "Make the Central System reserve the configured connector for the valid"
                        + " idTag and its parent idTag",
                    check("connectorId", that("not 0", v -> v.asInt() != 0)),
                    check("parentIdTag", present())),
                respond(obj("status", "Accepted")),
                exchange("StatusNotification", status("Reserved")),
                exchange(
                    "Authorize",
                    authorize(TokenRole.VALID2),
                    check("idTagInfo.status", is("Accepted"))),
                exchange("StatusNotification", status("Preparing")),
                startWithReservation(TokenRole.VALID2),
                exchange("StatusNotification", status("Charging"))));
  }

  private static ConformanceCase.Builder start(String id, String title) {
    return Start.of(id, title, Profile.RESERVATION);
  }

  /** The configured connector reserved for the valid idTag, reported Reserved. */
  static Step.State reserved() {
    return state(
        "Reserved",
        reserveConfigured(),
        respond(obj("status", "Accepted")),
        exchange("StatusNotification", status("Reserved")));
  }

  private static List<Step> reserveConfigured() {
    return reserve(
        ctx -> reserveFor(ctx, Messages.connector(ctx)),
        "Make the Central System reserve the configured connector for the valid idTag",
        connectorIsConfigured());
  }

  private static List<Step> reserve(
      Function<CaseContext, com.fasterxml.jackson.databind.node.ObjectNode> payload,
      String instruction,
      Check... more) {
    List<Check> checks = new ArrayList<>();
    checks.add(check("idTag", is("the valid idTag", ctx -> Messages.idTag(ctx, TokenRole.VALID))));
    checks.addAll(List.of(more));
    return steps(
        trigger("ReserveNow", payload::apply, instruction),
        expectCall("ReserveNow", checks.toArray(Check[]::new))
            .capture("reservationId", RESERVATION_ID)
            .capture("expiryDate", EXPIRY));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode reserveFor(
      CaseContext ctx, int connectorId) {
    return obj("connectorId", connectorId, "idTag", Messages.idTag(ctx, TokenRole.VALID));
  }

  private static Check connectorIsConfigured() {
    return check("connectorId", is("the configured connector", Messages::connector));
  }

  private static String soon(CaseContext ctx) {
    return ctx.now()
        .plus(ctx.lab().timeouts().reservation())
        .truncatedTo(ChronoUnit.SECONDS)
        .toString();
  }

  private static List<Step> cancel() {
    return steps(
        trigger(
            "CancelReservation",
            ctx -> obj("reservationId", ctx.var(RESERVATION_ID)),
            "Make the Central System cancel the reservation it just made"),
        expectCall("CancelReservation", check("reservationId", isVar(RESERVATION_ID))));
  }

  /** StartTransaction carrying the reservation's id; its transactionId kept. */
  private static List<Step> startWithReservation(TokenRole token) {
    Payload start =
        ctx -> {
          ctx.set(Messages.OPEN, true);
          return obj(
              "connectorId",
              Messages.connector(ctx),
              "idTag",
              Messages.idTag(ctx, token),
              "meterStart",
              0,
              "reservationId",
              ctx.var(RESERVATION_ID),
              "timestamp",
              ctx.now());
        };
    return steps(
        send("StartTransaction", start),
        expectResult(check("idTagInfo.status", is("Accepted")))
            .capture("transactionId", Messages.TRANSACTION_ID));
  }

  private static Step waitUntilExpiry() {
    return expand(
        "wait until the reservation expires",
        ctx -> {
          Duration left = ctx.lab().timeouts().reservation();
          try {
            left = Duration.between(ctx.now(), Instant.parse(ctx.text(EXPIRY)));
          } catch (RuntimeException e) {
            // no usable expiryDate: wait the time the case asked for
          }
          return List.of(waitFor(left.isNegative() ? Duration.ZERO : left.plusSeconds(1)));
        });
  }
}
