package io.kilowire.core.station.reservations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The reservations in force and what they mean for each EVSE, without time: whether a new one can
 * be made, whether an EVSE shows Reserved, whether a token may start on an EVSE and which
 * reservation it then uses.
 *
 * <p>A reservation for any EVSE (or any of a connector type) holds no EVSE in particular, but the
 * station keeps one free EVSE that fits for each such reservation (1.6 §5.13, 2.0.1 H01.FR.07 and
 * .09): the reservations must fit into the free EVSEs, one each (a bipartite matching, checked with
 * augmenting paths; a station has few EVSEs). A free EVSE without which they no longer fit is shown
 * Reserved (H01.FR.20 and .24) and refuses other tokens.
 */
public final class ReservationBook {
  /** What a station says of each EVSE. */
  public record Evses(
      int count,
      IntPredicate faulted,
      IntPredicate operative,
      IntPredicate busy,
      IntFunction<String> connectorType) {}

  /** Whether a ReserveNow can be honoured, and if not why (the statuses of both versions). */
  public enum Outcome {
    ACCEPTED,
    FAULTED,
    OCCUPIED,
    REJECTED,
    UNAVAILABLE
  }

  /**
   * May a token start on an EVSE, and with which reservation.
   *
   * @param allowed false: the EVSE is kept for someone else
   * @param reservation the reservation the token uses (null: none)
   */
  public record Claim(boolean allowed, @Nullable Reservation reservation) {
    static final Claim REFUSED = new Claim(false, null);
    static final Claim FREE = new Claim(true, null);

    /** The id of the reservation used; null: none. */
    public @Nullable Integer reservationId() {
      Reservation r = reservation;
      return r == null ? null : r.id();
    }
  }

  private final Evses evses;
  private final Map<Integer, Reservation> byId = new LinkedHashMap<>();

  public ReservationBook(Evses evses) {
    this.evses = evses;
  }

  public Collection<Reservation> all() {
    return List.copyOf(byId.values());
  }

  public @Nullable Reservation get(int id) {
    return byId.get(id);
  }

  public void put(Reservation r) {
    byId.put(r.id(), r);
  }

  public @Nullable Reservation remove(int id) {
    return byId.remove(id);
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /**
   * Whether {@code candidate} can be made now, as if a reservation with its id did not exist (a
   * reservation with the same id is replaced, 1.6 §5.13, H01.FR.02).
   */
  public Outcome outcome(Reservation candidate) {
    Reservation replaced = byId.remove(candidate.id());
    try {
      List<Integer> targets = new ArrayList<>();
      for (int e = 1; e <= evses.count(); e++) {
        if (candidate.covers(e, evses.connectorType())) {
          targets.add(e);
        }
      }
      if (targets.isEmpty()) {
        return Outcome.REJECTED; // no such EVSE or connector type
      }
      if (candidate.specific()) {
        int e = targets.get(0);
        if (evses.faulted().test(e)) {
          return Outcome.FAULTED;
        }
        if (!evses.operative().test(e)) {
          return Outcome.UNAVAILABLE;
        }
        if (!free(e) || !fits(nonSpecific(), e)) {
          return Outcome.OCCUPIED;
        }
        return Outcome.ACCEPTED;
      }
      List<Reservation> wanted = nonSpecific();
      wanted.add(candidate);
      if (fits(wanted, 0)) {
        return Outcome.ACCEPTED;
      }
      if (targets.stream().allMatch(e -> evses.faulted().test(e))) {
        return Outcome.FAULTED;
      }
      if (targets.stream().allMatch(e -> evses.faulted().test(e) || !evses.operative().test(e))) {
        return Outcome.UNAVAILABLE;
      }
      return Outcome.OCCUPIED;
    } finally {
      if (replaced != null) {
        byId.put(replaced.id(), replaced);
      }
    }
  }

  /** Whether the free EVSE {@code evse} is held for a reservation (its status is Reserved). */
  public boolean reserved(int evse) {
    return specificOn(evse) != null || !fits(nonSpecific(), evse);
  }

  /**
   * Whether a token (of {@code group}, null: unknown) may start on {@code evse}, and the
   * reservation it would use; changes nothing.
   */
  public Claim claim(int evse, String token, @Nullable String group) {
    Reservation held = specificOn(evse);
    if (held != null) {
      return held.heldFor(token, group) ? new Claim(true, held) : Claim.REFUSED;
    }
    List<Reservation> others = nonSpecific();
    for (Reservation r : others) {
      if (r.heldFor(token, group) && r.covers(evse, evses.connectorType())) {
        List<Reservation> rest = new ArrayList<>(others);
        rest.remove(r);
        if (fits(rest, evse)) {
          return new Claim(true, r);
        }
      }
    }
    return fits(others, evse) ? Claim.FREE : Claim.REFUSED;
  }

  /**
   * Whether a token whose group is not known yet might still start on {@code evse}: a claim without
   * the group allows it, or a reservation that covers the EVSE names a group the token may belong
   * to.
   */
  public boolean mayTry(int evse, String token) {
    if (claim(evse, token, null).allowed()) {
      return true;
    }
    for (Reservation r : byId.values()) {
      if (r.groupToken() != null && r.covers(evse, evses.connectorType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reservations that no longer hold: those on an EVSE that went faulted or unavailable, then,
   * youngest first, reservations for any EVSE that no longer fit the EVSEs in service (H01.FR.16,
   * .17); a session on an EVSE breaks none, as it ends. They are taken out of the book.
   */
  public List<Reservation> removeBroken() {
    List<Reservation> broken = new ArrayList<>();
    for (Reservation r : List.copyOf(byId.values())) {
      Integer e = r.evse();
      if (e != null && (evses.faulted().test(e) || !evses.operative().test(e))) {
        broken.add(byId.remove(r.id()));
      }
    }
    List<Reservation> others = nonSpecific();
    while (!others.isEmpty() && !fits(others, 0, true)) {
      Reservation youngest = others.remove(others.size() - 1);
      broken.add(byId.remove(youngest.id()));
    }
    return broken;
  }

  private @Nullable Reservation specificOn(int evse) {
    for (Reservation r : byId.values()) {
      Integer e = r.evse();
      if (e != null && e == evse) {
        return r;
      }
    }
    return null;
  }

  private List<Reservation> nonSpecific() {
    List<Reservation> out = new ArrayList<>();
    for (Reservation r : byId.values()) {
      if (!r.specific()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Free: operative, no fault, nothing on it, not held for a reservation of its own. */
  private boolean free(int evse) {
    return inService(evse) && !evses.busy().test(evse);
  }

  /** Operative, no fault, not held for a reservation of its own: free once its session ends. */
  private boolean inService(int evse) {
    return evses.operative().test(evse) && !evses.faulted().test(evse) && specificOn(evse) == null;
  }

  /** Whether each of {@code wanted} gets its own free EVSE other than {@code without} (0: none). */
  private boolean fits(List<Reservation> wanted, int without) {
    return fits(wanted, without, false);
  }

  /** As {@link #fits(List, int)}; {@code busyCounts}: an EVSE with a session counts as free. */
  private boolean fits(List<Reservation> wanted, int without, boolean busyCounts) {
    if (wanted.isEmpty()) {
      return true;
    }
    int[] holder = new int[evses.count() + 1]; // EVSE -> index of its reservation + 1
    for (int i = 0; i < wanted.size(); i++) {
      if (!assign(wanted, i, without, busyCounts, holder, new boolean[evses.count() + 1])) {
        return false;
      }
    }
    return true;
  }

  /** Kuhn's augmenting path: finds reservation {@code i} an EVSE, moving others if need be. */
  private boolean assign(
      List<Reservation> wanted,
      int i,
      int without,
      boolean busyCounts,
      int[] holder,
      boolean[] visited) {
    for (int e = 1; e <= evses.count(); e++) {
      if (e == without
          || visited[e]
          || !(busyCounts ? inService(e) : free(e))
          || !wanted.get(i).covers(e, evses.connectorType())) {
        continue;
      }
      visited[e] = true;
      if (holder[e] == 0 || assign(wanted, holder[e] - 1, without, busyCounts, holder, visited)) {
        holder[e] = i + 1;
        return true;
      }
    }
    return false;
  }
}
