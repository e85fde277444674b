package io.kilowire.core.smartcharging;

/**
 * OCPP 2.1 priority charging (K21, K22): a transaction asked to charge with priority is limited by
 * the PriorityCharging profile of its EVSE (else the station's) instead of its TxProfile or
 * TxDefaultProfile, still under the station's maximum and external constraints, and discharges
 * nothing (the purpose's periods are ChargingOnly). The request lasts until it is withdrawn or the
 * transaction ends; it is kept in memory only, as the transaction's state is.
 */
public final class PriorityCharging {
  private PriorityCharging() {}

  /** Tells the CSMS that priority was asked or withdrawn at the station (2.1 K22). */
  @FunctionalInterface
  public interface Notifier {
    void activated(String transactionId, boolean activated);
  }

  /** The answer to a request for (or withdrawal of) priority. */
  public enum Outcome {
    ACCEPTED(null),
    /** No PriorityCharging profile applies to the transaction's EVSE: the CSMS may send one. */
    NO_PROFILE("NoProfile"),
    /** No running transaction has the id. */
    UNKNOWN_TRANSACTION("TxNotFound");

    private final String reasonCode;

    Outcome(String reasonCode) {
      this.reasonCode = reasonCode;
    }

    /** The statusInfo.reasonCode of a refusal; null for ACCEPTED. */
    public String reasonCode() {
      return reasonCode;
    }
  }
}
