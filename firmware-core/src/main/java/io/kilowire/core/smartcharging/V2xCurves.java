package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A period's frequency support (OCPP 2.1 v2xBaseline, v2xFreqWattCurve, v2xSignalWattCurve): the
 * power the EV should transfer as a function of the grid's frequency (LocalFrequency) or of the
 * CSMS's aFRR signal (CentralFrequency), on top of the baseline. Watts over all phases, positive to
 * charge, negative to discharge. Between two points the power is interpolated linearly; beyond the
 * first or last point it stays at that point's power.
 *
 * @param baselineW added to the curve's power; null: 0
 * @param frequencyWatt points (Hz, W), 1 to 20 when given; empty: none
 * @param signalWatt points (signal, W), 1 to 20 when given; empty: none
 */
public record V2xCurves(
    @Nullable BigDecimal baselineW, List<Point> frequencyWatt, List<Point> signalWatt) {
  /** One point of a curve: at {@code x} (Hz or signal value), {@code watts}. */
  public record Point(BigDecimal x, BigDecimal watts) {
    public Point {
      Objects.requireNonNull(x, "x");
      Objects.requireNonNull(watts, "watts");
    }
  }

  public V2xCurves {
    frequencyWatt = sorted(frequencyWatt);
    signalWatt = sorted(signalWatt);
  }

  /** Whether the period gives none of the three. */
  public boolean isEmpty() {
    return baselineW == null && frequencyWatt.isEmpty() && signalWatt.isEmpty();
  }

  /**
   * The power at grid frequency {@code hz} (LocalFrequency): baseline + the frequency-watt curve;
   * without a reading or a curve, the baseline alone; null when there is neither.
   */
  public @Nullable BigDecimal wattsAtFrequency(@Nullable Double hz) {
    return plusBaseline(hz == null ? null : at(frequencyWatt, BigDecimal.valueOf(hz)));
  }

  /**
   * The power at aFRR signal {@code signal} (CentralFrequency): baseline + the signal-watt curve;
   * without a signal or a curve, the baseline alone; null when there is neither.
   */
  public @Nullable BigDecimal wattsAtSignal(@Nullable Integer signal) {
    return plusBaseline(signal == null ? null : at(signalWatt, BigDecimal.valueOf(signal)));
  }

  private @Nullable BigDecimal plusBaseline(@Nullable BigDecimal curve) {
    if (curve == null) {
      return baselineW;
    }
    return baselineW == null ? curve : baselineW.add(curve);
  }

  /** The curve's power at {@code x}; null for an empty curve. */
  static @Nullable BigDecimal at(List<Point> curve, BigDecimal x) {
    if (curve.isEmpty()) {
      return null;
    }
    Point first = curve.get(0);
    if (x.compareTo(first.x()) <= 0) {
      return first.watts();
    }
    for (int i = 1; i < curve.size(); i++) {
      Point lo = curve.get(i - 1);
      Point hi = curve.get(i);
      if (x.compareTo(hi.x()) <= 0) {
        BigDecimal span = hi.x().subtract(lo.x());
        if (span.signum() == 0) {
          return hi.watts();
        }
        BigDecimal fraction = x.subtract(lo.x()).divide(span, 9, RoundingMode.HALF_EVEN);
        return lo.watts()
            .add(hi.watts().subtract(lo.watts()).multiply(fraction))
            .setScale(3, RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
      }
    }
    return curve.get(curve.size() - 1).watts();
  }

  private static List<Point> sorted(List<Point> points) {
    return points.stream().sorted(Comparator.comparing(Point::x)).toList();
  }
}
