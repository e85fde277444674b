package io.kilowire.core.loadmanagement;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one EVSE wants at a step. The runtime builds it from the station (session, meter) and from
 * the EV (ISO 15118 / 2.0.1 NotifyEVChargingNeeds / configuration).
 *
 * @param evseId an {@link EvseSlot#id()}
 * @param active a session wants energy (EV connected and authorized, not finished)
 * @param sessionStart when the session started (fair rotation and admission order); null if idle
 * @param phases the phases the EV draws on (1..3, at most the slot's wiring)
 * @param evMaxA the most the EV takes per phase (its own limit, if known; else the slot maximum)
 * @param drawA what the EVSE's meter measures now, per EVSE phase (index = EVSE phase), amps
 * @param priority higher is served first; overrides the slot's class when larger
 * @param departure when the EV leaves, if known
 * @param energyNeededWh energy still wanted before departure, if known
 */
public record EvseDemand(
    String evseId,
    boolean active,
    @Nullable Instant sessionStart,
    int phases,
    double evMaxA,
    PhaseCurrents drawA,
    int priority,
    @Nullable Instant departure,
    @Nullable Double energyNeededWh) {
  public EvseDemand {
    if (phases < 1 || phases > 3) {
      throw new IllegalArgumentException("evse " + evseId + ": phases must be 1..3");
    }
    if (!(evMaxA >= 0)) {
      throw new IllegalArgumentException("evse " + evseId + ": evMaxA must be >= 0");
    }
  }

  /** An EVSE without a session. */
  public static EvseDemand idle(String evseId) {
    return new EvseDemand(evseId, false, null, 3, 0, PhaseCurrents.ZERO, 0, null, null);
  }
}
