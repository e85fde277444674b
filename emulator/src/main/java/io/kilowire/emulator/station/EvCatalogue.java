package io.kilowire.emulator.station;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * EVs an operator can plug in by name (control API, templates, scenarios): typical AC charging
 * behaviours, not particular car makes.
 */
public final class EvCatalogue {
  private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

  /** A named EV and what it stands for. */
  public record Entry(String name, String description, EvModel model) {}

  static {
    add("city", "40 kWh, 16 A on one phase (3.7 kW)", EvModel.of(40_000, 16, 1));
    add("phev", "plug-in hybrid, 13 kWh, 16 A on one phase", EvModel.of(13_000, 16, 1));
    add("compact", "58 kWh, 16 A on three phases (11 kW)", EvModel.of(58_000, 16, 3));
    add("sedan", "77 kWh, 16 A on three phases (11 kW)", EvModel.of(77_000, 16, 3));
    add("suv", "100 kWh, 32 A on three phases (22 kW)", EvModel.of(100_000, 32, 3));
    add("van", "75 kWh, 32 A on two phases", EvModel.of(75_000, 32, 2));
    add(
        "v2g",
        "77 kWh, 16 A on three phases, feeds back up to 16 A (ISO 15118-20 BPT) down to 30 %",
        EvModel.of(77_000, 16, 3).withV2g(16, 30));
  }

  private EvCatalogue() {}

  private static void add(String name, String description, EvModel model) {
    MODELS.put(name, new Entry(name, description, model));
  }

  public static Optional<EvModel> byName(String name) {
    return Optional.ofNullable(MODELS.get(name)).map(Entry::model);
  }

  public static Iterable<Entry> entries() {
    return MODELS.values();
  }

  public static String names() {
    return String.join(", ", MODELS.keySet());
  }
}
