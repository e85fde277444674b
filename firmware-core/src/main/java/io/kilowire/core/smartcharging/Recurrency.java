package io.kilowire.core.smartcharging;

import java.time.Duration;

/** How often a recurring profile restarts (OCPP 1.6 §7.32; weekly per errata 3.78). */
public enum Recurrency {
  DAILY(Duration.ofDays(1)),
  WEEKLY(Duration.ofDays(7));

  private final Duration period;

  Recurrency(Duration period) {
    this.period = period;
  }

  /** The recurrence period. */
  public Duration period() {
    return period;
  }

  /** The recurrence period in seconds. */
  public long seconds() {
    return period.getSeconds();
  }
}
