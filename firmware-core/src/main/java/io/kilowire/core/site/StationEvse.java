package io.kilowire.core.site;

import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.station.ChargingNeeds;
import io.kilowire.core.station.Station;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * EVSE {@code evse} of a {@link Station} as the site balances it; call it on the station's thread.
 *
 * <ul>
 *   <li>active while a transaction runs ({@link Station#sessionActive}), since {@link
 *       Station#sessionStart};
 *   <li>the EV's maximum: the slot's, capped by the station's fallback cap ({@link
 *       Station#fallbackCapA()}, so the balancer ramps when the cap is lifted) and by the EV's own
 *       maximum when it told one over ISO 15118 ({@link Station#chargingNeeds}); its departure from
 *       there too;
 *   <li>the draw from the EVSE's meter ({@link Station#meterReading}), EVSE phase i = meter phase
 *       i; a meter without a reading, or whose reading is older than {@code drawStaleAfter} (a
 *       frozen meter repeats its last sample), counts as no draw (the balancer then counts the EV's
 *       current as building load: less for the EVs, never more);
 *   <li>phases: the slot's wiring (a station does not know how many phases the EV uses; counting
 *       all of them is the safe side).
 * </ul>
 */
public record StationEvse(Station station, int evse, Duration drawStaleAfter)
    implements BalancedEvse {
  @Override
  public EvseDemand demand(EvseSlot slot, Instant now) {
    if (!station.sessionActive(evse)) {
      return EvseDemand.idle(slot.id());
    }
    double maxA = slot.maxA();
    Double cap = station.fallbackCapA();
    if (cap != null) {
      maxA = Math.min(maxA, cap);
    }
    Instant departure = null;
    Optional<ChargingNeeds> needs = station.chargingNeeds(evse);
    if (needs.isPresent()) {
      if (needs.get().maxCurrentA() > 0) {
        maxA = Math.min(maxA, needs.get().maxCurrentA());
      }
      departure = needs.get().departureTime();
    }
    return new EvseDemand(
        slot.id(),
        true,
        station.sessionStart(evse),
        slot.wiring().size(),
        Math.max(0, maxA),
        station.draw(evse, now, drawStaleAfter),
        slot.priority(),
        departure,
        null);
  }

  @Override
  public void limit(double amps) {
    station.localLimit(evse, amps);
  }

  @Override
  public void siteMeterReading(Instant measuredAt) {
    station.siteMeterReading(measuredAt);
  }
}
