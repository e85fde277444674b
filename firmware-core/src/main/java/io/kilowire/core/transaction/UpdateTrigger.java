package io.kilowire.core.transaction;

/** Why meter values of a running transaction are sent. */
public enum UpdateTrigger {
  /** MeterValueSampleInterval (1.6 Sample.Periodic; 2.0.1 MeterValuePeriodic). */
  PERIODIC,
  /** ClockAlignedDataInterval (1.6 Sample.Clock; 2.0.1 MeterValueClock). */
  CLOCK,
  /** The EV started or stopped drawing energy (2.0.1 ChargingStateChanged). */
  CHARGING_STATE,
  /** A TriggerMessage asked for meter values. */
  TRIGGERED,
  /** 2.0.1: a token authorized a transaction that started on cable connection. */
  AUTHORIZED,
  /** 2.0.1: the cable was plugged into a transaction that started on authorization. */
  CABLE_PLUGGED_IN,
  /**
   * 2.0.1: the limit applied to the transaction's EVSE changed by more than LimitChangeSignificance
   * (ChargingRateChanged); 1.6 has no such event.
   */
  CHARGING_RATE_CHANGED,
  /**
   * 2.1 TxResumed: the transaction goes on after a reboot and energy flows again (the state it had
   * before); 1.6 and 2.0.1 have no such event.
   */
  RESUMED,
  /** 2.1 TxResumed, the EVSE not offering energy until someone acts (SuspendedEVSE). */
  RESUMED_WITHOUT_ENERGY
}
