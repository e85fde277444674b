package io.kilowire.core.configuration;

/** The attributes a device-model variable may have (OCPP 2.0.1 AttributeEnumType). */
public enum AttributeType {
  /** The value in use. */
  ACTUAL,
  /** The value being worked towards. */
  TARGET,
  /** The lowest value the CSMS may set. */
  MIN_SET,
  /** The highest value the CSMS may set. */
  MAX_SET
}
