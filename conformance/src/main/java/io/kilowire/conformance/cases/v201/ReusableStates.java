package io.kilowire.conformance.cases.v201;

import io.kilowire.conformance.script.Payload;
import io.kilowire.conformance.script.Step;

/**
 * The 2.0.1 reusable states and station messages that Kilowire's own 2.1 cases start from and send
 * (2.1 kept them).
 */
public final class ReusableStates {
  private ReusableStates() {}

  /** Part 6's Booted state. */
  public static Step.State booted() {
    return States.booted();
  }

  /** Part 6's EnergyTransferStarted state: a transaction charging on the configured EVSE. */
  public static Step.State energyTransferStarted() {
    return States.energyTransferStarted();
  }

  /** Part 6's Authorized state: the configured valid token authorized, a transaction started. */
  public static Step.State authorized() {
    return States.authorized();
  }

  /** Part 6's EVConnectedPreSession state: the EV plugged in on the configured EVSE. */
  public static Step.State evConnectedPreSession() {
    return States.evConnectedPreSession();
  }

  /** The running transaction's id equals the field (a TxProfile's transactionId). */
  public static io.kilowire.conformance.script.Expectation isTransactionId() {
    return Messages.isTransactionId();
  }

  /** The EVSE the case uses. */
  public static int activeEvse(io.kilowire.conformance.script.CaseContext ctx) {
    return Messages.activeEvse(ctx);
  }

  /** The running transaction's last TransactionEventRequest: the EV left. */
  public static Payload transactionEnded() {
    return Messages.transactionEvent("Ended", "EVCommunicationLost")
        .chargingState("Idle")
        .stoppedReason("EVDisconnected");
  }

  /** A TransactionEventRequest of the running transaction. */
  public static Payload transactionEvent(String eventType, String triggerReason) {
    return Messages.transactionEvent(eventType, triggerReason);
  }
}
