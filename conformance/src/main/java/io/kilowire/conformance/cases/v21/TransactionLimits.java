package io.kilowire.conformance.cases.v21;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.configure;
import static io.kilowire.conformance.script.Verbs.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.v201.ReusableStates;
import io.kilowire.conformance.script.Payload;
import java.util.List;

/**
 * Block E, transaction limits (2.1 only): the CSMS limits a running transaction in its answer to a
 * TransactionEvent (transactionLimit) and takes the station's update saying the limit is set.
 */
final class TransactionLimits {
  private static final int MAX_ENERGY_WH = 5000;

  private TransactionLimits() {}

  static List<ConformanceCase> cases() {
    return List.of(
        DerControl.start("KW21_E_01_CSMS", "A transaction's energy limited by the CSMS")
            .useCases("E16")
            .before(ReusableStates.energyTransferStarted())
            .main(
                configure(
                    "TransactionEvent",
                    Payload.of(obj("transactionLimit", obj("maxEnergy", MAX_ENERGY_WH))),
                    "Make the CSMS answer this station's next TransactionEvent with a"
                        + " transactionLimit of "
                        + MAX_ENERGY_WH
                        + " Wh (maxEnergy)"),
                exchange(
                    "TransactionEvent",
                    ReusableStates.transactionEvent("Updated", "MeterValuePeriodic"),
                    check("transactionLimit.maxEnergy", is(MAX_ENERGY_WH))),
                // the station says the limit is set, in the transaction's own words
                exchange(
                    "TransactionEvent",
                    ctx -> {
                      ObjectNode event =
                          ReusableStates.transactionEvent("Updated", "LimitSet").build(ctx);
                      ((ObjectNode) event.get("transactionInfo"))
                          .set("transactionLimit", obj("maxEnergy", MAX_ENERGY_WH));
                      return event;
                    })));
  }
}
