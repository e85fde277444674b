package io.kilowire.core.station.monitoring;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A monitor tripped (N07, N08): NotifyEvent with the monitor's component, variable and id.
 *
 * @param trigger ALERTING (thresholds), DELTA or PERIODIC
 * @param actualValue the value then; null for a write-only variable
 * @param cleared a threshold's value came back within it (N07.FR.02)
 */
public record MonitorEvent(
    VariableMonitor monitor,
    Instant at,
    Trigger trigger,
    @Nullable String actualValue,
    boolean cleared) {
  /** The 2.0.1 EventTriggerEnumType. */
  public enum Trigger {
    ALERTING,
    DELTA,
    PERIODIC
  }

  public MonitorEvent {
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(trigger, "trigger");
  }
}
