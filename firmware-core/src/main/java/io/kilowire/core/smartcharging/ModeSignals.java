package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What the station's surroundings tell the 2.1 operation modes whose setpoint does not come from
 * the profile itself: an external system's setpoint for the EVSE (ExternalSetpoint), the grid's
 * frequency at the station (LocalFrequency) and the CSMS's latest aFRR signal (CentralFrequency).
 * Held by the station, passed in at each evaluation, so the engine stays a function of its inputs.
 *
 * @param externalSetpointA the setpoint a local system (EMS) gives the EVSE, amps per phase,
 *     negative to discharge; null: none given
 * @param gridFrequencyHz the grid's frequency as the station's sensor reads it; null: no reading
 * @param afrrSignal the aFRR signal in force (2.1 AFRRSignal); null: none received
 */
public record ModeSignals(
    @Nullable BigDecimal externalSetpointA,
    @Nullable Double gridFrequencyHz,
    @Nullable Integer afrrSignal) {
  /** Nothing from outside: the modes that need it fall back on the profile. */
  public static final ModeSignals NONE = new ModeSignals(null, null, null);

  /** These signals with the external system's setpoint (null: none). */
  public ModeSignals withExternalSetpoint(@Nullable BigDecimal amps) {
    return new ModeSignals(amps, gridFrequencyHz, afrrSignal);
  }

  /** These signals with the grid's frequency (null: no reading). */
  public ModeSignals withGridFrequency(@Nullable Double hz) {
    return new ModeSignals(externalSetpointA, hz, afrrSignal);
  }

  /** These signals with the aFRR signal in force (null: none). */
  public ModeSignals withAfrrSignal(@Nullable Integer signal) {
    return new ModeSignals(externalSetpointA, gridFrequencyHz, signal);
  }
}
