package io.kilowire.conformance.cases.v21;

import static io.kilowire.conformance.script.Expect.is;
import static io.kilowire.conformance.script.Json.arr;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.check;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expectCall;
import static io.kilowire.conformance.script.Verbs.respond;
import static io.kilowire.conformance.script.Verbs.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.cases.v201.ReusableStates;
import io.kilowire.conformance.script.CaseContext;
import java.util.List;

/**
 * Block I, local cost calculation (2.1 only): the CSMS sets a default tariff on an EVSE and reads
 * the station's tariffs back, and takes the cost details a station that calculates the cost itself
 * puts in a transaction's last event.
 */
final class LocalCost {
  private static final String TARIFF_ID = "KW-TARIFF-1";

  private LocalCost() {}

  static List<ConformanceCase> cases() {
    return List.of(
        DerControl.start("KW21_I_01_CSMS", "A default tariff set on an EVSE")
            .main(
                trigger(
                    "SetDefaultTariff",
                    LocalCost::setDefaultTariff,
                    "Make the CSMS set on the configured EVSE the default tariff "
                        + TARIFF_ID
                        + ": EUR, 0.30 a kWh"),
                expectCall(
                    "SetDefaultTariff",
                    check("evseId", is("the configured EVSE", LocalCost::evse)),
                    check("tariff.tariffId", is(TARIFF_ID)),
                    check("tariff.currency", is("EUR")),
                    check("tariff.energy.prices[0].priceKwh", is(0.30))),
                respond(obj("status", "Accepted"))),
        DerControl.start("KW21_I_02_CSMS", "The tariffs of an EVSE read back")
            .main(
                trigger(
                    "GetTariffs",
                    ctx -> obj("evseId", evse(ctx)),
                    "Make the CSMS ask this station for the tariffs of the configured EVSE"),
                expectCall(
                    "GetTariffs", check("evseId", is("the configured EVSE", LocalCost::evse))),
                respond(
                    ctx ->
                        obj(
                            "status",
                            "Accepted",
                            "tariffAssignments",
                            arr(
                                obj(
                                    "tariffId",
                                    TARIFF_ID,
                                    "tariffKind",
                                    "DefaultTariff",
                                    "evseIds",
                                    arr(evse(ctx))))))),
        DerControl.start("KW21_I_03_CSMS", "A transaction's cost, calculated by the station, taken")
            .before(ReusableStates.energyTransferStarted())
            .main(
                exchange(
                    "TransactionEvent",
                    ctx -> {
                      ObjectNode event = ReusableStates.transactionEnded().build(ctx);
                      event.set("costDetails", costDetails());
                      return event;
                    })));
  }

  private static Object evse(CaseContext ctx) {
    return ReusableStates.activeEvse(ctx);
  }

  private static ObjectNode setDefaultTariff(CaseContext ctx) {
    return obj(
        "evseId",
        evse(ctx),
        "tariff",
        obj(
            "tariffId",
            TARIFF_ID,
            "currency",
            "EUR",
            "energy",
            obj("prices", arr(obj("priceKwh", 0.30)))));
  }

  /** 3 kWh at 0.30 over 20 minutes: 0.90. */
  private static ObjectNode costDetails() {
    return obj(
        "totalCost",
        obj(
            "currency",
            "EUR",
            "typeOfCost",
            "NormalCost",
            "energy",
            obj("exclTax", 0.9),
            "total",
            obj("exclTax", 0.9)),
        "totalUsage",
        obj("energy", 3000, "chargingTime", 1200, "idleTime", 0));
  }
}
