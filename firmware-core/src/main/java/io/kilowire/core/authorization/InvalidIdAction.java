package io.kilowire.core.authorization;

/**
 * What a running transaction does when the CSMS's answer to its start (1.6 StartTransaction.conf,
 * 2.0.1 TransactionEventResponse) carries the token's status.
 */
public enum InvalidIdAction {
  /** The status is Accepted (or absent): charging goes on. */
  CONTINUE,
  /**
   * Not Accepted and StopTransactionOnInvalidId / StopTxOnInvalidId is true: end it, DeAuthorized.
   */
  STOP_TRANSACTION,
  /**
   * Not Accepted and the stop setting is false: keep the transaction but stop energy delivery (1.6
   * StopTransactionOnInvalidId, 2.0.1 TxCtrlr.StopTxOnInvalidId; MaxEnergyOnInvalidId may allow
   * some energy first, which is the transaction layer's business).
   */
  SUSPEND_ENERGY
}
