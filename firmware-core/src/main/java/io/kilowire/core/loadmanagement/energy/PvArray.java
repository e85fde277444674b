package io.kilowire.core.loadmanagement.energy;

import java.time.LocalTime;
import java.util.List;

/**
 * The site's PV: its clear-day profile and the clouds that dim it. The inverter feeds all three
 * phases evenly.
 */
public record PvArray(PvProfile profile, List<CloudDip> clouds) {
  public PvArray {
    clouds = List.copyOf(clouds);
  }

  /** Production at {@code time} of day, kW: the profile, dimmed by the darkest cloud over it. */
  public double kwAt(LocalTime time) {
    double share = 1;
    for (CloudDip c : clouds) {
      if (c.covers(time)) {
        share = Math.min(share, c.share());
      }
    }
    return profile.kwAt(time) * share;
  }
}
