package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.Battery;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The battery's setpoint for one {@link LoadBalancer} step. It discharges against the site's grid
 * limits (fuse, kW contract, demand cap): by what the building alone exceeds them and by what the
 * grid EVs wanted beyond them, less the room the limits still leave, starting from what it gives
 * now; never more than the site uses (no export from the battery), never below its reserve. Else it
 * charges from what the sun leaves after the building and every EV, up to its maximum state of
 * charge. Its discharge counts for the EVs' budget only once a fresh reading shows it; without a
 * fresh battery reading (or with a stale grid meter) it is told 0.
 */
final class BatteryDispatch {
  private BatteryDispatch() {}

  /**
   * All powers in W, site totals.
   *
   * @param view what the step counts on from the PV and the battery
   * @param buildingW the building alone (no EV, no PV, no battery)
   * @param evW what the step gives the EVs
   * @param shortW what the grid EVs wanted beyond what the grid's limits let them have, plus what
   *     the building alone is above those limits
   * @param roomW what the grid's limits still leave after this step (0 when one binds)
   * @param probeW what the sun may give beyond the PV's reading, the site being at its export limit
   *     ({@link ExportLimit}); the battery charges that much more, within {@code roomW}
   * @return discharging positive, charging negative, 0 = idle
   */
  static double setpointW(
      @Nullable Battery battery,
      EnergyView view,
      boolean gridFresh,
      double buildingW,
      double evW,
      double shortW,
      double roomW,
      double probeW) {
    Double soc = view.batterySoc();
    if (battery == null || soc == null || !gridFresh) {
      return 0;
    }
    double giving = Math.max(0, view.batteryTrustedW());
    double discharge = giving + shortW - roomW;
    double siteUseW = buildingW + evW - view.pvTrustedW();
    discharge = Math.min(discharge, Math.min(battery.maxDischargeKw() * 1000, siteUseW));
    if (discharge > 1e-6 && soc > battery.minSocPercent()) {
      return discharge;
    }
    double leftoverW = view.pvTrustedW() - buildingW - evW + Math.min(probeW, roomW);
    if (leftoverW > 1e-6 && soc < battery.maxSocPercent()) {
      return -Math.min(leftoverW, battery.maxChargeKw() * 1000);
    }
    return 0;
  }

  /** What the grid's limits (phases, kW contract, demand cap) leave over all phases (W / V). */
  static double roomA(List<Constraint> constraints) {
    double room = Double.MAX_VALUE;
    for (Constraint c : constraints) {
      if (c.name.startsWith("grid ") || c.name.equals("demand cap")) {
        double left = Math.max(0, c.limit - c.used);
        room = Math.min(room, c.name.startsWith("grid L") ? left * 3 : left);
      }
    }
    return room == Double.MAX_VALUE ? 0 : room;
  }
}
