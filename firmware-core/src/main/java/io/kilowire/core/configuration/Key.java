package io.kilowire.core.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The definition of one configuration value: an OCPP 1.6 key, or one attribute of an OCPP 2.0.1
 * device-model variable. Immutable; the withers return adjusted copies so registries read as
 * tables.
 *
 * @param name the OCPP 1.6 key, or the device-model address for 2.0.1; also the persistence name
 * @param type parsing, formatting and bounds
 * @param defaultValue the value until the station maker or the CSMS sets another
 * @param mutability who may read and write it over OCPP
 * @param rebootRequired a change takes effect only after a reboot
 * @param unit the unit of measure for numbers (s, Wh, %, W, B), if any
 * @param required the specification makes the key mandatory (a station may not drop it)
 * @param constant fixed by the station maker for this build (hardware, limits); never persisted
 * @param persistent the value survives a reboot; false for live readings such as a count
 * @param rules checks a write must pass beyond the type's bounds
 */
public record Key<T>(
    String name,
    ValueType<T> type,
    T defaultValue,
    Mutability mutability,
    boolean rebootRequired,
    @Nullable String unit,
    boolean required,
    boolean constant,
    boolean persistent,
    List<Rule<T>> rules) {

  public Key {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a key needs a name");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(mutability, "mutability");
    rules = List.copyOf(rules);
    try {
      // A table entry whose default its own type rejects is a programming error: fail at startup.
      defaultValue = type.validate(defaultValue);
    } catch (InvalidValueException e) {
      throw new IllegalArgumentException(
          "default of " + name + " is invalid: " + e.getMessage(), e);
    }
  }

  /** A read-only, optional, persistent key without unit or rules; adjust with the withers. */
  public static <T> Key<T> of(String name, ValueType<T> type, T defaultValue) {
    return new Key<>(
        name, type, defaultValue, Mutability.READ_ONLY, false, null, false, false, true, List.of());
  }

  public Key<T> readOnly() {
    return withMutability(Mutability.READ_ONLY);
  }

  public Key<T> readWrite() {
    return withMutability(Mutability.READ_WRITE);
  }

  public Key<T> writeOnly() {
    return withMutability(Mutability.WRITE_ONLY);
  }

  /** Read-only and fixed by the station maker: reported, never persisted. */
  public Key<T> asConstant() {
    return new Key<>(
        name,
        type,
        defaultValue,
        Mutability.READ_ONLY,
        rebootRequired,
        unit,
        required,
        true,
        persistent,
        rules);
  }

  public Key<T> requiringReboot() {
    return new Key<>(
        name, type, defaultValue, mutability, true, unit, required, constant, persistent, rules);
  }

  public Key<T> unit(String unitOfMeasure) {
    return new Key<>(
        name,
        type,
        defaultValue,
        mutability,
        rebootRequired,
        unitOfMeasure,
        required,
        constant,
        persistent,
        rules);
  }

  public Key<T> mandatory() {
    return new Key<>(
        name,
        type,
        defaultValue,
        mutability,
        rebootRequired,
        unit,
        true,
        constant,
        persistent,
        rules);
  }

  /** A live value the station reports (a count, a state); it starts from the default each boot. */
  public Key<T> notPersisted() {
    return new Key<>(
        name,
        type,
        defaultValue,
        mutability,
        rebootRequired,
        unit,
        required,
        constant,
        false,
        rules);
  }

  /** A change takes effect at the next reboot (SetVariables answers RebootRequired). */
  public Key<T> afterReboot() {
    return new Key<>(
        name, type, defaultValue, mutability, true, unit, required, constant, persistent, rules);
  }

  public Key<T> rule(Rule<T> rule) {
    List<Rule<T>> more = new ArrayList<>(rules);
    more.add(rule);
    return new Key<>(
        name,
        type,
        defaultValue,
        mutability,
        rebootRequired,
        unit,
        required,
        constant,
        persistent,
        more);
  }

  /** The same definition with another default, e.g. a station maker's value. */
  public Key<T> withDefault(T value) {
    return new Key<>(
        name, type, value, mutability, rebootRequired, unit, required, constant, persistent, rules);
  }

  /** Whether {@link Configuration#save} writes this key's value to the store. */
  public boolean stored() {
    return persistent && !constant;
  }

  private Key<T> withMutability(Mutability m) {
    return new Key<>(
        name,
        type,
        defaultValue,
        m,
        rebootRequired,
        unit,
        required,
        constant && m == Mutability.READ_ONLY,
        persistent,
        rules);
  }

  @Override
  public String toString() {
    return "Key[" + name + "]";
  }
}
