package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.idToken;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.List;

/** Block F, Remote control: remote start and stop, unlock, trigger messages. */
public final class RemoteControl {
  private RemoteControl() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_F_01_CSMS", "Remote start: cable plugged in first")
            .useCases("F01")
            .before(States.evConnectedPreSession())
            .main(
                remoteStart(),
                expectRemoteStart(),
                respond(
                    ctx -> obj("status", "Accepted", "transactionId", Messages.transactionId(ctx))),
                exchange(
                    "TransactionEvent", transactionEvent("Updated", "RemoteStart").remoteStartId()),
                States.flag(States.AUTHORIZED, true),
                States.energyTransferStarted()),
        Start.of("TC_F_03_CSMS", "Remote start first, without authorizing the remote start")
            .useCases("F02")
            .requirements("F02.FR.01", "F01.FR.02")
            .main(
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                exchange(
                    "TransactionEvent", transactionEvent("Started", "RemoteStart").remoteStartId()),
                States.flag(States.AUTHORIZED, true),
                States.energyTransferStarted()));
  }

  /** Asks the CSMS to start a transaction for the valid token on the configured EVSE. */
  static Step remoteStart() {
    return trigger(
        "RequestStartTransaction",
        ctx -> obj("idToken", idToken(ctx, TokenRole.VALID), "evseId", Messages.activeEvse(ctx)),
        "Make the CSMS start a transaction on this station for the valid token");
  }

  /** The CSMS's RequestStartTransaction for the valid token; keeps its remoteStartId. */
  static Step.ExpectCall expectRemoteStart(Check... more) {
    Check[] checks = new Check[2 + more.length];
    checks[0] =
        check(
            "idToken.idToken", is("the valid token", ctx -> ctx.token(TokenRole.VALID).idToken()));
    checks[1] = check("idToken.type", is("its type", ctx -> ctx.token(TokenRole.VALID).type()));
    System.arraycopy(more, 0, checks, 2, more.length);
    return expectCall("RequestStartTransaction", checks)
        .capture("remoteStartId", Messages.REMOTE_START_ID);
  }
}
