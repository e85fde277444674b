package io.kilowire.core.smartcharging;

/** How OCPP 1.6 answers a rejected SetChargingProfile. */
public enum V16Answer {
  /** SetChargingProfile.conf status Rejected. */
  REJECTED,
  /** SetChargingProfile.conf status NotSupported. */
  NOT_SUPPORTED
}
