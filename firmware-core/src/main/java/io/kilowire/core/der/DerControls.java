package io.kilowire.core.der;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The DER controls a station holds, in the order set, and which one of each type is in force:
 * within its window a scheduled control outranks the default ones; among several, the lowest
 * priority value wins, the one set last on a tie; a superseded control is never in force (R04.FR.09
 * to 11). Setting a control supersedes every control of the same type and kind (default or
 * scheduled) whose window overlaps it and whose priority is not higher. Pure; the station persists
 * it through {@link DerSnapshot}.
 */
public final class DerControls {

  /** How many controls of one setting shape a report can carry (the schema's 24 per list). */
  public static final int MAX_PER_SHAPE = 24;

  /** The answer to SetDERControl. */
  public enum Status {
    ACCEPTED,
    REJECTED,
    NOT_SUPPORTED,
    NOT_FOUND
  }

  /** What setting a control did: the status, the ids it superseded, and why when rejected. */
  public record SetResult(
      Status status, List<String> supersededIds, @Nullable String reasonCode, String detail) {
    public SetResult {
      supersededIds = List.copyOf(supersededIds);
    }

    static SetResult accepted(List<String> superseded) {
      return new SetResult(Status.ACCEPTED, superseded, null, "");
    }
  }

  /** A control as held: superseded or not. */
  public record Held(DerControl control, boolean superseded) {}

  private final Set<DerControlType> supported;
  private final Map<String, Held> controls = new LinkedHashMap<>();

  /** A book that takes controls of the {@code supported} types only (others: NotSupported). */
  public DerControls(Set<DerControlType> supported) {
    this.supported = supported.isEmpty() ? Set.of() : EnumSet.copyOf(supported);
  }

  public Set<DerControlType> supported() {
    return supported;
  }

  /** SetDERControl: the same id replaces the control held under it. */
  public SetResult set(DerControl control) {
    if (!supported.contains(control.type())) {
      return new SetResult(
          Status.NOT_SUPPORTED, List.of(), "UnsupportedParam", control.type() + " is not executed");
    }
    Held replaced = controls.get(control.id());
    long sameShape =
        controls.values().stream()
            .filter(h -> h.control().type().shape() == control.type().shape())
            .filter(h -> !h.control().id().equals(control.id()))
            .count();
    if (sameShape >= MAX_PER_SHAPE) {
      return new SetResult(
          Status.REJECTED,
          List.of(),
          "OutOfStorage",
          "already " + MAX_PER_SHAPE + " controls of shape " + control.type().shape());
    }
    List<String> superseded = new ArrayList<>();
    for (Map.Entry<String, Held> e : controls.entrySet()) {
      DerControl other = e.getValue().control();
      if (!e.getValue().superseded()
          && !other.id().equals(control.id())
          && other.type() == control.type()
          && other.priority() >= control.priority()
          && other.overlaps(control)) {
        e.setValue(new Held(other, true));
        superseded.add(other.id());
      }
    }
    if (replaced != null) {
      controls.remove(control.id());
    }
    controls.put(control.id(), new Held(control, false));
    return SetResult.accepted(superseded);
  }

  /**
   * GetDERControl: the controls matching every criterion given (null: any); by id, only the control
   * under that id.
   */
  public List<Held> find(
      @Nullable Boolean isDefault, @Nullable DerControlType type, @Nullable String id) {
    return controls.values().stream()
        .filter(h -> id == null || h.control().id().equals(id))
        .filter(h -> id != null || type == null || h.control().type() == type)
        .filter(h -> isDefault == null || h.control().isDefault() == isDefault)
        .toList();
  }

  /**
   * ClearDERControl: by id (the type then unused), else every control of the kind and, if given,
   * the type. Returns how many were cleared.
   */
  public int clear(boolean isDefault, @Nullable DerControlType type, @Nullable String id) {
    List<String> gone = find(isDefault, type, id).stream().map(h -> h.control().id()).toList();
    gone.forEach(controls::remove);
    return gone.size();
  }

  /** Every control held, in the order set. */
  public List<Held> all() {
    return List.copyOf(controls.values());
  }

  /** The control of {@code type} in force at {@code now}, if any. */
  public Optional<DerControl> inForce(DerControlType type, Instant now) {
    Comparator<DerControl> rank =
        Comparator.comparing((DerControl c) -> c.isDefault())
            .thenComparingInt(DerControl::priority);
    DerControl best = null;
    for (Held h : controls.values()) {
      DerControl c = h.control();
      if (h.superseded() || c.type() != type || !c.activeAt(now)) {
        continue;
      }
      if (best == null || rank.compare(c, best) <= 0) {
        best = c; // on a tie the one set later wins
      }
    }
    return Optional.ofNullable(best);
  }

  /** The control in force for each type that has one at {@code now}. */
  public Map<DerControlType, DerControl> inForce(Instant now) {
    Map<DerControlType, DerControl> out = new EnumMap<>(DerControlType.class);
    for (DerControlType type : DerControlType.values()) {
      inForce(type, now).ifPresent(c -> out.put(type, c));
    }
    return out;
  }

  /** The next instant after {@code now} at which a scheduled control starts or ends; null: none. */
  public @Nullable Instant nextChange(Instant now) {
    Instant next = null;
    for (Held h : controls.values()) {
      DerControl c = h.control();
      if (h.superseded() || c.isDefault()) {
        continue;
      }
      for (Instant t : new Instant[] {c.start(), c.end()}) {
        if (t != null && t.isAfter(now) && (next == null || t.isBefore(next))) {
          next = t;
        }
      }
    }
    return next;
  }

  /** Restores what a snapshot held (replacing everything held now). */
  public void restore(List<Held> held) {
    controls.clear();
    held.forEach(h -> controls.put(h.control().id(), h));
  }
}
