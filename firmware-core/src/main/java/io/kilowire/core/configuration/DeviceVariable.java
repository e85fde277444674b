package io.kilowire.core.configuration;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An OCPP 2.0.1 device-model variable: its address and one {@link Key} per attribute it has (always
 * Actual; Target, MinSet and MaxSet where the station supports them). The Actual key's type and
 * unit give the variable characteristics (dataType, unit, minLimit, maxLimit, valuesList).
 *
 * @param supportsMonitoring reported as a characteristic; Kilowire monitors no variable yet
 */
public record DeviceVariable<T>(
    ComponentId component,
    VariableId variable,
    Map<AttributeType, Key<T>> attributes,
    boolean supportsMonitoring) {

  public DeviceVariable {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(variable, "variable");
    if (!attributes.containsKey(AttributeType.ACTUAL)) {
      throw new IllegalArgumentException(component + "." + variable + " has no Actual attribute");
    }
    attributes = Map.copyOf(attributes);
  }

  /**
   * A variable with an Actual attribute of {@code type}; {@code shape} adjusts the key (mutability,
   * unit, required, ...). The key is named after the address, which also names it in the store.
   */
  public static <T> DeviceVariable<T> of(
      ComponentId component,
      VariableId variable,
      ValueType<T> type,
      T defaultValue,
      UnaryOperator<Key<T>> shape) {
    Key<T> actual =
        shape.apply(Key.of(keyName(component, variable, AttributeType.ACTUAL), type, defaultValue));
    return new DeviceVariable<>(component, variable, Map.of(AttributeType.ACTUAL, actual), false);
  }

  /**
   * Adds MinSet and MaxSet attributes with {@code mutability}: the CSMS may then set Actual (and
   * Target) only within them, and MinSet never above MaxSet.
   */
  public static <T extends Comparable<? super T>> DeviceVariable<T> withSetLimits(
      DeviceVariable<T> variable, T minSet, T maxSet, Mutability mutability) {
    Key<T> actual = variable.actual();
    Key<T> min = variable.attributeKey(AttributeType.MIN_SET, minSet, mutability);
    Key<T> max = variable.attributeKey(AttributeType.MAX_SET, maxSet, mutability);
    Map<AttributeType, Key<T>> attributes = new EnumMap<>(variable.attributes());
    attributes.put(AttributeType.MIN_SET, min.rule(Rule.atMost(max)));
    attributes.put(AttributeType.MAX_SET, max.rule(Rule.atLeast(min)));
    attributes.put(AttributeType.ACTUAL, actual.rule(Rule.atLeast(min)).rule(Rule.atMost(max)));
    variable
        .attribute(AttributeType.TARGET)
        .ifPresent(
            t ->
                attributes.put(
                    AttributeType.TARGET, t.rule(Rule.atLeast(min)).rule(Rule.atMost(max))));
    return new DeviceVariable<>(
        variable.component(), variable.variable(), attributes, variable.supportsMonitoring());
  }

  /** Adds a Target attribute of the same type as Actual. */
  public DeviceVariable<T> withTarget(T defaultValue, Mutability mutability) {
    Map<AttributeType, Key<T>> more = new EnumMap<>(attributes);
    more.put(AttributeType.TARGET, attributeKey(AttributeType.TARGET, defaultValue, mutability));
    return new DeviceVariable<>(component, variable, more, supportsMonitoring);
  }

  /** The same variable with {@code shape} applied to its Actual key (a station maker's choice). */
  public DeviceVariable<T> withActual(UnaryOperator<Key<T>> shape) {
    Map<AttributeType, Key<T>> more = new EnumMap<>(attributes);
    more.put(AttributeType.ACTUAL, shape.apply(actual()));
    return new DeviceVariable<>(component, variable, more, supportsMonitoring);
  }

  public Key<T> actual() {
    return attributes.get(AttributeType.ACTUAL);
  }

  public Optional<Key<T>> attribute(AttributeType type) {
    return Optional.ofNullable(attributes.get(type));
  }

  /** Whether the specification makes this variable mandatory (taken from the Actual key). */
  public boolean required() {
    return actual().required();
  }

  /** The name a key of this address gets, e.g. {@code EVSE@1.Power:MaxSet}. */
  public static String keyName(ComponentId component, VariableId variable, AttributeType type) {
    String base = component + "." + variable;
    return switch (type) {
      case ACTUAL -> base;
      case TARGET -> base + ":Target";
      case MIN_SET -> base + ":MinSet";
      case MAX_SET -> base + ":MaxSet";
    };
  }

  private Key<T> attributeKey(AttributeType type, T defaultValue, Mutability mutability) {
    Key<T> actual = actual();
    Key<T> key = Key.of(keyName(component, variable, type), actual.type(), defaultValue);
    if (actual.unit() != null) {
      key = key.unit(actual.unit());
    }
    return switch (mutability) {
      case READ_ONLY -> key;
      case READ_WRITE -> key.readWrite();
      case WRITE_ONLY -> key.writeOnly();
    };
  }

  @Override
  public String toString() {
    return component + "." + variable;
  }
}
