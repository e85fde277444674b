package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.metering.SiteReading;
import org.jspecify.annotations.Nullable;

/**
 * What the sun may give beyond the PV's reading while the site feeds the grid at its export limit.
 * The inverter then curtails, so its reading shows only what the site takes: the sun's real surplus
 * is hidden. The balancer offers a little more than the reading ({@link #PROBE_W}) to the EVs and
 * the battery; if the sun has it, the inverter follows and the site still exports at the limit, so
 * the next step offers more; once it has not, the site imports the difference (never more than the
 * probe, and within the fuse) and the next reading is no longer at the limit. A solar-only EV may
 * start when the PV's clear-sky production leaves room for its minimum.
 *
 * @param probeW what the step offers beyond the reading (0 when not at the limit)
 * @param clearSkyRoomW what the PV's clear-sky production is above its reading (0 when not at the
 *     limit): clouds only dim it, so the sun cannot give more
 */
record ExportLimit(double probeW, double clearSkyRoomW) {
  /** The step offered beyond a curtailed reading, W over all phases. */
  static final double PROBE_W = 1000;

  /** A site exporting within this of its limit (W, plus 2 % of the limit) counts as at it. */
  static final double AT_LIMIT_W = 100;

  static final ExportLimit NONE = new ExportLimit(0, 0);

  /**
   * @param grid the grid meter's reading, fresh (null or stale: nothing is known)
   * @param view what the step counts on from the PV; without a fresh PV reading nothing is known
   */
  static ExportLimit of(
      SiteEnergy site, @Nullable SiteReading grid, EnergyView view, double voltage) {
    Double limitKw = site.exportLimitKw();
    if (limitKw == null || grid == null || view.pvTrustedW() <= 0) {
      return NONE;
    }
    var c = grid.currentA();
    double exportW = -(c.l1() + c.l2() + c.l3()) * voltage;
    double limitW = limitKw * 1000;
    if (exportW < limitW - AT_LIMIT_W - 0.02 * limitW) {
      return NONE;
    }
    double room = Math.max(0, view.pvClearSkyW() - view.pvTrustedW());
    return new ExportLimit(Math.min(PROBE_W, room), room);
  }
}
