package io.kilowire.emulator.cli;

import io.kilowire.emulator.control.Fleet;
import io.kilowire.emulator.station.EmulatedStation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The stations of a real-time run: numbered from 1 (ids from the run's prefix), each built from the
 * run's settings or a template, startable and stoppable while the run goes on. A station that stops
 * is closed; starting it builds it anew (a reboot: its persisted state is kept with {@code
 * --state-dir}).
 */
final class RunFleet implements Fleet {
  static final String DEFAULT_TEMPLATE = "default";

  /** Builds station number {@code index} from {@code template}; not started. */
  interface StationBuilder {
    EmulatedStation build(int index, String template, @Nullable URI csms);
  }

  private static final class Slot {
    final int index;
    final String template;
    @Nullable EmulatedStation station;
    @Nullable URI csms; // the CSMS it was moved to; null: the run's

    Slot(int index, String template) {
      this.index = index;
      this.template = template;
    }
  }

  private final IntFunction<String> ids;
  private final StationBuilder builder;
  private final List<String> templates;
  private final @Nullable String fixedReason;
  private final Map<String, Slot> slots = new LinkedHashMap<>(); // guarded by this
  private final List<EmulatedStation> built = new CopyOnWriteArrayList<>();
  private final List<Consumer<EmulatedStation>> builtListeners = new CopyOnWriteArrayList<>();
  private int nextIndex = 1; // guarded by this

  /**
   * @param templates what {@link #add} accepts besides the run's own settings
   * @param fixedReason why stations cannot be added, removed, stopped or started (a site fixes
   *     them); null when they can
   */
  RunFleet(
      IntFunction<String> ids,
      StationBuilder builder,
      List<String> templates,
      @Nullable String fixedReason) {
    this.ids = ids;
    this.builder = builder;
    this.templates = List.copyOf(templates);
    this.fixedReason = fixedReason;
  }

  /** Builds and starts the next station from {@code template}. */
  synchronized EmulatedStation launch(String template) {
    return launch(template, nextIndex);
  }

  /**
   * Builds and starts station number {@code index} from {@code template} (a shard of a fleet starts
   * at its own first number); stations added later take the numbers after it.
   */
  synchronized EmulatedStation launch(String template, int index) {
    Slot slot = new Slot(index, template);
    nextIndex = Math.max(nextIndex, index + 1);
    slots.put(ids.apply(slot.index), slot);
    return startSlot(slot);
  }

  private EmulatedStation startSlot(Slot slot) {
    EmulatedStation station = builder.build(slot.index, slot.template, slot.csms);
    builtListeners.forEach(l -> l.accept(station));
    built.add(station);
    slot.station = station;
    station.start();
    return station;
  }

  /** Every station built during the run, stopped or not (for the run's summary). */
  List<EmulatedStation> everBuilt() {
    return List.copyOf(built);
  }

  /** The stations running now. */
  synchronized List<EmulatedStation> runningStations() {
    List<EmulatedStation> up = new ArrayList<>();
    for (Slot slot : slots.values()) {
      if (slot.station != null) {
        up.add(slot.station);
      }
    }
    return up;
  }

  /** Takes the running stations out of the fleet, for the run to close them (in parallel). */
  synchronized List<EmulatedStation> detachAll() {
    List<EmulatedStation> up = new ArrayList<>();
    for (Slot slot : slots.values()) {
      EmulatedStation s = slot.station;
      if (s != null) {
        up.add(s);
        slot.station = null;
      }
    }
    return up;
  }

  @Override
  public synchronized List<String> ids() {
    return new ArrayList<>(slots.keySet());
  }

  @Override
  public synchronized Optional<EmulatedStation> running(String id) {
    Slot slot = slots.get(id);
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.station);
  }

  @Override
  public synchronized boolean exists(String id) {
    return slots.containsKey(id);
  }

  @Override
  public synchronized String template(String id) {
    Slot slot = slots.get(id);
    return slot == null ? DEFAULT_TEMPLATE : slot.template;
  }

  @Override
  public List<String> templates() {
    List<String> all = new ArrayList<>();
    all.add(DEFAULT_TEMPLATE);
    all.addAll(templates);
    return all;
  }

  @Override
  public synchronized List<String> add(@Nullable String template, int count) {
    changeable();
    String t = template == null ? DEFAULT_TEMPLATE : template;
    if (!templates().contains(t)) {
      throw new FleetException(
          "template", "template: unknown template '" + t + "'; one of " + templates());
    }
    if (slots.size() + count > 10_000) {
      throw new FleetException("count", "count: a run holds at most 10000 stations");
    }
    List<String> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(launch(t).id());
    }
    return added;
  }

  @Override
  public synchronized void remove(String id) {
    changeable();
    stop(id);
    slots.remove(id);
  }

  @Override
  public synchronized void start(String id) {
    changeable();
    Slot slot = slots.get(id);
    if (slot != null && slot.station == null) {
      startSlot(slot);
    }
  }

  @Override
  public synchronized void stop(String id) {
    changeable();
    Slot slot = slots.get(id);
    if (slot != null && slot.station != null) {
      slot.station.close();
      slot.station = null;
    }
  }

  @Override
  public synchronized void csms(String id, URI url) {
    Slot slot = slots.get(id);
    if (slot != null) {
      slot.csms = url;
    }
  }

  @Override
  public void onBuilt(Consumer<EmulatedStation> listener) {
    builtListeners.add(listener);
  }

  private void changeable() {
    if (fixedReason != null) {
      throw new io.kilowire.emulator.control.ApiError(409, null, fixedReason);
    }
  }
}
