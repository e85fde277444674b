package io.kilowire.core.tariff;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The default tariffs a station holds, per EVSE (2.1 I07, I09, I10): one installed for EVSE 0 is
 * installed on every EVSE. An EVSE may hold several, each from its {@code validFrom}; the one in
 * force is the latest that has begun, and one it has overtaken is dropped. A tariff id names one
 * content: installing other content under a known id is refused.
 */
public final class TariffBook {
  /** How a tariff was refused, in the words of 2.1's statuses. */
  public enum Refusal {
    TOO_MANY_ELEMENTS,
    CONDITION_NOT_SUPPORTED,
    DUPLICATE_TARIFF_ID
  }

  /** What the station can calculate with (TariffCostCtrlr MaxElements / ConditionsSupported). */
  public record Limits(int maxElements, boolean conditionsSupported) {}

  /** Where a tariff is installed (GetTariffs). */
  public record Assignment(String tariffId, @Nullable Instant validFrom, List<Integer> evses) {}

  /** What ClearTariffs did for one tariff id; null id: nothing matched. */
  public record Cleared(@Nullable String tariffId, boolean found) {}

  private final int evseCount;
  // Per EVSE, by validFrom (null: from the beginning of time), in installation order.
  private final Map<Integer, List<Tariff>> byEvse = new TreeMap<>();

  public TariffBook(int evseCount) {
    this.evseCount = evseCount;
  }

  /** Why {@code tariff} cannot be used here; empty if it can. */
  public static Optional<Refusal> check(Tariff tariff, Limits limits) {
    if (tariff.mostElements() > limits.maxElements()) {
      return Optional.of(Refusal.TOO_MANY_ELEMENTS);
    }
    if (!limits.conditionsSupported() && tariff.conditional()) {
      return Optional.of(Refusal.CONDITION_NOT_SUPPORTED);
    }
    return Optional.empty();
  }

  /**
   * Installs {@code tariff} as the default of {@code evse} (0: every EVSE), as of its {@code
   * validFrom}; one there from the same instant is replaced. Empty if it was installed.
   */
  public Optional<Refusal> install(int evse, Tariff tariff, Limits limits) {
    Optional<Refusal> refused = check(tariff, limits);
    if (refused.isPresent()) {
      return refused;
    }
    Optional<Tariff> known = find(tariff.id());
    if (known.isPresent() && !known.get().equals(tariff)) {
      return Optional.of(Refusal.DUPLICATE_TARIFF_ID);
    }
    for (int e : evses(evse)) {
      List<Tariff> held = byEvse.computeIfAbsent(e, k -> new ArrayList<>());
      held.removeIf(
          t ->
              t.id().equals(tariff.id())
                  || java.util.Objects.equals(t.validFrom(), tariff.validFrom()));
      held.add(tariff);
      held.sort(Comparator.comparing(t -> t.validFrom() == null ? Instant.MIN : t.validFrom()));
    }
    return Optional.empty();
  }

  /**
   * The default tariff in force on {@code evse} at {@code now}: the latest one whose validFrom has
   * come; those it overtook are dropped.
   */
  public Optional<Tariff> inForce(int evse, Instant now) {
    List<Tariff> held = byEvse.getOrDefault(evse, List.of());
    Tariff current = null;
    for (Tariff t : held) {
      if (t.validFrom() == null || !t.validFrom().isAfter(now)) {
        current = t;
      }
    }
    if (current != null) {
      Tariff kept = current;
      held.removeIf(t -> t != kept && (t.validFrom() == null || !t.validFrom().isAfter(now)));
    }
    return Optional.ofNullable(current);
  }

  /** The tariff of that id on any EVSE. */
  public Optional<Tariff> find(String tariffId) {
    return byEvse.values().stream()
        .flatMap(List::stream)
        .filter(t -> t.id().equals(tariffId))
        .findFirst();
  }

  /** Every default tariff on {@code evse} (0: on any), with the EVSEs it is on. */
  public List<Assignment> assignments(int evse) {
    Map<String, Assignment> found = new LinkedHashMap<>();
    byEvse.forEach(
        (e, held) -> {
          if (evse != 0 && e != evse) {
            return;
          }
          for (Tariff t : held) {
            Assignment a = found.get(t.id());
            List<Integer> on = new ArrayList<>(a == null ? List.of() : a.evses());
            on.add(e);
            found.put(t.id(), new Assignment(t.id(), t.validFrom(), on));
          }
        });
    return List.copyOf(found.values());
  }

  /**
   * Removes default tariffs (I10): those of the ids given (all, if none) from {@code evse} (every
   * EVSE, if null). One result per id asked for, or per tariff removed when none was asked for;
   * nothing to remove gives one result without id, not found.
   */
  public List<Cleared> clear(@Nullable List<String> tariffIds, @Nullable Integer evse) {
    List<Cleared> results = new ArrayList<>();
    if (tariffIds != null && !tariffIds.isEmpty()) {
      for (String id : tariffIds) {
        results.add(new Cleared(id, remove(id, evse)));
      }
      return results;
    }
    List<String> present =
        assignments(evse == null ? 0 : evse).stream().map(Assignment::tariffId).toList();
    for (String id : present) {
      remove(id, evse);
      results.add(new Cleared(id, true));
    }
    if (results.isEmpty()) {
      results.add(new Cleared(null, false));
    }
    return results;
  }

  private boolean remove(String id, @Nullable Integer evse) {
    boolean removed = false;
    for (Map.Entry<Integer, List<Tariff>> e : byEvse.entrySet()) {
      if (evse == null || evse == 0 || e.getKey().equals(evse)) {
        removed |= e.getValue().removeIf(t -> t.id().equals(id));
      }
    }
    byEvse.values().removeIf(List::isEmpty);
    return removed;
  }

  private List<Integer> evses(int evse) {
    if (evse != 0) {
      return List.of(evse);
    }
    List<Integer> all = new ArrayList<>();
    for (int e = 1; e <= evseCount; e++) {
      all.add(e);
    }
    return all;
  }

  // ------------------------------------------------------------------------------ snapshot

  /** The book as bytes, for the station's snapshot store. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(byEvse.size());
      for (Map.Entry<Integer, List<Tariff>> e : byEvse.entrySet()) {
        out.writeInt(e.getKey());
        out.writeInt(e.getValue().size());
        for (Tariff t : e.getValue()) {
          TariffFormat.write(out, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A book read back from {@link #toBytes}. */
  public static TariffBook fromBytes(int evseCount, byte[] data) throws IOException {
    TariffBook book = new TariffBook(evseCount);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int evses = in.readInt();
      for (int i = 0; i < evses; i++) {
        int evse = in.readInt();
        int count = in.readInt();
        List<Tariff> held = new ArrayList<>();
        for (int j = 0; j < count; j++) {
          held.add(TariffFormat.read(in));
        }
        book.byEvse.put(evse, held);
      }
    }
    return book;
  }
}
