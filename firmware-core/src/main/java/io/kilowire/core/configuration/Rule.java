package io.kilowire.core.configuration;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A check on a write that depends on more than the value itself: the value it replaces or another
 * key. Rules run on every write (by the CSMS or the station), not when persisted values are loaded.
 */
@FunctionalInterface
public interface Rule<T> {
  /** Why {@code proposed} may not replace {@code current}, or {@code null} when it may. */
  @Nullable String violation(T proposed, T current, Configuration configuration);

  /** The value may stay or grow, never shrink (SecurityProfile: no downgrade through OCPP). */
  static <T extends Comparable<? super T>> Rule<T> onlyIncrease() {
    return (proposed, current, configuration) ->
        proposed.compareTo(current) < 0
            ? "may only increase (from " + current + "), not decrease to " + proposed
            : null;
  }

  /** At most as many members as {@code limit} holds; no limit when the station lacks that key. */
  static Rule<List<String>> maxMembers(Key<Integer> limit) {
    return (proposed, current, configuration) -> {
      if (!configuration.contains(limit)) {
        return null;
      }
      int max = configuration.get(limit);
      return proposed.size() > max
          ? proposed.size() + " members exceed " + limit.name() + " = " + max
          : null;
    };
  }

  /** Text that fully matches {@code pattern}, e.g. a hexadecimal key. */
  static Rule<String> matches(Pattern pattern, String description) {
    return (proposed, current, configuration) ->
        pattern.matcher(proposed).matches() ? null : "must be " + description;
  }

  /** At least as large as the value of {@code lower} (an OCPP 2.0.1 MinSet attribute). */
  static <T extends Comparable<? super T>> Rule<T> atLeast(Key<T> lower) {
    return (proposed, current, configuration) -> {
      T bound = configuration.get(lower);
      return proposed.compareTo(bound) < 0 ? "below " + lower.name() + " = " + bound : null;
    };
  }

  /** At most as large as the value of {@code upper} (an OCPP 2.0.1 MaxSet attribute). */
  static <T extends Comparable<? super T>> Rule<T> atMost(Key<T> upper) {
    return (proposed, current, configuration) -> {
      T bound = configuration.get(upper);
      return proposed.compareTo(bound) > 0 ? "above " + upper.name() + " = " + bound : null;
    };
  }
}
