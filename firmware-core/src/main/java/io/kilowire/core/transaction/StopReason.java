package io.kilowire.core.transaction;

/**
 * Why a transaction ended; both versions' reason enums carry these names, but for the transaction
 * limits and the two faults, which 1.6 does not have.
 */
public enum StopReason {
  DE_AUTHORIZED,
  EMERGENCY_STOP,
  EV_DISCONNECTED,
  HARD_RESET,
  LOCAL,
  OTHER,
  POWER_LOSS,
  REBOOT,
  REMOTE,
  SOFT_RESET,
  UNLOCK_COMMAND,
  /**
   * No EV was connected within the connection timeout after the transaction began on authorization
   * (2.0.1 TxCtrlr.EVConnectionTimeOut).
   */
  EV_CONNECT_TIMEOUT,
  /** A transaction limit (2.1 transactionLimit) ended it: its energy. */
  ENERGY_LIMIT_REACHED,
  /** Its time. */
  TIME_LIMIT_REACHED,
  /** The EV's state of charge. */
  SOC_LIMIT_REACHED,
  /** Its cost. */
  COST_LIMIT_REACHED,
  /**
   * The EV driver refused the tariff the station showed: the authorization ends, so does the
   * transaction (2.1 triggerReason TariffNotAccepted, stoppedReason DeAuthorized).
   */
  TARIFF_NOT_ACCEPTED,
  /** A residual-current or ground fault on the EVSE (2.0.1 and 2.1 GroundFault; 1.6 Other). */
  GROUND_FAULT,
  /** The EV drew more than it was offered (2.0.1 and 2.1 OvercurrentFault; 1.6 Other). */
  OVERCURRENT_FAULT
}
