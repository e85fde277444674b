package io.kilowire.conformance.cases.v16;

import static io.kilowire.conformance.cases.v16.Messages.authorize;
import static io.kilowire.conformance.cases.v16.Messages.boot;
import static io.kilowire.conformance.cases.v16.Messages.startTransaction;
import static io.kilowire.conformance.cases.v16.Messages.status;
import static io.kilowire.conformance.cases.v16.Messages.stopTransaction;
import static io.kilowire.conformance.script.Expect.atLeast;
import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.script.TokenRole;
import java.util.ArrayList;
import java.util.List;

/** The reusable states of the OCTT 1.6 document for a Central System under test. */
final class States {
  private States() {}

  /** Booted: a BootNotification accepted, then every connector (and 0) Available. */
  static Step.State booted() {
    return state("Booted", bootAccepted(), everyConnector("Available"));
  }

  static List<Step> bootAccepted() {
    return exchange(
        "BootNotification", boot(), check("status", is("Accepted")), check("interval", atLeast(0)));
  }

  /** StatusNotification {@code status} for connector 0 and every connector. */
  static Step everyConnector(String status) {
    return expand(
        "report every connector " + status,
        ctx -> {
          List<Step> out = new ArrayList<>(exchange("StatusNotification", status(0, status)));
          for (LabConfiguration.Evse evse : ctx.lab().evses()) {
            out.addAll(exchange("StatusNotification", status(evse.id(), status)));
          }
          return out;
        });
  }

  /** Authorized: the valid idTag is accepted. */
  static Step.State authorized() {
    return authorized(TokenRole.VALID);
  }

  static Step.State authorized(TokenRole token) {
    return state(
        "Authorized",
        exchange("Authorize", authorize(token), check("idTagInfo.status", is("Accepted"))));
  }

  /** The transaction start: StartTransaction accepted, its transactionId kept. */
  static List<Step> started() {
    return steps(
        send("StartTransaction", startTransaction(TokenRole.VALID)),
        expectResult(check("idTagInfo.status", is("Accepted")))
            .capture("transactionId", Messages.TRANSACTION_ID));
  }

  /** Charging: Authorized, Preparing, the transaction started, Charging. */
  static Step.State charging() {
    return state(
        "Charging",
        authorized(),
        exchange("StatusNotification", status("Preparing")),
        started(),
        exchange("StatusNotification", status("Charging")));
  }

  /** Ends a transaction a case left running (the runner's cleanup). */
  static List<Step> cleanup() {
    return steps(
        exchange("StopTransaction", stopTransaction("Local", null)),
        exchange("StatusNotification", status("Available")));
  }
}
