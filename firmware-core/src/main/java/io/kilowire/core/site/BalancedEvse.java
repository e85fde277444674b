package io.kilowire.core.site;

import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.EvseSlot;
import java.time.Instant;

/**
 * One EVSE as {@link SiteBalancing} reaches it: what it wants at a step, and where its limit goes.
 * Called on the balancing's scheduler thread; {@link StationEvse} is the one for a {@link
 * io.kilowire.core.station.Station} on that thread.
 */
public interface BalancedEvse {
  /** What the EVSE wants now; its id must be {@code slot.id()}. */
  EvseDemand demand(EvseSlot slot, Instant now);

  /** The balancer's allocation for the EVSE, amps per phase (0 = paused). */
  void limit(double amps);

  /** A site-meter reading measured at {@code measuredAt} arrived (feeds a meter watchdog). */
  default void siteMeterReading(Instant measuredAt) {}
}
