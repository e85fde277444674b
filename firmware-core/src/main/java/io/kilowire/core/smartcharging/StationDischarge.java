package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What limits discharging on the whole station at an instant (OCPP 2.1), to be shared among the
 * EVSEs as the charging limits on the whole station are.
 *
 * @param limit the most all EVSEs together may feed back, a magnitude at or above 0 in the unit
 *     asked for: the smallest dischargeLimit among the station maximum and the station's external
 *     constraints in force; null when none of them gives one
 * @param nextChange the first later instant at which any profile's period may change (a setpoint or
 *     a mode may change where the charging limit does not); null: none within the horizon
 */
public record StationDischarge(@Nullable BigDecimal limit, @Nullable Instant nextChange) {
  public StationDischarge {
    if (limit != null && limit.signum() < 0) {
      throw new IllegalArgumentException("a discharge limit here is a magnitude: " + limit);
    }
  }
}
