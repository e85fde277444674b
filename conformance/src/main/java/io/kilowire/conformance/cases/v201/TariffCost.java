package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.script.Expect.present;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.Profile;
import java.util.List;

/** Block I, Tariff and Cost: the CSMS tells the total cost of a transaction at its end (I03). */
public final class TariffCost {
  private TariffCost() {}

  public static List<ConformanceCase> cases() {
    return List.of(
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
}
