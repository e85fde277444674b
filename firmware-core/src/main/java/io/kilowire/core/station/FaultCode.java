package io.kilowire.core.station;

/**
 * Why an EVSE is faulted, in version-neutral terms; 1.6 reports it as the StatusNotification
 * errorCode, 2.0.1 as the Faulted connector status.
 */
public enum FaultCode {
  NONE,
  /** The EV kept drawing more than it was offered (1.6 OverCurrentFailure). */
  OVER_CURRENT,
  /** Residual-current or ground fault (1.6 GroundFailure). */
  GROUND_FAILURE,
  /** Over-temperature (1.6 HighTemperature). */
  HIGH_TEMPERATURE,
  /**
   * The main contactor did not close when told to: its feedback contact stayed open (1.6
   * PowerSwitchFailure, vendorErrorCode "ContactorFailure").
   */
  CONTACTOR_FAILURE,
  /**
   * The main contactor stays closed although it was told to open, or the board reports welded
   * contacts (1.6 PowerSwitchFailure, vendorErrorCode "WeldedContactor").
   */
  WELDED_CONTACTOR,
  /** Anything else the hardware reports (1.6 OtherError). */
  OTHER
}
