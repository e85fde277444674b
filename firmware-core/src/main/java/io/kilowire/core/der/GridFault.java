package io.kilowire.core.der;

/** The grid conditions a must-trip curve reacts to. */
public enum GridFault {
  OVER_FREQUENCY,
  UNDER_FREQUENCY,
  OVER_VOLTAGE,
  UNDER_VOLTAGE
}
