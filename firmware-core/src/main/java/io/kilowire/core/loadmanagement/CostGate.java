package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.ChargingMode;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.loadmanagement.energy.Tariff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which cost-mode EVs charge in a {@link LoadBalancer} step. A cost EV with a departure and an
 * energy need charges while the import price is no higher than the dearest of the cheapest hours
 * before its departure that carry its need at {@link
 * io.kilowire.core.loadmanagement.energy.SolarRules#urgentShare()} of its maximum current; planning
 * at that share leaves slack for a budget the other EVs share. Once its need takes that share of
 * its maximum current until the departure, it is urgent for the rest of its session and charges
 * whatever the price, like a grid EV. Without a departure or need it charges only at the lowest
 * price of the coming day. An admitted cost EV is served like a grid EV (deadlines first, then a
 * fair share of the budget). On a site with PV a cost EV outside its cheap hours charges from the
 * sun's surplus as a solar-only EV does (start and stop holds, never from the grid): the surplus is
 * worth only the export price, less than any hour's import.
 */
final class CostGate {
  /** Without a departure, the prices looked ahead. */
  static final Duration HORIZON = Duration.ofDays(1);

  private static final double EPS = 1e-9;

  private CostGate() {}

  /**
   * @param onSun whether a cost EV whose price is not right may take the sun's surplus: it is then
   *     passed on as {@link ChargingMode#SOLAR_ONLY} for this step
   * @return the EVs that may charge (every EV not in cost mode, the cost EVs whose price is right,
   *     with {@code onSun} the others as solar-only); the others are added to {@code waiting}
   */
  static List<ActiveEv> admit(
      Instant now,
      List<ActiveEv> evs,
      SiteConfig site,
      boolean onSun,
      Set<String> waiting,
      Set<Instant> wakeUps) {
    SiteEnergy energy = site.energy();
    Tariff tariff = energy.tariff();
    double share = energy.solar().urgentShare();
    double v = site.nominalVoltageV();
    List<ActiveEv> admitted = new ArrayList<>();
    for (ActiveEv ev : evs) {
      if (ev.mode != ChargingMode.COST || tariff == null) {
        admitted.add(ev);
        continue;
      }
      Instant deadline = ev.deadline();
      Double wh = ev.demand.energyNeededWh();
      boolean planned = deadline != null && wh != null;
      if (planned && !ev.track.urgent && ev.neededA(now, v) >= share * ev.cap) {
        ev.track.urgent = true;
      }
      if (ev.track.urgent) {
        admitted.add(ev);
        continue;
      }
      Instant until = planned ? deadline : now.plus(HORIZON);
      List<Tariff.Window> windows = tariff.between(now, until, energy.zone());
      // the hours the need takes at the planned share of the EV's maximum power
      double hours = planned ? wh / (share * ev.cap * ev.phaseCount() * v) : 0;
      if (planned) {
        // the instant it turns urgent if it gets nothing meanwhile
        wakeUps.add(deadline.minusMillis((long) (hours * 3_600_000)));
      }
      if (windows.isEmpty() || windows.get(0).importPerKwh() <= dearestNeeded(windows, hours)) {
        admitted.add(ev);
      } else if (onSun) {
        ev.mode = ChargingMode.SOLAR_ONLY;
        admitted.add(ev);
      } else {
        waiting.add(ev.slot.id());
        ev.track.running = false;
      }
      if (windows.size() > 1) {
        wakeUps.add(windows.get(0).until());
      }
    }
    return admitted;
  }

  /** The price of the dearest window among the cheapest ones that add up to {@code hours}. */
  static double dearestNeeded(List<Tariff.Window> windows, double hours) {
    List<Tariff.Window> byPrice = new ArrayList<>(windows);
    byPrice.sort(Comparator.comparingDouble(Tariff.Window::importPerKwh));
    double sum = 0;
    for (Tariff.Window w : byPrice) {
      sum += w.hours();
      if (sum + EPS >= hours) {
        return w.importPerKwh();
      }
    }
    return byPrice.get(byPrice.size() - 1).importPerKwh();
  }
}
