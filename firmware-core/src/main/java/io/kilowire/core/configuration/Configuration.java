package io.kilowire.core.configuration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current values of a fixed set of keys. Reads are typed; writes are validated, persisted
 * through the {@link ConfigurationStore} before they count, and then announced to listeners so the
 * runtime can react (a new heartbeat interval reschedules the heartbeat).
 *
 * <p>A key marked {@link Key#rebootRequired()} keeps its old effective value until restart: {@link
 * #get} returns what is in effect, {@link #configured} and {@link #text} what was set (and will be
 * in effect after the reboot). Listeners hear only about effective changes.
 *
 * <p>Not thread-safe: confine an instance to the station's event loop.
 */
public final class Configuration {
  private static final Logger LOG = LoggerFactory.getLogger(Configuration.class);

  // The key names in report order, shared by the stations that have the same; this station's
  // definitions by the same positions.
  private final SharedOrder<String> names;
  private final Key<?>[] keys;
  private final ConfigurationStore store;

  /**
   * Values set or loaded that differ from the key's default; a key absent here has its default.
   * Holding only those keeps thousands of emulated stations from each carrying a copy of every
   * default.
   */
  private final Map<String, Object> values = new HashMap<>();

  /** For reboot-required keys changed since boot: the value still in effect. */
  private final Map<String, Object> bootValues = new HashMap<>();

  /** Live keys: read from what the station is, not from a stored value. */
  private final Map<String, Supplier<?>> live = new HashMap<>();

  private final Map<String, List<ChangeListener<?>>> listeners = new HashMap<>();
  private final List<Consumer<Key<?>>> anyListeners = new ArrayList<>();

  private Configuration(Collection<Key<?>> definitions, ConfigurationStore store) {
    this.names = SharedOrder.of(definitions.stream().map(Key::name).toList());
    this.keys = definitions.toArray(Key<?>[]::new);
    this.store = store;
    load();
  }

  /** Starts from {@code keys} (their order is the report order). */
  public static Builder builder(Collection<? extends Key<?>> keys) {
    return new Builder(keys);
  }

  /** Every key this station has, in report order. */
  public List<Key<?>> keys() {
    return List.of(keys);
  }

  /** The station's definition of the key called {@code name}. */
  public Optional<Key<?>> key(String name) {
    return Optional.ofNullable(lookup(name));
  }

  public boolean contains(Key<?> key) {
    return names.position(key.name()) >= 0;
  }

  private @Nullable Key<?> lookup(String name) {
    int at = names.position(name);
    return at < 0 ? null : keys[at];
  }

  /**
   * The station's definition of {@code key}: the builder may have replaced the registry's (another
   * default, a tighter bound, read-only instead of read-write).
   */
  @SuppressWarnings("unchecked") // keys are registered by name with their own value type
  public <T> Key<T> definition(Key<T> key) {
    Key<?> def = lookup(key.name());
    if (def == null) {
      throw new IllegalArgumentException("this station has no key " + key.name());
    }
    return (Key<T>) def;
  }

  /** The value in effect. */
  @SuppressWarnings("unchecked")
  public <T> T get(Key<T> key) {
    String name = definition(key).name();
    Supplier<?> source = live.get(name);
    if (source != null) {
      return (T) source.get();
    }
    Object value = bootValues.containsKey(name) ? bootValues.get(name) : setOrDefault(name);
    return (T) value;
  }

  /** The value in effect, or the key's default when this station lacks the key. */
  public <T> T getOrDefault(Key<T> key) {
    return contains(key) ? get(key) : key.defaultValue();
  }

  /** The value last set; differs from {@link #get} while a reboot is pending. */
  @SuppressWarnings("unchecked")
  public <T> T configured(Key<T> key) {
    String name = definition(key).name();
    Supplier<?> source = live.get(name);
    return (T) (source != null ? source.get() : setOrDefault(name));
  }

  private Object setOrDefault(String name) {
    Object value = values.get(name);
    return value != null ? value : Objects.requireNonNull(lookup(name)).defaultValue();
  }

  private void putValue(Key<?> def, Object value) {
    if (value.equals(def.defaultValue())) {
      values.remove(def.name());
    } else {
      values.put(def.name(), value);
    }
  }

  /**
   * Makes {@code key} live: every read asks {@code source}, so it reports what the station is now
   * (an availability state, an entry count) rather than a value someone stored. For read-only,
   * unpersisted keys; a write to a live key would be overruled by the next read.
   *
   * @throws IllegalArgumentException if the key is writable over OCPP or persisted
   */
  public <T> void live(Key<T> key, Supplier<T> source) {
    Key<T> def = definition(key);
    if (def.mutability().writable() || def.stored()) {
      throw new IllegalArgumentException(
          def.name() + " is writable or persisted; it cannot be live");
    }
    live.put(def.name(), source);
  }

  /** {@link #configured} as OCPP text. */
  public String text(Key<?> key) {
    return formatted(definition(key));
  }

  /** Names of reboot-required keys whose new value waits for a restart. */
  public Set<String> pendingReboot() {
    return Set.copyOf(bootValues.keySet());
  }

  /**
   * A write by the station itself (say, a larger SecurityProfile after SetNetworkProfile): ignores
   * mutability but passes the same type bounds and rules as a write by the CSMS.
   *
   * @throws InvalidValueException when the value is not allowed
   */
  public <T> void set(Key<T> key, T value) {
    Key<T> def = definition(key);
    T checked = def.type().validate(value);
    checkRules(def, checked);
    commit(def, checked);
  }

  /** A write by the CSMS: mutability, parsing, bounds and rules decide. */
  public WriteResult write(Key<?> key, String text) {
    return writeChecked(definition(key), text);
  }

  /** Calls {@code listener} after each effective change of {@code key}. */
  public <T> Subscription onChange(Key<T> key, ChangeListener<T> listener) {
    String name = definition(key).name();
    List<ChangeListener<?>> list = listeners.computeIfAbsent(name, n -> new ArrayList<>());
    list.add(listener);
    return () -> list.remove(listener);
  }

  /** Calls {@code listener} with the key after each effective change of any key. */
  public Subscription onAnyChange(Consumer<Key<?>> listener) {
    anyListeners.add(listener);
    return () -> anyListeners.remove(listener);
  }

  /** What {@link ConfigurationStore#save} receives: every stored key's configured value as text. */
  public Map<String, String> snapshot() {
    Map<String, String> snapshot = new TreeMap<>();
    for (Key<?> key : keys) {
      if (key.stored()) {
        snapshot.put(key.name(), formatted(key));
      }
    }
    return snapshot;
  }

  private <T> WriteResult writeChecked(Key<T> def, String text) {
    if (!def.mutability().writable()) {
      return WriteResult.readOnly();
    }
    T value;
    try {
      value = def.type().parse(text);
    } catch (InvalidValueException e) {
      // Type errors quote the text; a secret must not come back in a reason or a log line.
      return WriteResult.invalid(
          def.mutability() == Mutability.WRITE_ONLY
              ? "not a valid " + def.type().dataType().name().toLowerCase(Locale.ROOT)
              : String.valueOf(e.getMessage()));
    }
    try {
      checkRules(def, value);
    } catch (InvalidValueException e) {
      return WriteResult.invalid(String.valueOf(e.getMessage()));
    }
    commit(def, value);
    return bootValues.containsKey(def.name())
        ? WriteResult.rebootRequired()
        : WriteResult.accepted();
  }

  private <T> void checkRules(Key<T> def, T value) {
    T current = configured(def);
    for (Rule<T> rule : def.rules()) {
      String violation = rule.violation(value, current, this);
      if (violation != null) {
        throw new InvalidValueException(violation);
      }
    }
  }

  private <T> void commit(Key<T> def, T value) {
    String name = def.name();
    T old = configured(def);
    if (old.equals(value)) {
      return;
    }
    if (def.stored()) {
      // Persist first: if the store fails the change never happened and the caller sees why.
      Map<String, String> next = snapshot();
      next.put(name, def.type().format(value));
      store.save(next);
    }
    putValue(def, value);
    if (def.rebootRequired()) {
      if (!bootValues.containsKey(name)) {
        bootValues.put(name, old);
      } else if (bootValues.get(name).equals(value)) {
        bootValues.remove(name);
      }
      return;
    }
    notifyListeners(def, old, value);
  }

  @SuppressWarnings("unchecked")
  private <T> void notifyListeners(Key<T> def, T old, T value) {
    for (ChangeListener<?> listener : List.copyOf(listeners.getOrDefault(def.name(), List.of()))) {
      try {
        ((ChangeListener<T>) listener).changed(old, value);
      } catch (RuntimeException e) {
        // The value is committed and persisted; one failing listener must not hide it from others.
        LOG.error("Listener for {} failed", def.name(), e);
      }
    }
    for (Consumer<Key<?>> listener : List.copyOf(anyListeners)) {
      try {
        listener.accept(def);
      } catch (RuntimeException e) {
        LOG.error("Listener for {} failed", def.name(), e);
      }
    }
  }

  private <T> String formatted(Key<T> def) {
    return def.type().format(configured(def));
  }

  private void load() {
    Map<String, String> saved;
    try {
      saved = store.load();
    } catch (RuntimeException e) {
      // A station that cannot boot is worse than one that boots with its defaults.
      LOG.warn("Could not load the saved configuration; starting from defaults", e);
      return;
    }
    saved.forEach(this::loadOne);
  }

  private void loadOne(String name, String text) {
    Key<?> key = lookup(name);
    if (key == null) {
      LOG.warn("Ignoring saved value of unknown key {}", name);
      return;
    }
    if (!key.stored()) {
      LOG.debug("Ignoring saved value of {}: it is not persisted", name);
      return;
    }
    try {
      putValue(key, key.type().parse(text));
    } catch (InvalidValueException e) {
      if (key.mutability() == Mutability.WRITE_ONLY) {
        LOG.warn("Saved value of {} is invalid; using the default", name);
      } else {
        LOG.warn(
            "Saved value of {} is invalid ({}); using the default {}",
            name,
            e.getMessage(),
            defaultText(key));
      }
    }
  }

  private static <T> String defaultText(Key<T> key) {
    return key.type().format(key.defaultValue());
  }

  /** Chooses this station's keys and their fixed values before the saved values are loaded. */
  public static final class Builder {
    private final Map<String, Key<?>> keys = new LinkedHashMap<>();
    private ConfigurationStore store = new InMemoryConfigurationStore();

    private Builder(Collection<? extends Key<?>> initial) {
      initial.forEach(this::add);
    }

    /** Adds a key, e.g. a vendor-specific one. */
    public Builder add(Key<?> key) {
      if (keys.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException("duplicate key " + key.name());
      }
      return this;
    }

    /** Replaces the definition with the same name (another default, bound or mutability). */
    public Builder replace(Key<?> key) {
      if (keys.replace(key.name(), key) == null) {
        throw new IllegalArgumentException("no key " + key.name() + " to replace");
      }
      return this;
    }

    /** Whether this station has {@code key} (it is not dropped). */
    public boolean has(Key<?> key) {
      return keys.containsKey(key.name());
    }

    /** Drops an optional key the station does not support; it then reads as unknown. */
    public Builder without(Key<?> key) {
      Key<?> removed = keys.remove(key.name());
      if (removed == null) {
        throw new IllegalArgumentException("no key " + key.name());
      }
      if (removed.required()) {
        throw new IllegalArgumentException(key.name() + " is required and cannot be dropped");
      }
      return this;
    }

    /**
     * The station maker's value for a key (NumberOfConnectors, limits, defaults). It becomes the
     * key's default, so a corrupt saved value falls back to it.
     */
    @SuppressWarnings("unchecked")
    public <T> Builder initial(Key<T> key, T value) {
      Key<T> def = (Key<T>) keys.get(key.name());
      if (def == null) {
        throw new IllegalArgumentException("no key " + key.name());
      }
      keys.put(key.name(), def.withDefault(value));
      return this;
    }

    public Builder store(ConfigurationStore configurationStore) {
      this.store = configurationStore;
      return this;
    }

    /** Loads the saved values: unknown or invalid ones are logged and skipped. */
    public Configuration build() {
      return new Configuration(keys.values(), store);
    }
  }
}
