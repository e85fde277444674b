package io.kilowire.core.configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of names (key names, variable addresses) with each one's position, shared by
 * every station whose list is equal. An emulator runs thousands of stations of one design in one
 * JVM: each then holds only an array of its own definitions by position (a default or a rule may
 * differ per station), not a map of its own. Immutable, so sharing across station threads is safe.
 */
final class SharedOrder<K> {
  private static final SharedDefinitions<List<?>, SharedOrder<?>> SHARED =
      new SharedDefinitions<>(SharedOrder::new);

  private final List<K> order;
  private final Map<K, Integer> positions;

  private SharedOrder(List<K> order) {
    this.order = order;
    Map<K, Integer> byName = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      if (byName.put(order.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate " + order.get(i));
      }
    }
    this.positions = Map.copyOf(byName);
  }

  /** The shared instance for {@code order} (no duplicates). */
  @SuppressWarnings("unchecked") // an equal list holds equal elements, so of the same type
  static <K> SharedOrder<K> of(List<K> order) {
    return (SharedOrder<K>) SHARED.get(List.copyOf(order));
  }

  /** The names in order. */
  List<K> order() {
    return order;
  }

  int size() {
    return order.size();
  }

  /** The position of {@code name}, or -1 if absent. */
  int position(Object name) {
    Integer at = positions.get(name);
    return at == null ? -1 : at;
  }
}
