package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.authorize;
import static io.kilowire.conformance.cases.v201.Messages.availabilityEvent;
import static io.kilowire.conformance.cases.v201.Messages.boot;
import static io.kilowire.conformance.cases.v201.Messages.status;
import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.compute;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.when;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The reusable states of Part 6 for a CSMS under test (section 3.18), played by the station side.
 * Where the document says "If State is NOT Authorized then ...", the state reads the case's flags
 * at run time; the transaction messages choose Started or Updated the same way.
 */
final class States {
  static final String AUTHORIZED = "authorized";
  static final String EV_CONNECTED = "evConnected";

  private States() {}

  /** Booted: a PowerUp boot, accepted, then every connector reported Available. */
  static Step.State booted() {
    return state("Booted", bootAccepted("PowerUp"), everyConnector("Available"));
  }

  /** A BootNotification with {@code reason} that the CSMS accepts. */
  static List<Step> bootAccepted(String reason) {
    return exchange("BootNotification", boot(reason), check("status", is("Accepted"), "B01.FR.02"));
  }

  /** StatusNotification and NotifyEvent {@code state} for every connector of every EVSE. */
  static Step everyConnector(String state) {
    return expand(
        "report every connector " + state,
        ctx -> {
          List<Step> out = new ArrayList<>();
          for (LabConfiguration.Evse evse : ctx.lab().evses()) {
            for (int c = 1; c <= evse.connectors(); c++) {
              out.addAll(connector(state, evse.id(), c));
            }
          }
          return out;
        });
  }

  /** StatusNotification and NotifyEvent {@code state} for the configured connector. */
  static List<Step> connectorReport(String state) {
    return steps(
        exchange("StatusNotification", status(state)),
        exchange("NotifyEvent", availabilityEvent(state, null, null)));
  }

  private static List<Step> connector(String state, int evseId, int connectorId) {
    return steps(
        exchange("StatusNotification", status(state, evseId, connectorId)),
        exchange("NotifyEvent", availabilityEvent(state, evseId, connectorId)));
  }

  static Step.State evConnectedPreSession() {
    return state(
        "EVConnectedPreSession",
        connectorReport("Occupied"),
        exchange(
            "TransactionEvent",
            transactionEvent("auto", "CablePluggedIn").chargingState("EVConnected")),
        flag(EV_CONNECTED, true));
  }

  static Step.State authorized() {
    return authorized(TokenRole.VALID);
  }

  static Step.State authorized(TokenRole token) {
    return state(
        "Authorized",
        exchange("Authorize", authorize(token), check("idTokenInfo.status", is("Accepted"))),
        exchange(
            "TransactionEvent",
            transactionEvent("auto", "Authorized").idToken(token),
            check("idTokenInfo.status", is("Accepted"))),
        flag(AUTHORIZED, true));
  }

  static Step.State energyTransferStarted() {
    return energyTransferStarted(TokenRole.VALID);
  }

  static Step.State energyTransferStarted(TokenRole token) {
    return state(
        "EnergyTransferStarted",
        when("not Authorized", ctx -> !flagged(ctx, AUTHORIZED), authorized(token)),
        when(
            "the EV is not connected",
            ctx -> !flagged(ctx, EV_CONNECTED),
            connectorReport("Occupied"),
            exchange(
                "TransactionEvent",
                transactionEvent("Updated", "CablePluggedIn").chargingState("EVConnected")),
            flag(EV_CONNECTED, true)),
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "ChargingStateChanged").chargingState("Charging")));
  }

  static Step.State energyTransferSuspended() {
    return state(
        "EnergyTransferSuspended",
        energyTransferStarted(),
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "ChargingStateChanged").chargingState("SuspendedEV")));
  }

  static Step.State stopAuthorized() {
    return state(
        "StopAuthorized",
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "StopAuthorized").idToken(TokenRole.VALID),
            check("idTokenInfo.status", is("Accepted"))));
  }

  static Step.State evConnectedPostSession() {
    return state(
        "EVConnectedPostSession",
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "ChargingStateChanged").chargingState("EVConnected")));
  }

  static Step.State evDisconnected() {
    return state(
        "EVDisconnected",
        connectorReport("Available"),
        exchange(
            "TransactionEvent",
            transactionEvent("Ended", "EVCommunicationLost")
                .chargingState("Idle")
                .stoppedReason("EVDisconnected")),
        flag(AUTHORIZED, false),
        flag(EV_CONNECTED, false));
  }

  /** Ends the transactions a case left open, EVSE by EVSE (the runner's cleanup). */
  static List<Step> cleanup() {
    return steps(
        expand(
            "end open transactions",
            ctx -> {
              List<Step> out = new ArrayList<>();
              for (LabConfiguration.Evse evse : ctx.lab().evses()) {
                if (ctx.var(Messages.OPEN + "@" + evse.id()).asBoolean(false)) {
                  out.add(
                      onEvse(
                          evse.id(),
                          exchange(
                              "TransactionEvent",
                              transactionEvent("Ended", "EVCommunicationLost")
                                  .chargingState("Idle")
                                  .stoppedReason("EVDisconnected")),
                          exchange("StatusNotification", status("Available"))));
                }
              }
              return out;
            }));
  }

  /** Sets a flag of the active EVSE. */
  static Step flag(String name, boolean value) {
    return compute((value ? "" : "not ") + name, ctx -> ctx.set(Messages.key(ctx, name), value));
  }

  static boolean flagged(io.kilowire.conformance.script.CaseContext ctx, String name) {
    return ctx.var(Messages.key(ctx, name)).asBoolean(false);
  }

  /** Runs {@code steps} on EVSE {@code evseId}, then returns to the configured EVSE. */
  static Step onEvse(int evseId, Object... steps) {
    return state(
        "on EVSE " + evseId,
        compute("act on EVSE " + evseId, ctx -> ctx.set(Messages.ACTIVE_EVSE, evseId)),
        steps(steps),
        compute("back to the configured EVSE", ctx -> ctx.set(Messages.ACTIVE_EVSE, ctx.evseId())));
  }
}
