package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The values an OCPP 2.1 period gives for phases L2 and L3 (limit_L2, dischargeLimit_L2,
 * setpoint_L2 and their L3 twins). Where a pair is given, the period's own field is phase L1's
 * value, in the schedule's unit for that one phase (amps, or that phase's watts); where it is not,
 * the period's field keeps its usual meaning. Checked by {@link ProfileValidator}: each pair comes
 * whole, with its L1 value, on a three-phase period of a TxProfile.
 */
public record PhaseValues(
    @Nullable BigDecimal limitL2,
    @Nullable BigDecimal limitL3,
    @Nullable BigDecimal dischargeLimitL2,
    @Nullable BigDecimal dischargeLimitL3,
    @Nullable BigDecimal setpointL2,
    @Nullable BigDecimal setpointL3) {

  /** Whether no value is given for L2 or L3. */
  public boolean isEmpty() {
    return limitL2 == null
        && limitL3 == null
        && dischargeLimitL2 == null
        && dischargeLimitL3 == null
        && setpointL2 == null
        && setpointL3 == null;
  }

  /** Whether the charging limit is given per phase. */
  public boolean limits() {
    return limitL2 != null || limitL3 != null;
  }

  /** Whether the discharge limit is given per phase. */
  public boolean dischargeLimits() {
    return dischargeLimitL2 != null || dischargeLimitL3 != null;
  }

  /** Whether the setpoint is given per phase. */
  public boolean setpoints() {
    return setpointL2 != null || setpointL3 != null;
  }
}
