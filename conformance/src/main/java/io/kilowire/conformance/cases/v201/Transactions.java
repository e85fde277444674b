package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.trigger;

import io.kilowire.conformance.cases.ConformanceCase;
import java.util.List;

/** Block E, Transactions: start and stop points, transaction status, sequence numbers. */
public final class Transactions {
  private Transactions() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_E_03_CSMS", "Local start: cable plugged in first")
            .useCases("E02")
            .requirements("E02.FR.02")
            .before(States.evConnectedPreSession())
            .main(States.authorized(), States.energyTransferStarted()),
        Start.of("TC_E_04_CSMS", "Local start: token presented first")
            .useCases("E03")
            .requirements("E03.FR.02")
            .main(States.authorized(), States.energyTransferStarted()),
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
                    transactionEvent("Ended", "RemoteStop").stoppedReason("Remote"))));
  }
}
