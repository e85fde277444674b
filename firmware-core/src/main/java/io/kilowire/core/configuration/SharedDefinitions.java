package io.kilowire.core.configuration;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Immutable definitions made once per distinct input and then shared: the variables of a station
 * layout, the order of a station's key names. An emulator runs thousands of stations of a few
 * designs in one JVM; each would otherwise hold its own equal copy. Keeps the last few inputs (a
 * JVM holds one station design, an emulator a handful), so it never grows without bound.
 */
final class SharedDefinitions<K, V> {
  private static final int KEPT = 64;

  private final Map<K, V> made = new LinkedHashMap<>();
  private final Function<K, V> make;

  SharedDefinitions(Function<K, V> make) {
    this.make = make;
  }

  /** The shared value for {@code input}, made on first use. */
  synchronized V get(K input) {
    V known = made.get(input);
    if (known != null) {
      return known;
    }
    V value = make.apply(input);
    made.put(input, value);
    if (made.size() > KEPT) {
      Iterator<K> oldest = made.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return value;
  }
}
