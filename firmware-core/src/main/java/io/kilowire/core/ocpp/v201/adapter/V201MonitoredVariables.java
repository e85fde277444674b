package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.configuration.ComponentId;
import io.kilowire.core.configuration.DataType;
import io.kilowire.core.configuration.DeviceModel;
import io.kilowire.core.configuration.DeviceVariable;
import io.kilowire.core.configuration.Key;
import io.kilowire.core.configuration.VariableId;
import io.kilowire.core.station.monitoring.MonitoredVariables;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The 2.0.1 device model as the variables monitors watch: each variable's Actual attribute. */
public record V201MonitoredVariables(DeviceModel model) implements MonitoredVariables {
  @Override
  public boolean hasComponent(ComponentId component) {
    return model.hasComponent(component);
  }

  @Override
  public boolean hasVariable(ComponentId component, VariableId variable) {
    return model.find(component, variable).isPresent();
  }

  @Override
  public List<VariableId> variables(ComponentId component) {
    return model.variables().stream()
        .filter(v -> v.component().equals(component))
        .map(DeviceVariable::variable)
        .toList();
  }

  @Override
  public boolean numeric(ComponentId component, VariableId variable) {
    return actual(component, variable, k -> true)
        .map(
            k -> k.type().dataType() == DataType.INTEGER || k.type().dataType() == DataType.DECIMAL)
        .orElse(false);
  }

  @Override
  public @Nullable BigDecimal minLimit(ComponentId component, VariableId variable) {
    return actual(component, variable, k -> true).map(k -> k.type().minLimit()).orElse(null);
  }

  @Override
  public @Nullable BigDecimal maxLimit(ComponentId component, VariableId variable) {
    return actual(component, variable, k -> true).map(k -> k.type().maxLimit()).orElse(null);
  }

  @Override
  public @Nullable String actual(ComponentId component, VariableId variable) {
    return actual(component, variable, k -> k.mutability().readable())
        .map(k -> model.configuration().text(k))
        .orElse(null);
  }

  private Optional<? extends Key<?>> actual(
      ComponentId component, VariableId variable, java.util.function.Predicate<Key<?>> ok) {
    return model.find(component, variable).map(v -> (Key<?>) v.actual()).filter(ok);
  }
}
