package io.kilowire.core.station.monitoring;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A monitor on a device-model variable.
 *
 * @param severity 0 (danger) to 9 (debug)
 * @param transaction only while a transaction runs
 * @param origin custom (set by a CSMS), preconfigured or hard-wired (by the station maker)
 */
public record VariableMonitor(
    int id,
    ComponentId component,
    VariableId variable,
    MonitorType type,
    BigDecimal value,
    int severity,
    boolean transaction,
    Origin origin) {
  /** Who set a monitor: only custom ones may be changed freely (N04.FR.15, FR.18). */
  public enum Origin {
    CUSTOM,
    PRECONFIGURED,
    HARD_WIRED
  }

  public VariableMonitor {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
  }

  boolean watches(ComponentId c, VariableId v) {
    return component.equals(c) && variable.equals(v);
  }
}
