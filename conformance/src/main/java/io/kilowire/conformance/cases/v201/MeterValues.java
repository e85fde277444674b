package io.kilowire.conformance.cases.v201;

import static io.kilowire.conformance.cases.v201.Messages.transactionEvent;
import static io.kilowire.conformance.script.Json.obj;
import static io.kilowire.conformance.script.Verbs.exchange;
import static io.kilowire.conformance.script.Verbs.expand;
import static io.kilowire.conformance.script.Verbs.state;
import static io.kilowire.conformance.script.Verbs.steps;
import static io.kilowire.conformance.script.Verbs.waitFor;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.script.Step;
import java.util.ArrayList;
import java.util.List;

/** Block J, Meter values: clock-aligned and sampled, in and out of transactions, signed. */
public final class MeterValues {
  private MeterValues() {}

  public static List<ConformanceCase> cases() {
    return List.of(
        Start.of("TC_J_01_CSMS", "Clock-aligned meter values without a transaction")
            .useCases("J01")
            .requirements("J01.FR.18")
            .main(clockAligned(3, false)),
        Start.of("TC_J_02_CSMS", "Clock-aligned meter values during a transaction")
            .useCases("J01")
            .requirements("J01.FR.18")
            .before(States.energyTransferStarted())
            .main(clockAligned(3, true)),
        Start.of("TC_J_03_CSMS", "Clock-aligned meter values in the Ended event")
            .useCases("J01")
            .requirements("J01.FR.18")
            .before(States.energyTransferStarted())
            .main(unplugWithMeterValues("Sample.Clock", false)),
        Start.of("TC_J_04_CSMS", "Signed clock-aligned meter values in the Ended event")
            .useCases("J01")
            .requirements("J01.FR.21")
            .before(States.energyTransferStarted())
            .main(unplugWithMeterValues("Sample.Clock", true)),
        Start.of("TC_J_07_CSMS", "Transaction.Begin meter values, EVSE known")
            .useCases("J02")
            .requirements("J02.FR.19")
            .main(States.evConnectedPreSession()),
        Start.of("TC_J_08_CSMS", "Transaction.Begin meter values, EVSE not known at the start")
            .useCases("J02")
            .requirements("J02.FR.19")
            .main(
                States.authorized(),
                state(
                    "EVConnectedPreSession",
                    States.connectorReport("Occupied"),
                    exchange(
                        "TransactionEvent",
                        transactionEvent("Updated", "CablePluggedIn")
                            .chargingState("EVConnected")
                            .meterValue("Transaction.Begin")),
                    States.flag(States.EV_CONNECTED, true)),
                States.energyTransferStarted()),
        Start.of("TC_J_09_CSMS", "Sampled meter values during a transaction")
            .useCases("J02")
            .requirements("J02.FR.19")
            .before(States.energyTransferStarted())
            .main(periodic(), periodic(), periodic()),
        Start.of("TC_J_10_CSMS", "Sampled meter values in the Ended event")
            .useCases("J02")
            .requirements("J02.FR.19")
            .before(States.energyTransferStarted())
            .main(unplugWithMeterValues("Sample.Periodic", false)),
        Start.of("TC_J_11_CSMS", "Signed sampled meter values in the Ended event")
            .useCases("J02")
            .requirements("J02.FR.21")
            .before(States.energyTransferStarted())
            .main(unplugWithMeterValues("Sample.Periodic", true)));
  }

  /**
   * {@code rounds} clock-aligned rounds: MeterValues for EVSE 0 and every EVSE without a
   * transaction, a NotifyEvent of the fiscal meter, and (during a transaction) a TransactionEvent
   * MeterValueClock.
   */
  private static List<Step> clockAligned(int rounds, boolean duringTransaction) {
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      if (i > 0) {
        out.add(interval());
      }
      out.add(
          expand(
              "clock-aligned values, round " + (i + 1),
              ctx -> {
                List<Step> round = new ArrayList<>();
                round.addAll(
                    exchange("MeterValues", Messages.meterValuesRequest("Sample.Clock", 0)));
                for (LabConfiguration.Evse evse : ctx.lab().evses()) {
                  if (!duringTransaction || evse.id() != ctx.evseId()) {
                    round.addAll(
                        exchange(
                            "MeterValues", Messages.meterValuesRequest("Sample.Clock", evse.id())));
                  }
                }
                round.addAll(exchange("NotifyEvent", fiscalMeterEvent()));
                if (duringTransaction) {
                  round.addAll(
                      exchange(
                          "TransactionEvent",
                          transactionEvent("Updated", "MeterValueClock")
                              .meterValue("Sample.Clock")));
                }
                return round;
              }));
    }
    return out;
  }

  /** Waits the configured meter value interval. */
  private static Step interval() {
    return expand(
        "wait the meter value interval",
        ctx -> List.of(waitFor(ctx.lab().timeouts().meterValues())));
  }

  /** A periodic NotifyEvent of the fiscal meter's reading. */
  private static io.kilowire.conformance.script.Payload fiscalMeterEvent() {
    return ctx ->
        Messages.notifyEvent(
            ctx,
            "Periodic",
            "1250",
            obj("name", "FiscalMetering"),
            "EnergyImport",
            "HardWiredMonitor");
  }

  private static List<Step> periodic() {
    return steps(
        interval(),
        exchange(
            "TransactionEvent",
            transactionEvent("Updated", "MeterValuePeriodic").meterValue("Sample.Periodic")));
  }

  /** EVDisconnected whose Ended event carries meter values of {@code context}. */
  private static Step unplugWithMeterValues(String context, boolean signed) {
    Messages.TransactionEvent ended =
        transactionEvent("Ended", "EVCommunicationLost")
            .chargingState("Idle")
            .stoppedReason("EVDisconnected")
            .meterValue(context);
    if (signed) {
      ended.signed();
    }
    return state(
        "EVDisconnected",
        States.connectorReport("Available"),
        exchange("TransactionEvent", ended),
        States.flag(States.AUTHORIZED, false),
        States.flag(States.EV_CONNECTED, false));
  }
}
