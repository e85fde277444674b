package io.kilowire.core.smartcharging;

/** What a charging profile limits (OCPP 1.6 §3.13.1, 2.0.1 K01). */
public enum ProfilePurpose {
  /**
   * 1.6 ChargePointMaxProfile / 2.0.1 ChargingStationMaxProfile: the whole station, evse 0 only.
   */
  CHARGING_STATION_MAX,
  /** Default for transactions: on evse 0 it applies to every EVSE, on an EVSE to that one. */
  TX_DEFAULT,
  /** Bound to one running transaction; removed when it ends. */
  TX,
  /** 2.0.1 limits set by a local EMS or grid operator; never set or cleared by the CSMS. */
  CHARGING_STATION_EXTERNAL_CONSTRAINTS,
  /**
   * 2.1: in force for a transaction only while priority charging is asked for it (K21/K22); then it
   * takes the place of the TxProfile and TxDefaultProfile. On evse 0 it serves every EVSE.
   */
  PRIORITY_CHARGING
}
