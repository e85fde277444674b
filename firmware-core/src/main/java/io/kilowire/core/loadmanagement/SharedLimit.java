package io.kilowire.core.loadmanagement;

import java.util.Objects;

/**
 * A limit that binds several EVSEs together, on top of the site's own budget: a charging station's
 * maximum (1.6 ChargePointMaxProfile, 2.0.1 ChargingStationMaxProfile) or an external constraint on
 * the whole station. The balancer shares it like the site's budget; it is never granted to each
 * EVSE.
 *
 * @param name what it is, for logs
 * @param unit whether {@code value} is amps per phase or watts over all phases
 * @param value the most the EVSEs may draw together: amps on any one phase, or watts in total
 */
public record SharedLimit(String name, Unit unit, double value) {
  /** Amps bound each phase; watts bound the total over all phases. */
  public enum Unit {
    AMPS_PER_PHASE,
    WATTS
  }

  public SharedLimit {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + ": a shared limit must be finite and >= 0");
    }
  }

  public static SharedLimit amps(String name, double ampsPerPhase) {
    return new SharedLimit(name, Unit.AMPS_PER_PHASE, ampsPerPhase);
  }

  public static SharedLimit watts(String name, double watts) {
    return new SharedLimit(name, Unit.WATTS, watts);
  }
}
