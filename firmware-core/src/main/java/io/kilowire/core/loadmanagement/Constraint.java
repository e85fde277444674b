package io.kilowire.core.loadmanagement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hard or soft limit of one {@link LoadBalancer} step (a grid phase, a circuit phase, the kW
 * contract, the demand cap, a shared station limit): the current it allows, what the EVs under it
 * use so far, and how much of an EV's per-phase current counts against it. The allocation fills the
 * EVs within all of them.
 */
final class Constraint {
  private static final double EPS = 1e-9;

  /** How many of an EV's phases a constraint counts (0: the EV is not under it). */
  interface Coefficient {
    int of(ActiveEv ev);
  }

  final String name;
  final double limit;
  final Coefficient coefficient;
  double used;

  Constraint(String name, double limit, Coefficient coefficient) {
    this.name = name;
    this.limit = limit;
    this.coefficient = coefficient;
  }

  int coef(ActiveEv ev) {
    return coefficient.of(ev);
  }

  @Override
  public String toString() {
    return name + " " + used + "/" + limit;
  }

  static boolean fits(List<Constraint> constraints, ActiveEv ev, double amps) {
    for (Constraint c : constraints) {
      int k = c.coef(ev);
      if (k > 0 && c.used + k * amps > c.limit + 1e-6) {
        return false;
      }
    }
    return true;
  }

  /** Progressive filling: raise all members evenly until each hits its target or a constraint. */
  static void fill(
      List<ActiveEv> members, List<Constraint> constraints, Map<ActiveEv, Double> target) {
    List<ActiveEv> rising = new ArrayList<>();
    for (ActiveEv ev : members) {
      if (target.get(ev) > ev.alloc + EPS) {
        rising.add(ev);
      }
    }
    while (!rising.isEmpty()) {
      double delta = Double.MAX_VALUE;
      for (ActiveEv ev : rising) {
        delta = Math.min(delta, target.get(ev) - ev.alloc);
      }
      for (Constraint c : constraints) {
        int n = 0;
        for (ActiveEv ev : rising) {
          n += c.coef(ev);
        }
        if (n > 0) {
          delta = Math.min(delta, (c.limit - c.used) / n);
        }
      }
      delta = Math.max(0, delta);
      for (ActiveEv ev : rising) {
        ev.alloc += delta;
        for (Constraint c : constraints) {
          c.used += c.coef(ev) * delta;
        }
      }
      List<ActiveEv> next = new ArrayList<>();
      for (ActiveEv ev : rising) {
        boolean blocked = target.get(ev) - ev.alloc <= EPS;
        for (Constraint c : constraints) {
          if (c.coef(ev) > 0 && c.limit - c.used <= 1e-7) {
            blocked = true;
          }
        }
        if (!blocked) {
          next.add(ev);
        }
      }
      rising = next;
    }
  }
}
