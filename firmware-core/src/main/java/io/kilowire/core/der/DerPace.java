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
 *   <li>A FreqWatt or VoltWatt curve's {@code hysteresis}: after a grid event what the curve
 *       allowed is held until the grid is back, then rises at its gradient ({@link Returning}).
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
  private final Map<String, Returning> held = new HashMap<>();
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
      held.clear();
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
    double[] paced = responses(inForce, grid, target, dt, now);
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

  /**
   * The controls' bounds after their response times and hysteresis: the tightest of each control's
   * own.
   */
  private double[] responses(
      Map<DerControlType, DerControl> inForce,
      GridState grid,
      DerResponse target,
      double dt,
      Instant now) {
    Map<String, double[]> seen = new HashMap<>();
    Map<String, Returning> stillHeld = new HashMap<>();
    double c = FULL;
    double d = FULL;
    boolean anyPaced = false;
    for (DerControl control : inForce.values()) {
      @Nullable BigDecimal responseTime = responseTime(control);
      boolean lags = responseTime != null && responseTime.signum() > 0;
      DerSetting.@Nullable Hysteresis hysteresis = hysteresis(control);
      if (!lags && hysteresis == null) {
        continue;
      }
      anyPaced = true;
      Map<DerControlType, DerControl> one = new EnumMap<>(DerControlType.class);
      one.put(control.type(), control);
      DerResponse own = DerEvaluator.evaluate(one, grid);
      double[] before = lagged.get(control.id());
      double[] bound = {own.chargePct(), own.dischargePct()};
      if (lags && before != null) {
        // First-order lag whose step response reaches 90 % at responseTime.
        double keep = Math.exp(-dt * LN10 / responseTime.doubleValue());
        bound[0] = own.chargePct() + (before[0] - own.chargePct()) * keep;
        bound[1] = own.dischargePct() + (before[1] - own.dischargePct()) * keep;
      }
      seen.put(control.id(), bound.clone());
      if (hysteresis != null) {
        Returning r = held.get(control.id());
        if (r == null) {
          r = new Returning(bound);
        } else {
          bound = r.step(control.type(), hysteresis, grid, bound, now);
        }
        stillHeld.put(control.id(), r);
      }
      c = Math.min(c, bound[0]);
      d = Math.min(d, bound[1]);
    }
    lagged.clear();
    lagged.putAll(seen);
    held.clear();
    held.putAll(stillHeld);
    if (!anyPaced) {
      return new double[] {target.chargePct(), target.dischargePct()};
    }
    // The controls without a response time or hysteresis act at once: the evaluator's bound.
    Map<DerControlType, DerControl> prompt = new EnumMap<>(DerControlType.class);
    inForce.forEach(
        (type, control) -> {
          BigDecimal rt = responseTime(control);
          if ((rt == null || rt.signum() <= 0) && hysteresis(control) == null) {
            prompt.put(type, control);
          }
        });
    DerResponse rest = DerEvaluator.evaluate(prompt, grid);
    return new double[] {Math.min(c, rest.chargePct()), Math.min(d, rest.dischargePct())};
  }

  /** A FreqWatt or VoltWatt curve's hysteresis, if it has one; null for the others. */
  private static DerSetting.@Nullable Hysteresis hysteresis(DerControl control) {
    if ((control.type() != DerControlType.FREQ_WATT && control.type() != DerControlType.VOLT_WATT)
        || !(control.setting() instanceof DerSetting.Curve curve)) {
      return null;
    }
    DerSetting.Hysteresis h = curve.hysteresis();
    if (h == null
        || (h.high() == null && h.low() == null && h.delay() == null && h.gradient() == null)) {
      return null;
    }
    return h;
  }

  /**
   * One curve's way back to normal after a grid event (2.1 HysteresisType): what it allowed is held
   * until the grid has been back for hysteresisDelay seconds, then rises at hysteresisGradient %
   * per second (absent or 0: at once). "Back" is the grid quantity the curve reads (Hz for
   * FreqWatt, % of nominal voltage for VoltWatt) inside [hysteresisLow, hysteresisHigh] (either
   * side may be absent); without either bound, the curve asking for more than is applied. Falls are
   * never held.
   */
  private static final class Returning {
    private final double[] applied;
    private @Nullable Instant backSince;
    private @Nullable Instant last;

    Returning(double[] bound) {
      this.applied = bound.clone();
    }

    double[] step(
        DerControlType type, DerSetting.Hysteresis h, GridState grid, double[] want, Instant now) {
      double x = type == DerControlType.FREQ_WATT ? grid.frequencyHz() : grid.voltagePct();
      boolean back;
      if (h.low() == null && h.high() == null) {
        back = want[0] > applied[0] || want[1] > applied[1];
      } else {
        back =
            (h.low() == null || x >= h.low().doubleValue())
                && (h.high() == null || x <= h.high().doubleValue());
      }
      if (!back) {
        backSince = null;
      } else if (backSince == null) {
        backSince = now;
      }
      Instant release = backSince == null ? null : backSince.plus(seconds(h.delay()));
      boolean released = release != null && !now.isBefore(release);
      double dt = 0;
      if (released) {
        Instant from = last == null || last.isBefore(release) ? release : last;
        dt = Duration.between(from, now).toMillis() / 1000.0;
      }
      double gradient = h.gradient() == null ? 0 : h.gradient().doubleValue();
      for (int i = 0; i < 2; i++) {
        if (want[i] <= applied[i]) {
          applied[i] = want[i];
        } else if (released) {
          applied[i] = gradient <= 0 ? want[i] : Math.min(want[i], applied[i] + gradient * dt);
        }
      }
      last = now;
      return applied.clone();
    }

    private static Duration seconds(@Nullable BigDecimal value) {
      return value == null || value.signum() <= 0
          ? Duration.ZERO
          : Duration.ofMillis(value.movePointRight(3).longValue());
    }
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
