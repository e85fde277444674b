package io.kilowire.core.smartcharging;

/**
 * Who set a profile (2.0.1 ChargingLimitSourceEnumType); the CSMS's own profiles are {@link #CSO}.
 */
public enum LimitSource {
  EMS,
  OTHER,
  SO,
  CSO
}
