package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.compute;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.expectResult;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.send;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.waitFor;
import static io.kilowire.conformance.script.Verbs.when;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import io.kilowire.conformance.script.Step;
import java.util.List;

/**
 * Block I, Tariff and Cost: the CSMS tells the driver the running cost while charging (I02) and the
 * total cost at the transaction's end (I03).
 */
public final class TariffCost {
  /** The totalCost of the CSMS's last answer to a periodic TransactionEvent, if it had one. */
  private static final String RUNNING_COST = "runningCost";

  private TariffCost() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_I_01_CSMS", "The running cost shown while charging")
            .profile(Profile.ADVANCED_USER_INTERFACE)
            .useCases("I02")
            .requirements("I02.FR.01")
            .main(
                States.authorized(),
                States.evConnectedPreSession(),
                States.energyTransferStarted(),
                // the document ends the case after two periodic meter values
                runningCost(),
                runningCost()),
        Start.of("TC_I_02_CSMS", "The total cost in the answer to a transaction's end")
            .profile(Profile.ADVANCED_USER_INTERFACE)
            .useCases("I03")
            .requirements("I03.FR.02")
            .before(States.energyTransferStarted(), States.evConnectedPostSession())
            .main(
                States.connectorReport("Available"),
                exchange(
                    "TransactionEvent",
                    Messages.transactionEvent("Ended", "EVCommunicationLost")
                        .chargingState("Idle")
                        .stoppedReason("EVDisconnected"),
                    check("totalCost", present(), "I03.FR.02"))));
  }

  /**
   * A periodic meter value of the running transaction; the CSMS tells the running cost either in
   * its answer (totalCost) or, when that has none, in a CostUpdated for this transaction
   * (I02.FR.01).
   */
  private static List<Step> runningCost() {
    return steps(
        expand(
            "wait the meter value interval",
            ctx -> List.of(waitFor(ctx.lab().timeouts().meterValues()))),
        compute(
            "forget the last running cost",
            ctx -> ctx.set(RUNNING_COST, MissingNode.getInstance())),
        send(
            "TransactionEvent",
            transactionEvent("Updated", "MeterValuePeriodic").meterValue("Sample.Periodic")),
        expectResult().capture("totalCost", RUNNING_COST),
        when(
            "the answer tells no running cost",
            ctx -> ctx.var(RUNNING_COST).isMissingNode(),
            expectCall(
                "CostUpdated",
                check("transactionId", Messages.isTransactionId(), "I02.FR.01"),
                check("totalCost", present())),
            respond(obj())));
  }
}
