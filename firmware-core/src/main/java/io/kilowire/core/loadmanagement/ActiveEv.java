package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.ChargingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An EV that wants energy in one step of the {@link LoadBalancer}: its slot and demand, the phases
 * it draws on, its cap and the current the step allocates it so far.
 */
final class ActiveEv {
  final EvseSlot slot;
  final EvseDemand demand;
  final SessionTrack track;
  List<Phase> phases;
  ChargingMode mode = ChargingMode.GRID;
  double cap;
  double alloc;
  boolean protectedTurn;
  Instant lastServed = Instant.EPOCH;

  /** The circuits the EV's slot hangs under, its own first; empty without one. */
  private final List<String> circuits;

  ActiveEv(EvseSlot slot, EvseDemand demand, SessionTrack track, List<String> circuits) {
    this.slot = slot;
    this.demand = demand;
    this.track = track;
    this.circuits = circuits;
    this.phases = slot.wiring().subList(0, Math.min(demand.phases(), slot.wiring().size()));
  }

  /** Charges on {@code n} phases (a phase-switching EVSE's choice), at most its wiring. */
  void usePhases(int n) {
    phases = slot.wiring().subList(0, Math.min(n, slot.wiring().size()));
  }

  int priority() {
    return Math.max(slot.priority(), demand.priority());
  }

  int count(Phase p) {
    return phases.contains(p) ? 1 : 0;
  }

  int phaseCount() {
    return phases.size();
  }

  boolean under(String circuit) {
    return circuits.contains(circuit);
  }

  double drawMax() {
    PhaseCurrents d = demand.drawA();
    double[] values = {d.l1(), d.l2(), d.l3()};
    double m = 0;
    for (int i = 0; i < phases.size(); i++) {
      m = Math.max(m, values[i]);
    }
    return m;
  }

  /** The departure, while energy is still wanted; null = no deadline. */
  @Nullable Instant deadline() {
    Double wh = demand.energyNeededWh();
    if (demand.departure() == null || (wh != null && wh <= 0)) {
      return null;
    }
    return demand.departure();
  }

  /** The current per phase that delivers the energy need by the departure. */
  double neededA(Instant now, double voltage) {
    Instant dep = deadline();
    Double wh = demand.energyNeededWh();
    if (dep == null) {
      return 0;
    }
    if (wh == null) {
      return 0; // a departure without an energy need orders the EVs but claims nothing
    }
    double hours = dep.isAfter(now) ? Duration.between(now, dep).toNanos() / 1e9 / 3600 : 0;
    if (hours <= 0) {
      return cap;
    }
    return wh / hours / (voltage * phases.size());
  }

  PhaseCurrents onGrid(double limit) {
    PhaseCurrents out = PhaseCurrents.ZERO;
    for (Phase p : phases) {
      out = out.with(p, out.get(p) + limit);
    }
    return out;
  }

  Instant sessionKey() {
    Instant s = demand.sessionStart();
    return s == null ? track.firstSeen : s;
  }
}
