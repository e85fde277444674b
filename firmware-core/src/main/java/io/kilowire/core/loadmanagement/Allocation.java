package io.kilowire.core.loadmanagement;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one {@link LoadBalancer#step}: a limit per EVSE and the figures behind it.
 * Invariant: {@code commandedA} is within {@code availableA} on every phase (and every circuit).
 *
 * @param at the step's instant
 * @param limitsA per EVSE id, the current it may draw per phase; 0 = paused (below 6 A the pilot
 *     pauses)
 * @param availableA the EVs' budget per grid phase at this step
 * @param commandedA the sum of the limits, mapped onto grid phases through each EVSE's wiring
 * @param buildingA the non-EV load per grid phase that the budget assumed
 * @param source where the budget came from
 * @param waiting active sessions that got nothing (admission refused or their turn in the rotation
 *     has not come)
 * @param nextStep when to step again even without a new reading (ramp, rotation, demand window,
 *     demand-response end, meter staleness); null = only on the next input
 * @param phases per EVSE that can switch phases, the phases its EV should charge on (1 or 3)
 * @param batteryW the battery's setpoint: discharging positive, charging negative, 0 = idle (and
 *     without a battery)
 * @param surplusW what the PV produces beyond the building (negative: the building takes it all and
 *     more); 0 while the grid meter is stale, and without PV the building's load, negated
 */
public record Allocation(
    Instant at,
    Map<String, Double> limitsA,
    PhaseCurrents availableA,
    PhaseCurrents commandedA,
    PhaseCurrents buildingA,
    BudgetSource source,
    Set<String> waiting,
    @Nullable Instant nextStep,
    Map<String, Integer> phases,
    double batteryW,
    double surplusW) {
  public Allocation {
    limitsA = Map.copyOf(limitsA);
    waiting = Set.copyOf(waiting);
    phases = Map.copyOf(phases);
  }

  public double limitA(String evseId) {
    Double a = limitsA.get(evseId);
    return a == null ? 0 : a;
  }
}
