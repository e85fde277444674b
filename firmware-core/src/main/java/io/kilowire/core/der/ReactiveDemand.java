package io.kilowire.core.der;

import io.kilowire.core.der.DerSetting.Curve;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the reactive DER control in force asks of an output, once the grid is read: {@link
 * #percentAt} gives the target for the output's active power now. Both are in 2.1's signs and in %
 * of the output's maximum: reactive power positive injecting (over-excited), negative absorbing;
 * active power positive feeding, negative drawing (FixedVar's "negative charging"). An output's
 * maximum reactive power is taken as its maximum apparent power, so "available" var (PctVarAvail)
 * is what the active power leaves of it: √(100² − P²).
 *
 * <ul>
 *   <li>VoltVar: the curve's y at the grid's voltage ({@code voltagePct}).
 *   <li>FixedVar: the setpoint.
 *   <li>FixedPFAbsorb / FixedPFInject: |P| · tan(acos displacement), absorbing or injecting.
 *   <li>WattVar: the curve's y at the active power.
 *   <li>WattPF: the power factor the curve gives at the active power, y positive absorbing
 *       (under-excited), negative injecting (the schema's reading of a power-factor y).
 * </ul>
 *
 * @param voltagePct the grid's voltage in % of nominal, read by VoltVar only (0 for the others, so
 *     a new reading does not make a new demand)
 */
public record ReactiveDemand(DerControl control, double voltagePct) {
  public ReactiveDemand {
    Objects.requireNonNull(control, "control");
  }

  /** The demand of {@code control} on a grid at {@code voltagePct}. */
  static ReactiveDemand of(DerControl control, GridState grid) {
    return new ReactiveDemand(
        control, control.type() == DerControlType.VOLT_VAR ? grid.voltagePct() : 0);
  }

  /**
   * The reactive power asked for at {@code activePct}, in % of the maximum, positive injecting,
   * within ±100.
   */
  public double percentAt(double activePct) {
    double p = Math.max(-100, Math.min(100, activePct));
    double available = Math.sqrt(100 * 100 - p * p);
    DerSetting s = control.setting();
    double q = 0;
    if (s instanceof DerSetting.FixedReactive v) {
      q = of(v.setpoint().doubleValue(), v.unit(), available);
    } else if (s instanceof DerSetting.FixedPowerFactor pf) {
      q = fromPowerFactor(p, pf.displacement().doubleValue(), pf.excitation());
    } else if (s instanceof Curve c) {
      switch (control.type()) {
        case VOLT_VAR -> q = of(c.at(voltagePct), c.yUnit(), available);
        case WATT_VAR -> q = of(c.at(p), c.yUnit(), available);
        case WATT_PF -> {
          double pf = c.at(p);
          q = fromPowerFactor(p, Math.abs(pf), pf > 0);
        }
        default -> q = 0;
      }
    }
    return Math.max(-100, Math.min(100, q));
  }

  /**
   * The curve's open-loop response time in seconds (VoltVar, WattVar, WattPF): 90 % of a step in
   * the target reached within it; null or 0 where the target holds at once (no such time given, or
   * a fixed control, which has none).
   */
  public @Nullable BigDecimal responseTime() {
    return control.setting() instanceof Curve c ? c.responseTime() : null;
  }

  /** Whether the target moves with the output's active power (it must be followed as it does). */
  public boolean followsActivePower() {
    DerSetting s = control.setting();
    if (s instanceof DerSetting.FixedReactive v) {
      return v.unit() == DerUnit.PCT_VAR_AVAIL;
    }
    if (s instanceof Curve c) {
      return control.type() != DerControlType.VOLT_VAR || c.yUnit() == DerUnit.PCT_VAR_AVAIL;
    }
    return s instanceof DerSetting.FixedPowerFactor;
  }

  private static double of(double value, DerUnit unit, double available) {
    return unit == DerUnit.PCT_VAR_AVAIL ? value * available / 100 : value;
  }

  private static double fromPowerFactor(double activePct, double powerFactor, boolean absorbing) {
    double pf = Math.max(1e-6, Math.min(1, powerFactor));
    double magnitude = Math.abs(activePct) * Math.sqrt(1 - pf * pf) / pf;
    return absorbing ? -magnitude : magnitude;
  }
}
