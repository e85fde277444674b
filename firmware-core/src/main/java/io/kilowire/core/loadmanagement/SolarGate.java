package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.SolarRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which solar EVs charge in a {@link LoadBalancer} step, and on how many phases. A solar-only EV
 * starts once the surplus left by the EVs already charging has carried its minimum (6 A × phases)
 * for {@link SolarRules#startAfter()}, and stops once it has not for {@link SolarRules#stopAfter()}
 * (meanwhile it keeps the minimum). On an EVSE that switches phases, a three-phase EV starts on one
 * phase when the surplus carries only that, goes to three once the surplus has carried three for
 * {@code startAfter}, and back to one once it has not for {@code stopAfter}. A solar EV whose
 * departure needs {@link SolarRules#urgentShare()} of its maximum current becomes urgent for the
 * rest of its session: it charges like a solar-first one, with what its departure needs from the
 * grid.
 */
final class SolarGate {
  private SolarGate() {}

  /**
   * @param surplusA the solar surplus over all phases, amps × phases (W / V); negative = importing
   * @param clearSkyRoomA what the sun may give beyond the PV's reading while the site exports at
   *     its limit (the inverter curtails), amps × phases: a solar-only EV may start on it
   * @return the EVs that may charge (every grid EV, the admitted solar ones with their phases); the
   *     others are added to {@code waiting}
   */
  static List<ActiveEv> admit(
      Instant now,
      List<ActiveEv> evs,
      double surplusA,
      double clearSkyRoomA,
      SiteConfig site,
      Set<String> waiting,
      Set<Instant> wakeUps) {
    SolarRules rules = site.energy().solar();
    double min = site.minCurrentA();
    for (ActiveEv ev : evs) {
      if (ev.mode.solar()
          && !ev.track.urgent
          && ev.deadline() != null
          && ev.neededA(now, site.nominalVoltageV()) >= rules.urgentShare() * ev.cap) {
        ev.track.urgent = true;
      }
    }
    List<ActiveEv> ordered = new ArrayList<>(evs);
    // the EVs already on the sun keep it before newcomers get any
    ordered.sort(
        Comparator.comparingInt((ActiveEv e) -> -e.priority())
            .thenComparing(e -> !(e.track.solarOn || e.track.urgent))
            .thenComparing(ActiveEv::sessionKey)
            .thenComparing(e -> e.slot.id()));
    double committed = 0;
    List<ActiveEv> admitted = new ArrayList<>();
    for (ActiveEv ev : ordered) {
      SessionTrack t = ev.track;
      if (!ev.mode.solar()) {
        admitted.add(ev);
        continue;
      }
      boolean switching =
          site.energy().phaseSwitching(ev.slot.id())
              && ev.slot.wiring().size() == 3
              && ev.demand.phases() == 3;
      double avail = surplusA - committed;
      if (ev.mode == ChargingMode.SOLAR_ONLY && !t.urgent && !t.solarOn) {
        int startOn = switching && avail < min * 3 ? 1 : ev.phaseCount();
        if (avail + clearSkyRoomA + 1e-9 >= min * startOn) {
          t.aboveSince = t.aboveSince == null ? now : t.aboveSince;
          Instant start = t.aboveSince.plus(rules.startAfter());
          if (!now.isBefore(start)) {
            t.solarOn = true;
            t.solarPhases = startOn;
            t.aboveSince = null;
            t.belowSince = null;
          } else {
            wakeUps.add(start);
          }
        } else {
          t.aboveSince = null;
        }
        if (!t.solarOn) {
          waiting.add(ev.slot.id());
          t.running = false;
          continue;
        }
      }
      if (t.solarPhases == 0) {
        t.solarPhases = switching && avail < min * 3 ? 1 : ev.phaseCount();
      }
      if (switching) {
        switchPhases(now, t, avail >= min * 3 - 1e-9, rules, wakeUps);
      }
      int phases = switching ? t.solarPhases : ev.phaseCount();
      if (ev.mode == ChargingMode.SOLAR_ONLY && !t.urgent) {
        // stays on while the surplus carries the minimum on its fewest phases
        int fewest = switching ? 1 : phases;
        if (avail + 1e-9 >= min * fewest) {
          t.belowSince = null;
        } else {
          t.belowSince = t.belowSince == null ? now : t.belowSince;
          Instant stop = t.belowSince.plus(rules.stopAfter());
          if (!now.isBefore(stop)) {
            t.solarOn = false;
            t.belowSince = null;
            t.solarPhases = 0;
            waiting.add(ev.slot.id());
            t.running = false;
            continue;
          }
          wakeUps.add(stop);
        }
      }
      ev.usePhases(phases);
      committed += min * phases;
      admitted.add(ev);
    }
    return admitted;
  }

  /** One to three phases after {@code startAfter} with enough sun, back after {@code stopAfter}. */
  private static void switchPhases(
      Instant now, SessionTrack t, boolean threeFit, SolarRules rules, Set<Instant> wakeUps) {
    if (t.solarPhases == 1 && threeFit) {
      t.threeSince = t.threeSince == null ? now : t.threeSince;
      Instant up = t.threeSince.plus(rules.startAfter());
      if (!now.isBefore(up)) {
        t.solarPhases = 3;
        t.threeSince = null;
      } else {
        wakeUps.add(up);
      }
    } else if (t.solarPhases == 3 && !threeFit) {
      t.oneSince = t.oneSince == null ? now : t.oneSince;
      Instant down = t.oneSince.plus(rules.stopAfter());
      if (!now.isBefore(down)) {
        t.solarPhases = 1;
        t.oneSince = null;
      } else {
        wakeUps.add(down);
      }
    } else {
      t.threeSince = null;
      t.oneSince = null;
    }
  }

  /**
   * The solar surplus as a constraint on the solar EVs' currents: the surplus, plus the minimum of
   * each solar-first or urgent EV (that minimum comes from the grid; the surplus is added above).
   */
  static Constraint surplusConstraint(List<ActiveEv> running, double surplusA, double min) {
    double limit = Math.max(0, surplusA);
    for (ActiveEv ev : running) {
      if (ev.mode == ChargingMode.SOLAR_FIRST || (ev.mode.solar() && ev.track.urgent)) {
        limit += min * ev.phaseCount();
      }
    }
    return new Constraint("solar surplus", limit, e -> e.mode.solar() ? e.phaseCount() : 0);
  }
}
