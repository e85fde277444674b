package io.kilowire.core.der;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How fast what the station applies follows what the DER controls allow ({@link DerEvaluator}): the
 * timing fields of 2.1's controls, applied step by step in the caller's time (pure; one instance
 * per station, stepped at each grid reading).
 *
 * <ul>
 *   <li>A curve's or a droop's {@code responseTime} (open-loop response time: 90 % of a step
 *       reached within it; 0 or absent: at once) — each such control's bound moves toward its
 *       target as a first-order lag with that 90 % time, the target held between two steps.
 *   <li>Gradients {@code gradient} (the schema: "ramp rate in seconds"; our reading: the seconds a
 *       rise over the full range takes, 0: none) — what the station applies rises no faster;
 *       lowering is never delayed by it, so the station never takes more than allowed for longer
 *       than a response time asks.
 *   <li>After a stop (a trip, or out of service until EnterService admits it) the way back to full
 *       power is a soft start: EnterService {@code rampRate} (seconds for the full range), else
 *       Gradients {@code softGradient}, else {@code gradient}.
 * </ul>
 *
 * A stop itself is applied at once.
 */
public final class DerPace {
  /** Whether the station is stopped now, and how it comes back. */
  public enum Halt {
    /** Not stopped. */
    NONE,
    /** Momentary cessation: nothing exchanged, back without a soft start. */
    CEASE,
    /** Tripped or out of service: nothing exchanged, back with a soft start. */
    TRIP
  }

  private static final double LN10 = Math.log(10);
  private static final double FULL = 100;

  private final Map<String, double[]> lagged = new HashMap<>();
  private double charge = FULL;
  private double discharge = FULL;
  private double targetCharge = FULL;
  private double targetDischarge = FULL;
  private @Nullable Instant last;
  private boolean wasStopped;
  private boolean softStart;

  /**
   * One step: the controls in force, the grid now, what the evaluator allows ({@code target}, all
   * controls at once) and whether the station is stopped ({@code target} is then 0 both ways) →
   * what to apply now.
   */
  public DerResponse follow(
      Map<DerControlType, DerControl> inForce,
      GridState grid,
      DerResponse target,
      Halt halt,
      Instant now) {
    double dt = last == null ? 0 : Math.max(0, Duration.between(last, now).toMillis() / 1000.0);
    last = now;
    if (halt != Halt.NONE) {
      lagged.clear();
      charge = target.chargePct();
      discharge = target.dischargePct();
      targetCharge = charge;
      targetDischarge = discharge;
      wasStopped |= halt == Halt.TRIP;
      return target;
    }
    if (wasStopped) {
      wasStopped = false;
      softStart = true;
    }
    double[] paced = responses(inForce, grid, target, dt);
    targetCharge = paced[0];
    targetDischarge = paced[1];
    double seconds = rampSeconds(inForce);
    charge = rise(charge, targetCharge, seconds, dt);
    discharge = rise(discharge, targetDischarge, seconds, dt);
    if (softStart && settled()) {
      softStart = false;
    }
    return new DerResponse(charge, discharge, target.reactive(), target.trips());
  }

  /** Whether what is applied has reached what the controls allow (nothing left to ramp). */
  public boolean settled() {
    return charge == targetCharge && discharge == targetDischarge;
  }

  /** The controls' bounds after their response times: the tightest of each control's own. */
  private double[] responses(
      Map<DerControlType, DerControl> inForce, GridState grid, DerResponse target, double dt) {
    Map<String, double[]> seen = new HashMap<>();
    double c = FULL;
    double d = FULL;
    boolean anyLagged = false;
    for (DerControl control : inForce.values()) {
      @Nullable BigDecimal responseTime = responseTime(control);
      if (responseTime == null || responseTime.signum() <= 0) {
        continue;
      }
      anyLagged = true;
      Map<DerControlType, DerControl> one = new EnumMap<>(DerControlType.class);
      one.put(control.type(), control);
      DerResponse own = DerEvaluator.evaluate(one, grid);
      double[] before = lagged.get(control.id());
      double[] now = {own.chargePct(), own.dischargePct()};
      if (before != null) {
        // First-order lag whose step response reaches 90 % at responseTime.
        double keep = Math.exp(-dt * LN10 / responseTime.doubleValue());
        now[0] = own.chargePct() + (before[0] - own.chargePct()) * keep;
        now[1] = own.dischargePct() + (before[1] - own.dischargePct()) * keep;
      }
      seen.put(control.id(), now);
      c = Math.min(c, now[0]);
      d = Math.min(d, now[1]);
    }
    lagged.clear();
    lagged.putAll(seen);
    if (!anyLagged) {
      return new double[] {target.chargePct(), target.dischargePct()};
    }
    // The controls without a response time act at once: the evaluator's bound over those.
    Map<DerControlType, DerControl> prompt = new EnumMap<>(DerControlType.class);
    inForce.forEach(
        (type, control) -> {
          BigDecimal rt = responseTime(control);
          if (rt == null || rt.signum() <= 0) {
            prompt.put(type, control);
          }
        });
    DerResponse rest = DerEvaluator.evaluate(prompt, grid);
    return new double[] {Math.min(c, rest.chargePct()), Math.min(d, rest.dischargePct())};
  }

  /** The response time of a control acting on active power; null for the others. */
  private static @Nullable BigDecimal responseTime(DerControl control) {
    DerControlType type = control.type();
    if (type != DerControlType.FREQ_WATT
        && type != DerControlType.VOLT_WATT
        && type != DerControlType.FREQ_DROOP) {
      return null;
    }
    if (control.setting() instanceof DerSetting.Curve curve) {
      return curve.responseTime();
    }
    if (control.setting() instanceof DerSetting.FrequencyDroop droop) {
      return droop.responseTime();
    }
    return null;
  }

  /** Seconds a rise over the full range may take now; 0: at once. */
  private double rampSeconds(Map<DerControlType, DerControl> inForce) {
    DerControl gradients = inForce.get(DerControlType.GRADIENTS);
    DerSetting.Gradients g = gradients == null ? null : (DerSetting.Gradients) gradients.setting();
    if (softStart) {
      DerControl enter = inForce.get(DerControlType.ENTER_SERVICE);
      if (enter != null) {
        BigDecimal ramp = ((DerSetting.EnterService) enter.setting()).rampRate();
        if (ramp != null && ramp.signum() > 0) {
          return ramp.doubleValue();
        }
      }
      if (g != null && g.softGradient().signum() > 0) {
        return g.softGradient().doubleValue();
      }
    }
    return g == null ? 0 : Math.max(0, g.gradient().doubleValue());
  }

  private static double rise(double from, double to, double seconds, double dt) {
    if (to <= from || seconds <= 0) {
      return to;
    }
    return Math.min(to, from + FULL / seconds * dt);
  }
}
