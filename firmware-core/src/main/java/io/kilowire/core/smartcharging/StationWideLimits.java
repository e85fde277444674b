package io.kilowire.core.smartcharging;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The limits on a whole charging station at an instant, each as given (unit and phases): they bind
 * all EVSEs together, so the station shares them among its EVSEs rather than granting them to each.
 *
 * @param maximum the winning ChargingStationMaxProfile (1.6 ChargePointMaxProfile); null = none
 * @param external the winning ChargingStationExternalConstraints on EVSE 0; null = none
 * @param nextChange the first later instant at which either may change; null = none foreseen
 */
public record StationWideLimits(
    @Nullable Limit maximum, @Nullable Limit external, @Nullable Instant nextChange) {
  public boolean isEmpty() {
    return maximum == null && external == null;
  }
}
