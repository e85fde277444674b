package io.kilowire.core.configuration;

import java.util.Map;

/** A store that lives as long as the object: for tests, the emulator and stations without flash. */
public final class InMemoryConfigurationStore implements ConfigurationStore {
  private Map<String, String> saved;
  private int saves;

  public InMemoryConfigurationStore() {
    this(Map.of());
  }

  public InMemoryConfigurationStore(Map<String, String> initial) {
    this.saved = Map.copyOf(initial);
  }

  @Override
  public Map<String, String> load() {
    return saved;
  }

  @Override
  public void save(Map<String, String> values) {
    saved = Map.copyOf(values);
    saves++;
  }

  /** How often {@link #save} ran. */
  public int saveCount() {
    return saves;
  }
}
