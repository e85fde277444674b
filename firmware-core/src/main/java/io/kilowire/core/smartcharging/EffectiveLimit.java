package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The limit in force for an EVSE at an instant and when it next changes, so that a runtime sets one
 * timer instead of polling.
 *
 * @param evseId the EVSE (0 = station total)
 * @param at the instant asked about
 * @param limit the limit in {@code unit}
 * @param unit the unit asked for
 * @param numberPhases the phases it applies to
 * @param nextChange the first later instant at which the limit differs; null when no installed
 *     profile will ever change it (re-evaluate when profiles or transactions change)
 */
public record EffectiveLimit(
    int evseId,
    Instant at,
    BigDecimal limit,
    RateUnit unit,
    int numberPhases,
    @Nullable Instant nextChange) {
  public Optional<Instant> nextChangeTime() {
    return Optional.ofNullable(nextChange);
  }
}
