package io.kilowire.core.der;

/** What a curve's y axis or a fixed reactive setpoint is a percentage of. */
public enum DerUnit {
  NOT_APPLICABLE,
  PCT_MAX_W,
  PCT_MAX_VAR,
  PCT_W_AVAIL,
  PCT_VAR_AVAIL,
  PCT_EFFECTIVE_V
}
