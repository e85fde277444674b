package io.kilowire.core.der;

import io.kilowire.core.der.DerSetting.Curve;
import io.kilowire.core.der.DerSetting.Point;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The controls in force and the grid now → what the station may take and feed ({@link
 * DerResponse}). A station is a load that may feed back, and it can only lower what it exchanges,
 * so every control is read as a bound toward its target, never as a demand to draw or feed more:
 *
 * <ul>
 *   <li>FreqWatt (x Hz) and VoltWatt (x % of nominal voltage): the curve's y is the target active
 *       power in % of the maximum, positive feeding and negative drawing (the sign 2.1 gives
 *       FixedVar's setpoint: negative charging, positive discharging). y &lt; 0 caps charging at −y
 *       and forbids discharging; y &ge; 0 forbids charging and caps discharging at y.
 *   <li>FreqDroop: below underFreq, charging is cut by 100 % for every underDroop (per unit of the
 *       nominal frequency: 0.05 = 2.5 Hz at 50 Hz) the grid lies below it; above overFreq,
 *       discharging likewise by overDroop.
 *   <li>LimitMaxDischarge: discharging capped at pctMaxDischargePower (the schema ties that value
 *       to its power-monitoring curve; holding discharge below it keeps that curve from acting).
 *   <li>VoltVar, FixedVar, FixedPFAbsorb/Inject, WattVar, WattPF: the reactive target of each
 *       output, as a {@link ReactiveDemand} of the one reactive control that acts.
 *   <li>HF/LF/HV/LV MustTrip (points of x seconds, y Hz or % of nominal voltage): tripped as soon
 *       as the grid passes the least extreme level of the curve — at once, not after the time the
 *       curve allows. The station does not use this reading: it times the trip curves on their x
 *       axis and ceases momentarily with {@link RideThrough}.
 * </ul>
 */
public final class DerEvaluator {
  private DerEvaluator() {}

  public static DerResponse evaluate(Map<DerControlType, DerControl> inForce, GridState grid) {
    double charge = 100;
    double discharge = 100;
    @Nullable ReactiveDemand reactive = null;
    Map<DerControlType, GridFault> trips = new EnumMap<>(DerControlType.class);
    for (DerControl control : inForce.values()) {
      switch (control.type()) {
        case FREQ_WATT, VOLT_WATT -> {
          Curve curve = (Curve) control.setting();
          double x =
              control.type() == DerControlType.FREQ_WATT ? grid.frequencyHz() : grid.voltagePct();
          double target = curve.at(x);
          if (target < 0) {
            charge = Math.min(charge, -target);
            discharge = 0;
          } else {
            charge = 0;
            discharge = Math.min(discharge, target);
          }
        }
        case FREQ_DROOP -> {
          DerSetting.FrequencyDroop d = (DerSetting.FrequencyDroop) control.setting();
          double f = grid.frequencyHz();
          double under = d.underFreq().doubleValue();
          double over = d.overFreq().doubleValue();
          if (f < under) {
            double cut = (under - f) / (grid.nominalFrequencyHz() * d.underDroop().doubleValue());
            charge = Math.min(charge, Math.max(0, 100 - cut * 100));
          } else if (f > over) {
            double cut = (f - over) / (grid.nominalFrequencyHz() * d.overDroop().doubleValue());
            discharge = Math.min(discharge, Math.max(0, 100 - cut * 100));
          }
        }
        case LIMIT_MAX_DISCHARGE -> {
          DerSetting.DischargeLimit l = (DerSetting.DischargeLimit) control.setting();
          if (l.pctMaxDischargePower() != null) {
            discharge = Math.min(discharge, l.pctMaxDischargePower().doubleValue());
          }
        }
        case HF_MUST_TRIP -> {
          if (grid.frequencyHz() >= lowest((Curve) control.setting())) {
            trips.put(control.type(), GridFault.OVER_FREQUENCY);
          }
        }
        case LF_MUST_TRIP -> {
          if (grid.frequencyHz() <= highest((Curve) control.setting())) {
            trips.put(control.type(), GridFault.UNDER_FREQUENCY);
          }
        }
        case HV_MUST_TRIP -> {
          if (grid.voltagePct() >= lowest((Curve) control.setting())) {
            trips.put(control.type(), GridFault.OVER_VOLTAGE);
          }
        }
        case LV_MUST_TRIP -> {
          if (grid.voltagePct() <= highest((Curve) control.setting())) {
            trips.put(control.type(), GridFault.UNDER_VOLTAGE);
          }
        }
        default -> {
          // Not acted on by the evaluator: the station does not take these types.
        }
      }
    }
    if (!trips.isEmpty()) {
      charge = 0;
      discharge = 0;
    }
    DerControl reactiveControl = reactive(inForce);
    if (reactiveControl != null) {
      reactive = ReactiveDemand.of(reactiveControl, grid);
    }
    return new DerResponse(charge, discharge, reactive, trips);
  }

  /**
   * Of the reactive controls in force, the one that acts: an output follows one reactive target, so
   * the control of the highest priority (lowest value) acts alone; on a tie, the first type in the
   * protocol's order.
   */
  private static @Nullable DerControl reactive(Map<DerControlType, DerControl> inForce) {
    DerControl acting = null;
    for (DerControlType type : DerControlType.values()) {
      DerControl c = inForce.get(type);
      if (c != null && type.reactive() && (acting == null || c.priority() < acting.priority())) {
        acting = c;
      }
    }
    return acting;
  }

  private static double lowest(Curve curve) {
    return curve.points().stream().mapToDouble(p -> p.y().doubleValue()).min().orElseThrow();
  }

  private static double highest(Curve curve) {
    return curve.points().stream()
        .map(Point::y)
        .mapToDouble(BigDecimal::doubleValue)
        .max()
        .orElseThrow();
  }
}
