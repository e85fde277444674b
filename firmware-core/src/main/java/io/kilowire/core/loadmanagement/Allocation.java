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
 */
public record Allocation(
    Instant at,
    Map<String, Double> limitsA,
    PhaseCurrents availableA,
    PhaseCurrents commandedA,
    PhaseCurrents buildingA,
    BudgetSource source,
    Set<String> waiting,
    @Nullable Instant nextStep) {
  public Allocation {
    limitsA = Map.copyOf(limitsA);
    waiting = Set.copyOf(waiting);
  }

  public double limitA(String evseId) {
    Double a = limitsA.get(evseId);
    return a == null ? 0 : a;
  }
}
