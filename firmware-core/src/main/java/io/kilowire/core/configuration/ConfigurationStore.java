package io.kilowire.core.configuration;

import java.util.Map;

/**
 * Persistence port for configuration values, as text by key name. Implementations make {@link
 * #save} atomic (all values or none, e.g. write a temporary file and rename it), so a power cut
 * never leaves half a configuration behind.
 */
public interface ConfigurationStore {
  /** The values saved last; empty on first boot. */
  Map<String, String> load();

  /** Replaces everything saved before with {@code values}. */
  void save(Map<String, String> values);
}
