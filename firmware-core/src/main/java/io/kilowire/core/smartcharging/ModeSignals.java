package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What the station's surroundings tell the 2.1 operation modes whose setpoint does not come from
 * the profile itself: an external system's setpoint for the EVSE (ExternalSetpoint). Held by the
 * station, passed in at each evaluation, so the engine stays a function of its inputs.
 *
 * @param externalSetpointA the setpoint a local system (EMS) gives the EVSE, amps per phase,
 *     negative to discharge; null: none given
 */
public record ModeSignals(@Nullable BigDecimal externalSetpointA) {
  /** Nothing from outside: the modes that need it fall back on the profile. */
  public static final ModeSignals NONE = new ModeSignals(null);

  /** These signals with the external system's setpoint (null: none). */
  public ModeSignals withExternalSetpoint(@Nullable BigDecimal amps) {
    return new ModeSignals(amps);
  }
}
