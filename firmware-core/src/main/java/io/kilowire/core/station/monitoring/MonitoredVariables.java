package io.kilowire.core.station.monitoring;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.VariableId;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The variables monitors can watch: the station's device model as the monitoring room sees it. */
public interface MonitoredVariables {
  boolean hasComponent(ComponentId component);

  boolean hasVariable(ComponentId component, VariableId variable);

  /** The variables of a component, for a report that names the component only. */
  List<VariableId> variables(ComponentId component);

  /** Whether the variable's Actual value is a number (thresholds apply, delta by amount). */
  boolean numeric(ComponentId component, VariableId variable);

  /** The lowest and highest value the variable may take, when bounded (N04.FR.06). */
  @Nullable BigDecimal minLimit(ComponentId component, VariableId variable);

  @Nullable BigDecimal maxLimit(ComponentId component, VariableId variable);

  /**
   * The Actual value as text; null when the variable cannot be read (write-only: its events carry
   * no value, N07.FR.10).
   */
  @Nullable String actual(ComponentId component, VariableId variable);
}
