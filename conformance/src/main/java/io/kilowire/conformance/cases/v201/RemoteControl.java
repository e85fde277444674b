package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.authorize;
import static io.kilowire.conformance.cases.v201.Messages.idToken;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.Check;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.ArrayList;
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
        Start.of("TC_F_02_CSMS", "Remote start first, the station authorizes the remote start")
            .useCases("F02")
            .requirements("F02.FR.01", "F01.FR.01")
            .main(
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                exchange(
                    "Authorize",
                    authorize(TokenRole.VALID),
                    check("idTokenInfo.status", is("Accepted"), "F01.FR.01")),
                exchange(
                    "TransactionEvent", transactionEvent("Started", "RemoteStart").remoteStartId()),
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
                States.energyTransferStarted()),
        Start.of("TC_F_04_CSMS", "Remote start first, the cable is not plugged in in time")
            .useCases("F02", "E03")
            .requirements("E03.FR.04", "E03.FR.05")
            .main(
                remoteStart(),
                expectRemoteStart(),
                respond(obj("status", "Accepted")),
                exchange(
                    "TransactionEvent", transactionEvent("Started", "RemoteStart").remoteStartId()),
                exchange("TransactionEvent", transactionEvent("Updated", "EVConnectTimeout"))),
        Start.of("TC_F_06_CSMS", "Unlock a connector without a transaction")
            .useCases("F05")
            .features(Features.has("C-11"))
            .main(
                trigger(
                    "UnlockConnector",
                    ctx -> obj("evseId", ctx.evseId(), "connectorId", ctx.connectorId()),
                    "Make the CSMS unlock the configured connector of this station"),
                expectCall(
                    "UnlockConnector",
                    check("evseId", is("the configured EVSE", ctx -> ctx.evseId())),
                    check("connectorId", is("the configured connector", ctx -> ctx.connectorId()))),
                respond(obj("status", "Unlocked"))),
        Start.of("TC_F_11_CSMS", "Trigger MeterValues for one EVSE")
            .useCases("F06")
            .requirements("F06.FR.01", "F06.FR.02")
            .features(Features.has("C-29.1"))
            .main(
                triggered("MeterValues", true),
                exchange("MeterValues", Messages.meterValuesRequest("Trigger", null))),
        Start.of("TC_F_12_CSMS", "Trigger MeterValues for all EVSEs")
            .useCases("F06")
            .requirements("F06.FR.01")
            .features(Features.has("C-29.1"))
            .main(
                triggered("MeterValues", false),
                expand(
                    "MeterValues of every EVSE",
                    ctx -> {
                      List<Step> out = new ArrayList<>();
                      for (LabConfiguration.Evse e : ctx.lab().evses()) {
                        out.addAll(
                            exchange(
                                "MeterValues", Messages.meterValuesRequest("Trigger", e.id())));
                      }
                      return out;
                    })),
        Start.of("TC_F_13_CSMS", "Trigger TransactionEvent for one EVSE")
            .useCases("F06")
            .requirements("F06.FR.01", "F06.FR.02")
            .features(Features.has("C-29.2"))
            .before(States.energyTransferStarted())
            .main(triggered("TransactionEvent", true), triggeredTransactionEvent()),
        Start.of("TC_F_14_CSMS", "Trigger TransactionEvent for all EVSEs")
            .useCases("F06")
            .requirements("F06.FR.01")
            .features(Features.has("C-29.2"))
            .before(States.energyTransferStarted())
            .main(triggered("TransactionEvent", false), triggeredTransactionEvent()),
        Start.of("TC_F_15_CSMS", "Trigger LogStatusNotification while idle")
            .useCases("F06")
            .requirements("F06.FR.01")
            .features(Features.has("C-29.3"))
            .main(
                triggered("LogStatusNotification", false),
                exchange("LogStatusNotification", Payload.of(obj("status", "Idle")))),
        Start.of("TC_F_18_CSMS", "Trigger FirmwareStatusNotification while idle")
            .useCases("F06")
            .requirements("F06.FR.01")
            .features(Features.has("C-29.4"))
            .main(
                triggered("FirmwareStatusNotification", false),
                exchange("FirmwareStatusNotification", Payload.of(obj("status", "Idle")))),
        Start.of("TC_F_20_CSMS", "Trigger Heartbeat")
            .useCases("F06")
            .requirements("F06.FR.01")
            .main(triggered("Heartbeat", false), exchange("Heartbeat", Payload.empty())),
        Start.of("TC_F_23_CSMS", "Trigger StatusNotification for an available EVSE")
            .useCases("F06")
            .requirements("F06.FR.01", "F06.FR.02", "F06.FR.13")
            .features(Features.has("C-29.5"))
            .main(triggered("StatusNotification", true), States.connectorReport("Available")),
        Start.of("TC_F_24_CSMS", "Trigger StatusNotification for an occupied EVSE")
            .useCases("F06")
            .requirements("F06.FR.01", "F06.FR.02", "F06.FR.13")
            .features(Features.has("C-29.5"))
            .main(
                States.connectorReport("Occupied"),
                triggered("StatusNotification", true),
                States.connectorReport("Occupied")),
        Start.of("TC_F_27_CSMS", "Trigger a message the station does not implement")
            .useCases("F06")
            .requirements("F06.FR.08")
            .main(
                trigger(
                    "TriggerMessage",
                    Payload.of(obj("requestedMessage", "SignCombinedCertificate")),
                    "Make the CSMS ask this station, with TriggerMessage, for a"
                        + " SignCombinedCertificate request"),
                expectCall("TriggerMessage"),
                respond(obj("status", "NotImplemented"))));
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

  /** The CSMS triggers {@code message}, for the configured EVSE or for all; accepted. */
  private static List<Step> triggered(String message, boolean forEvse) {
    return steps(
        trigger(
            "TriggerMessage",
            ctx ->
                obj(
                    "requestedMessage",
                    message,
                    "evse",
                    forEvse ? obj("id", Messages.activeEvse(ctx)) : null),
            "Make the CSMS ask this station, with TriggerMessage, for "
                + message
                + (forEvse ? " of the configured EVSE" : "")),
        forEvse
            ? expectCall(
                "TriggerMessage",
                check("requestedMessage", is(message), "F06.FR.01"),
                check("evse.id", is("the configured EVSE", Messages::activeEvse), "F06.FR.02"))
            : expectCall(
                "TriggerMessage",
                check("requestedMessage", is(message), "F06.FR.01"),
                check("evse", absent())),
        respond(obj("status", "Accepted")));
  }

  private static List<Step> triggeredTransactionEvent() {
    return exchange(
        "TransactionEvent",
        transactionEvent("Updated", "Trigger").chargingState("Charging").meterValue("Trigger"));
  }
}
