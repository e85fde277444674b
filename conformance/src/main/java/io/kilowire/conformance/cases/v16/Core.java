package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.cases.v16.Messages.authorize;
import static io.kilowire.conformance.cases.v16.Messages.status;
import static io.kilowire.conformance.cases.v16.Messages.stopTransaction;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.isVar;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.List;

/** The OCPP 1.6 Core profile's Central System cases. */
public final class Core {
  private Core() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        ConformanceCase.v16("TC_001_CSMS", "Cold boot of a known charge point", Profile.CORE)
            .main(
                States.booted(),
                exchange("Heartbeat", ctx -> obj(), check("currentTime", present()))),
        Start.of("TC_003_CSMS", "Charging session: cable plugged in first", Profile.CORE)
            .main(
                exchange("StatusNotification", status("Preparing")),
                States.authorized(),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        Start.of("TC_004_1_CSMS", "Charging session: identification first", Profile.CORE)
            .main(
                States.authorized(),
                exchange("StatusNotification", status("Preparing")),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        Start.of("TC_010_CSMS", "Remote start: cable plugged in first", Profile.CORE)
            .main(
                exchange("StatusNotification", status("Preparing")),
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                States.authorized(),
                States.started(),
                exchange("StatusNotification", status("Charging"))),
        Start.of("TC_012_CSMS", "Remote stop of a running transaction", Profile.CORE)
            .before(States.charging())
            .main(
                trigger(
                    "RemoteStopTransaction",
                    ctx -> obj("transactionId", ctx.var(Messages.TRANSACTION_ID)),
                    "Make the Central System stop the transaction running on this charge point"),
                expectCall(
                    "RemoteStopTransaction",
                    check("transactionId", isVar(Messages.TRANSACTION_ID))),
                respond(obj("status", "Accepted")),
                exchange("StopTransaction", stopTransaction("Remote", TokenRole.VALID)),
                exchange("StatusNotification", status("Finishing")),
                exchange("StatusNotification", status("Available"))),
        Start.of("TC_023_1_CSMS", "Authorize: an invalid idTag is refused", Profile.CORE)
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.INVALID),
                    check("idTagInfo.status", is("Invalid")))),
        Start.of("TC_023_2_CSMS", "Authorize: an expired idTag is refused", Profile.CORE)
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.EXPIRED),
                    check("idTagInfo.status", is("Expired")))),
        Start.of("TC_023_3_CSMS", "Authorize: a blocked idTag is refused", Profile.CORE)
            .main(
                exchange(
                    "Authorize",
                    authorize(TokenRole.BLOCKED),
                    check("idTagInfo.status", is("Blocked")))));
  }

  static Step remoteStart() {
    return trigger(
        "RemoteStartTransaction",
        ctx ->
            obj(
                "connectorId",
                Messages.connector(ctx),
                "idTag",
                Messages.idTag(ctx, TokenRole.VALID)),
        "Make the Central System start a transaction on this charge point for the valid idTag");
  }

  static Step.ExpectCall expectRemoteStart() {
    return expectCall(
        "RemoteStartTransaction",
        check("idTag", is("the valid idTag", ctx -> Messages.idTag(ctx, TokenRole.VALID))));
  }
}
