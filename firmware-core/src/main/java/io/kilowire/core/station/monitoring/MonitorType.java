package io.kilowire.core.station.monitoring;

/** What makes a monitor trip (2.0.1 MonitorEnumType). */
public enum MonitorType {
  /** The actual value rises above the monitor's value. */
  UPPER_THRESHOLD,
  /** The actual value drops below the monitor's value. */
  LOWER_THRESHOLD,
  /** The actual value moved by more than the monitor's value (any change if not numeric). */
  DELTA,
  /** Every so many seconds from when the monitor was set. */
  PERIODIC,
  /** Every so many seconds, aligned to the clock (900: at :00, :15, :30, :45). */
  PERIODIC_CLOCK_ALIGNED;

  boolean threshold() {
    return this == UPPER_THRESHOLD || this == LOWER_THRESHOLD;
  }

  boolean periodic() {
    return this == PERIODIC || this == PERIODIC_CLOCK_ALIGNED;
  }
}
