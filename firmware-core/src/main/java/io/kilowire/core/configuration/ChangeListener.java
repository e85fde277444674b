package io.kilowire.core.configuration;

/** Told after a key's effective value changed (and was persisted). */
@FunctionalInterface
public interface ChangeListener<T> {
  void changed(T oldValue, T newValue);
}
