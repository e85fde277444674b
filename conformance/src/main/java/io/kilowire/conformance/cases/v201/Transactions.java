package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.authorize;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.absent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Expect.oneOf;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.compute;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.reconnect;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Features;
import io.kilowire.conformance.script.Credentials;
import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.List;

/** Block E, Transactions: start and stop points, transaction status, sequence numbers. */
public final class Transactions {
  private Transactions() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_E_01_CSMS", "Start point PowerPathClosed")
            .useCases("E01")
            .requirements("E01.FR.05")
            .main(
                authorizeValid(),
                States.connectorReport("Occupied"),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "ChargingStateChanged")
                        .idToken(TokenRole.VALID)
                        .chargingState("SuspendedEVSE"),
                    accepted()),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "ChargingStateChanged").chargingState("Charging"))),
        Start.of("TC_E_02_CSMS", "Start point EnergyTransfer")
            .useCases("E01")
            .requirements("E01.FR.06")
            .main(
                authorizeValid(),
                States.connectorReport("Occupied"),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "ChargingStateChanged")
                        .idToken(TokenRole.VALID)
                        .chargingState("Charging"),
                    accepted())),
        Start.of("TC_E_03_CSMS", "Local start: cable plugged in first")
            .useCases("E02")
            .requirements("E02.FR.02")
            .before(States.evConnectedPreSession())
            .main(States.authorized(), States.energyTransferStarted()),
        Start.of("TC_E_04_CSMS", "Local start: token presented first")
            .useCases("E03")
            .requirements("E03.FR.02")
            .main(States.authorized(), States.energyTransferStarted()),
        Start.of("TC_E_39_CSMS", "Stop: deauthorized when the EV is not connected in time")
            .useCases("E03", "E06")
            .requirements("E03.FR.04", "E03.FR.05", "E06.FR.04")
            .before(States.authorized())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "EVConnectTimeout").stoppedReason("Timeout"))),
        Start.of("TC_E_14_CSMS", "Stop point EVDisconnected, station side")
            .useCases("E06")
            .requirements("E06.FR.02")
            .before(
                States.energyTransferStarted(),
                States.stopAuthorized(),
                States.evConnectedPostSession())
            .main(States.evDisconnected()),
        Start.of("TC_E_20_CSMS", "Stop point EVDisconnected, EV side")
            .useCases("E06", "E10")
            .requirements("E06.FR.02")
            .before(States.energyTransferSuspended())
            .main(States.evDisconnected()),
        Start.of("TC_E_15_CSMS", "Stop point StopAuthorized, stopped locally")
            .useCases("E06")
            .requirements("E06.FR.03")
            .before(States.energyTransferStarted())
            .main(endedLocally("StopAuthorized", null)),
        Start.of("TC_E_21_CSMS", "Stop: the CSMS stops the transaction remotely")
            .useCases("E06", "F03")
            .requirements("E06.FR.03", "F03.FR.01", "F03.FR.09", "F03.FR.10")
            .before(States.energyTransferStarted())
            .main(
                trigger(
                    "RequestStopTransaction",
                    ctx -> obj("transactionId", Messages.transactionId(ctx)),
                    "Make the CSMS stop the transaction running on this station"),
                expectCall(
                    "RequestStopTransaction",
                    check("transactionId", Messages.isTransactionId(), "F03.FR.01")),
                respond(obj("status", "Accepted")),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "RemoteStop").stoppedReason("Remote"))),
        Start.of("TC_E_09_CSMS", "Start point EVConnected")
            .useCases("E01")
            .requirements("E01.FR.02")
            .main(States.evConnectedPreSession()),
        Start.of("TC_E_10_CSMS", "Start point Authorized, local")
            .useCases("E01")
            .requirements("E01.FR.03")
            .main(
                authorizeValid(),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "Authorized").idToken(TokenRole.VALID),
                    accepted())),
        Start.of("TC_E_11_CSMS", "Start point DataSigned")
            .useCases("E01")
            .requirements("E01.FR.04")
            .main(
                authorizeValid(),
                States.connectorReport("Occupied"),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "SignedDataReceived")
                        .idToken(TokenRole.VALID)
                        .meterValue("Transaction.Begin")
                        .signed(),
                    accepted()),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "ChargingStateChanged").chargingState("Charging"))),
        Start.of("TC_E_12_CSMS", "Start point ParkingBayOccupied")
            .useCases("E01")
            .requirements("E01.FR.01")
            .main(exchange("TransactionEvent", transactionEvent("Started", "EVDetected"))),
        Start.of("TC_E_38_CSMS", "Local start: the EV is not ready yet")
            .useCases("E03")
            .before(States.authorized())
            .main(
                States.evConnectedPreSession(),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "ChargingStateChanged")
                        .chargingState("SuspendedEV"))),
        Start.of("TC_E_07_CSMS", "Stop point PowerPathClosed, stopped locally")
            .useCases("E06")
            .requirements("E06.FR.06")
            .before(States.energyTransferStarted())
            .main(endedLocally("StopAuthorized", null)),
        Start.of("TC_E_08_CSMS", "Stop point EnergyTransfer, stop authorized")
            .useCases("E06")
            .requirements("E06.FR.07")
            .before(States.energyTransferStarted(), States.stopAuthorized())
            .main(endedLocally("ChargingStateChanged", "EVConnected")),
        Start.of("TC_E_16_CSMS", "Stop: deauthorized by the CSMS's verdict on the token")
            .useCases("E06")
            .requirements("E06.FR.04", "E01.FR.11", "E01.FR.12")
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Started", "Authorized").idToken(TokenRole.INVALID),
                    check("idTokenInfo.status", oneOf("Invalid", "Unknown"), "E01.FR.11")),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "Deauthorized").stoppedReason("DeAuthorized"))),
        Start.of("TC_E_17_CSMS", "Stop: deauthorized when the EV side disconnects")
            .useCases("E06")
            .requirements("E06.FR.04")
            .before(States.energyTransferSuspended())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "EVCommunicationLost")
                        .chargingState("Idle")
                        .stoppedReason("EVDisconnected"))),
        Start.of("TC_E_22_CSMS", "Stop point EnergyTransfer, suspended by the EV")
            .useCases("E06")
            .requirements("E06.FR.07")
            .before(States.energyTransferStarted())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "ChargingStateChanged")
                        .chargingState("SuspendedEV")
                        .stoppedReason("StoppedByEV"))),
        Start.of("TC_E_19_CSMS", "Stop point ParkingBayUnoccupied")
            .useCases("E06")
            .requirements("E06.FR.01")
            .before(
                States.energyTransferStarted(),
                States.stopAuthorized(),
                States.evConnectedPostSession(),
                state(
                    "EVDisconnected (the transaction goes on until the bay is free)",
                    States.connectorReport("Available"),
                    exchange(
                        "TransactionEvent",
                        transactionEvent("Updated", "EVCommunicationLost").chargingState("Idle"))))
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "EVDeparted").stoppedReason("Local"))),
        Start.of("TC_E_26_CSMS", "EV-side disconnect suspends the transaction; charging resumes")
            .useCases("E10")
            .requirements("E10.FR.01")
            .before(States.energyTransferSuspended())
            .main(
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "EVCommunicationLost").chargingState("Idle")),
                States.connectorReport("Available"),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "CablePluggedIn").chargingState("EVConnected")),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "ChargingStateChanged").chargingState("Charging"))),
        Start.of("TC_E_29_CSMS", "Transaction status: ongoing, with messages queued")
            .useCases("E14")
            .requirements("E14.FR.02", "E14.FR.04")
            .features(Features.has("C-16"))
            .before(States.energyTransferStarted())
            .main(
                reconnect(Credentials.configured()),
                transactionStatus(true),
                respond(obj("ongoingIndicator", true, "messagesInQueue", true)),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "MeterValuePeriodic")
                        .meterValue("Sample.Periodic")
                        .offline())),
        Start.of("TC_E_30_CSMS", "Transaction status: ongoing, nothing queued")
            .useCases("E14")
            .requirements("E14.FR.02", "E14.FR.05")
            .features(Features.has("C-16"))
            .before(States.energyTransferStarted())
            .main(
                transactionStatus(true),
                respond(obj("ongoingIndicator", true, "messagesInQueue", false))),
        Start.of("TC_E_31_CSMS", "Transaction status: ended, with messages queued")
            .useCases("E14")
            .requirements("E14.FR.03", "E14.FR.04")
            .features(Features.has("C-16"))
            .before(States.energyTransferStarted())
            .main(
                reconnect(Credentials.configured()),
                compute(
                    "the two sequence numbers still queued",
                    ctx -> ctx.set("skipped", ctx.var(Messages.key(ctx, Messages.SEQ_NO)).asInt())),
                exchange("StatusNotification", Messages.status("Available")),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Ended", "EVCommunicationLost")
                        .chargingState("Idle")
                        .stoppedReason("EVDisconnected")
                        .offline()
                        .seqNo("skipped", 2)),
                transactionStatus(true),
                respond(obj("ongoingIndicator", false, "messagesInQueue", true)),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "StopAuthorized").offline().seqNo("skipped", 0)),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "ChargingStateChanged")
                        .chargingState("EVConnected")
                        .offline()
                        .seqNo("skipped", 1))),
        Start.of("TC_E_33_CSMS", "Transaction status without a transaction id: messages queued")
            .useCases("E14")
            .requirements("E14.FR.06", "E14.FR.07")
            .features(Features.has("C-16"))
            .before(States.energyTransferStarted())
            .main(
                reconnect(Credentials.configured()),
                transactionStatus(false),
                respond(obj("messagesInQueue", true)),
                exchange(
                    "TransactionEvent",
                    transactionEvent("Updated", "MeterValuePeriodic")
                        .meterValue("Sample.Periodic")
                        .offline())),
        Start.of("TC_E_34_CSMS", "Transaction status without a transaction id: nothing queued")
            .useCases("E14")
            .requirements("E14.FR.06", "E14.FR.08")
            .features(Features.has("C-16"))
            .main(transactionStatus(false), respond(obj("messagesInQueue", false))),
        Start.of("TC_E_53_CSMS", "Sequence numbers start at 0 for every transaction")
            .useCases("E01")
            .requirements("E01.FR.07")
            .main(
                States.energyTransferStarted(),
                States.evDisconnected(),
                States.energyTransferStarted(),
                States.evDisconnected()));
  }

  private static List<Step> authorizeValid() {
    return exchange(
        "Authorize", authorize(TokenRole.VALID), check("idTokenInfo.status", is("Accepted")));
  }

  private static io.kilowire.conformance.script.Check accepted() {
    return check("idTokenInfo.status", is("Accepted"));
  }

  private static List<Step> endedLocally(
      String triggerReason, @org.jspecify.annotations.Nullable String chargingState) {
    Messages.TransactionEvent event =
        transactionEvent("Ended", triggerReason).stoppedReason("Local");
    if (chargingState != null) {
      event.chargingState(chargingState);
    }
    return steps(exchange("TransactionEvent", event));
  }

  /** The CSMS asks for the transaction's status, with or without its id. */
  private static List<Step> transactionStatus(boolean withId) {
    return steps(
        trigger(
            "GetTransactionStatus",
            withId ? ctx -> obj("transactionId", Messages.transactionId(ctx)) : Payload.empty(),
            withId
                ? "Make the CSMS ask this station for the status of its transaction"
                : "Make the CSMS ask this station whether transaction messages are queued"),
        withId
            ? expectCall(
                "GetTransactionStatus",
                check("transactionId", Messages.isTransactionId(), "E14.FR.02"))
            : expectCall("GetTransactionStatus", check("transactionId", absent(), "E14.FR.06")));
  }
}
