package io.kilowire.core.configuration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A station's OCPP 2.0.1 device model: its components and variables, with the values held in a
 * {@link Configuration} (one key per variable attribute). Lookups by address serve GetVariables,
 * SetVariables and GetBaseReport; typed reads serve the station logic.
 */
public final class DeviceModel {
  private final List<DeviceVariable<?>> variables;
  // The addresses (and components) in report order, shared by the stations that have the same
  // ones; the variable at an address is the one at its position in this station's list.
  private final SharedOrder<Address> addresses;
  private final SharedOrder<ComponentId> components;
  private final Configuration configuration;

  private record Address(ComponentId component, VariableId variable) {}

  private DeviceModel(List<DeviceVariable<?>> variables, Configuration configuration) {
    this.variables = List.copyOf(variables);
    this.configuration = configuration;
    this.addresses =
        SharedOrder.of(
            this.variables.stream().map(v -> new Address(v.component(), v.variable())).toList());
    this.components =
        SharedOrder.of(this.variables.stream().map(DeviceVariable::component).distinct().toList());
  }

  /** The standardized components and variables for {@code layout} ({@link V201Variables}). */
  public static Builder builder(StationLayout layout) {
    return new Builder(V201Variables.standard(layout));
  }

  /** A model of exactly {@code variables}, e.g. for tests or a vendor's own components. */
  public static Builder builder(Collection<? extends DeviceVariable<?>> variables) {
    return new Builder(variables);
  }

  /** Holds the values; listeners and persistence live there. */
  public Configuration configuration() {
    return configuration;
  }

  /** All variables, in report order. */
  public List<DeviceVariable<?>> variables() {
    return variables;
  }

  public List<ComponentId> components() {
    return components.order();
  }

  public boolean hasComponent(ComponentId component) {
    return components.position(component) >= 0;
  }

  /** The station's variable at this address. */
  public Optional<DeviceVariable<?>> find(ComponentId component, VariableId variable) {
    int at = addresses.position(new Address(component, variable));
    return at < 0 ? Optional.empty() : Optional.of(variables.get(at));
  }

  public boolean contains(DeviceVariable<?> variable) {
    return find(variable.component(), variable.variable()).isPresent();
  }

  /** The Actual value in effect. */
  public <T> T get(DeviceVariable<T> variable) {
    return configuration.get(variable.actual());
  }

  /** Makes the Actual value of {@code variable} live: see {@link Configuration#live}. */
  public <T> void live(DeviceVariable<T> variable, Supplier<T> source) {
    configuration.live(variable.actual(), source);
  }

  /** The Actual value in effect, or the variable's default when the station lacks it. */
  public <T> T getOrDefault(DeviceVariable<T> variable) {
    return configuration.getOrDefault(variable.actual());
  }

  /**
   * The station's own write of the Actual value (a new AvailabilityState, an entry count).
   *
   * @throws InvalidValueException when the type or a rule refuses it
   */
  public <T> void set(DeviceVariable<T> variable, T value) {
    configuration.set(variable.actual(), value);
  }

  /** Chooses the variables and their fixed values before the saved values are loaded. */
  public static final class Builder {
    private final Map<String, DeviceVariable<?>> variables = new LinkedHashMap<>();
    private final Map<String, Object> initial = new LinkedHashMap<>();
    private ConfigurationStore store = new InMemoryConfigurationStore();

    private Builder(Collection<? extends DeviceVariable<?>> standard) {
      standard.forEach(this::add);
    }

    /** Adds a variable, e.g. a vendor-specific one. */
    public Builder add(DeviceVariable<?> variable) {
      if (variables.putIfAbsent(variable.toString(), variable) != null) {
        throw new IllegalArgumentException("duplicate variable " + variable);
      }
      return this;
    }

    /** Replaces the variable at the same address (another bound, mutability or attributes). */
    public Builder replace(DeviceVariable<?> variable) {
      if (variables.replace(variable.toString(), variable) == null) {
        throw new IllegalArgumentException("no variable " + variable + " to replace");
      }
      return this;
    }

    /** Whether the model has {@code variable} (it is not dropped). */
    public boolean has(DeviceVariable<?> variable) {
      return variables.containsKey(variable.toString());
    }

    /** Drops an optional variable the station does not support. */
    public Builder without(DeviceVariable<?> variable) {
      DeviceVariable<?> removed = variables.remove(variable.toString());
      if (removed == null) {
        throw new IllegalArgumentException("no variable " + variable);
      }
      if (removed.required()) {
        throw new IllegalArgumentException(variable + " is required and cannot be dropped");
      }
      return this;
    }

    /** The station maker's Actual value, which also becomes the fallback default. */
    public <T> Builder initial(DeviceVariable<T> variable, T value) {
      if (!variables.containsKey(variable.toString())) {
        throw new IllegalArgumentException("no variable " + variable);
      }
      initial.put(variable.actual().name(), value);
      return this;
    }

    public Builder store(ConfigurationStore configurationStore) {
      this.store = configurationStore;
      return this;
    }

    public DeviceModel build() {
      List<Key<?>> keys = new ArrayList<>();
      for (DeviceVariable<?> v : variables.values()) {
        for (AttributeType type : AttributeType.values()) {
          v.attribute(type).ifPresent(keys::add);
        }
      }
      Configuration.Builder config = Configuration.builder(keys).store(store);
      for (Key<?> key : keys) {
        if (initial.containsKey(key.name())) {
          setInitial(config, key, initial.get(key.name()));
        }
      }
      return new DeviceModel(List.copyOf(variables.values()), config.build());
    }

    @SuppressWarnings("unchecked") // initial(...) paired each value with its variable's type
    private static <T> void setInitial(Configuration.Builder config, Key<T> key, Object value) {
      config.initial(key, (T) value);
    }
  }
}
