package io.kilowire.core.der;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a DER control asks for, one record per setting shape of SetDERControl. Values are kept as
 * given (decimals exactly), so a report gives the CSMS back what it set.
 */
public sealed interface DerSetting {

  /** The shape this setting is, to check it against its control type. */
  DerControlType.Shape shape();

  /** One point of a curve. */
  record Point(BigDecimal x, BigDecimal y) {
    public Point {
      Objects.requireNonNull(x, "x");
      Objects.requireNonNull(y, "y");
    }
  }

  /** A curve's hysteresis (all optional). */
  record Hysteresis(
      @Nullable BigDecimal high,
      @Nullable BigDecimal low,
      @Nullable BigDecimal delay,
      @Nullable BigDecimal gradient) {}

  /**
   * A curve (FreqWatt, VoltVar, VoltWatt, the trip curves, ...): 1 to 10 points with x strictly
   * increasing.
   */
  record Curve(
      List<Point> points,
      DerUnit yUnit,
      @Nullable BigDecimal responseTime,
      @Nullable Hysteresis hysteresis)
      implements DerSetting {
    public Curve {
      points = List.copyOf(points);
      Objects.requireNonNull(yUnit, "yUnit");
      if (points.isEmpty() || points.size() > 10) {
        throw new IllegalArgumentException("a curve has 1 to 10 points, not " + points.size());
      }
      for (int i = 1; i < points.size(); i++) {
        if (points.get(i).x().compareTo(points.get(i - 1).x()) <= 0) {
          throw new IllegalArgumentException(
              "curve points must have x strictly increasing (point " + i + ")");
        }
      }
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.CURVE;
    }

    /** y at {@code x}, linear between points, held flat beyond the first and the last. */
    public double at(double x) {
      Point first = points.get(0);
      if (x <= first.x().doubleValue()) {
        return first.y().doubleValue();
      }
      for (int i = 1; i < points.size(); i++) {
        Point a = points.get(i - 1);
        Point b = points.get(i);
        double bx = b.x().doubleValue();
        if (x <= bx) {
          double ax = a.x().doubleValue();
          double ay = a.y().doubleValue();
          return ay + (b.y().doubleValue() - ay) * (x - ax) / (bx - ax);
        }
      }
      return points.get(points.size() - 1).y().doubleValue();
    }
  }

  /** A fixed power factor (FixedPFAbsorb, FixedPFInject). */
  record FixedPowerFactor(BigDecimal displacement, boolean excitation) implements DerSetting {
    public FixedPowerFactor {
      Objects.requireNonNull(displacement, "displacement");
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.FIXED_PF;
    }
  }

  /** A fixed reactive power (FixedVar). */
  record FixedReactive(BigDecimal setpoint, DerUnit unit) implements DerSetting {
    public FixedReactive {
      Objects.requireNonNull(setpoint, "setpoint");
      Objects.requireNonNull(unit, "unit");
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.FIXED_VAR;
    }
  }

  /**
   * A frequency droop (FreqDroop): beyond overFreq or underFreq (Hz) the power changes by 100 % for
   * every droop per unit of the nominal frequency (0.05: 2.5 Hz at 50 Hz); responseTime in seconds.
   */
  record FrequencyDroop(
      BigDecimal overFreq,
      BigDecimal underFreq,
      BigDecimal overDroop,
      BigDecimal underDroop,
      BigDecimal responseTime)
      implements DerSetting {
    public FrequencyDroop {
      Objects.requireNonNull(overFreq, "overFreq");
      Objects.requireNonNull(underFreq, "underFreq");
      Objects.requireNonNull(overDroop, "overDroop");
      Objects.requireNonNull(underDroop, "underDroop");
      Objects.requireNonNull(responseTime, "responseTime");
      if (underFreq.compareTo(overFreq) > 0) {
        throw new IllegalArgumentException("underFreq must not lie above overFreq");
      }
      if (overDroop.signum() <= 0 || underDroop.signum() <= 0) {
        throw new IllegalArgumentException("a droop must be above 0 %");
      }
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.FREQ_DROOP;
    }
  }

  /** A cap on discharging (LimitMaxDischarge), in % of the maximum discharge power. */
  record DischargeLimit(@Nullable BigDecimal pctMaxDischargePower, @Nullable Curve monitoringTrip)
      implements DerSetting {
    public DischargeLimit {
      if (pctMaxDischargePower != null
          && (pctMaxDischargePower.signum() < 0
              || pctMaxDischargePower.compareTo(BigDecimal.valueOf(100)) > 0)) {
        throw new IllegalArgumentException("pctMaxDischargePower must lie in 0..100");
      }
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.LIMIT_MAX_DISCHARGE;
    }
  }

  /**
   * When the station may (re-)enter service after a trip: voltage (% of nominal) and frequency (Hz)
   * within these bounds, after delay seconds (plus up to randomDelay), rising at rampRate.
   */
  record EnterService(
      BigDecimal highVoltage,
      BigDecimal lowVoltage,
      BigDecimal highFreq,
      BigDecimal lowFreq,
      @Nullable BigDecimal delay,
      @Nullable BigDecimal randomDelay,
      @Nullable BigDecimal rampRate)
      implements DerSetting {
    public EnterService {
      Objects.requireNonNull(highVoltage, "highVoltage");
      Objects.requireNonNull(lowVoltage, "lowVoltage");
      Objects.requireNonNull(highFreq, "highFreq");
      Objects.requireNonNull(lowFreq, "lowFreq");
      if (lowVoltage.compareTo(highVoltage) > 0 || lowFreq.compareTo(highFreq) > 0) {
        throw new IllegalArgumentException("a low bound must not lie above its high bound");
      }
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.ENTER_SERVICE;
    }

    /** Whether the grid is inside the window in which the station may enter service. */
    public boolean admits(GridState grid) {
      return grid.frequencyHz() >= lowFreq.doubleValue()
          && grid.frequencyHz() <= highFreq.doubleValue()
          && grid.voltagePct() >= lowVoltage.doubleValue()
          && grid.voltagePct() <= highVoltage.doubleValue();
    }
  }

  /**
   * Ramp gradients (Gradients): the schema's "ramp rate in seconds", read as the seconds a rise
   * over the full range takes (0: not applicable); softGradient for the soft start after a stop.
   */
  record Gradients(BigDecimal gradient, BigDecimal softGradient) implements DerSetting {
    public Gradients {
      Objects.requireNonNull(gradient, "gradient");
      Objects.requireNonNull(softGradient, "softGradient");
    }

    @Override
    public DerControlType.Shape shape() {
      return DerControlType.Shape.GRADIENTS;
    }
  }
}
