package io.kilowire.core.configuration;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A variable of a component: a name and an optional instance, as in {@code
 * MessageAttempts[TransactionEvent]}.
 */
public record VariableId(String name, @Nullable String instance) {
  public VariableId {
    Objects.requireNonNull(name, "name");
  }

  public static VariableId of(String name) {
    return new VariableId(name, null);
  }

  public static VariableId of(String name, String instance) {
    return new VariableId(name, instance);
  }

  @Override
  public String toString() {
    return instance == null ? name : name + "[" + instance + "]";
  }
}
