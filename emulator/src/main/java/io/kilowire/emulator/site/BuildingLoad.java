package io.kilowire.emulator.site;

import io.kilowire.core.loadmanagement.PhaseCurrents;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/** The site's non-EV load per grid phase over a day (it repeats every day). */
public sealed interface BuildingLoad {
  /** The load at {@code time} of day. */
  PhaseCurrents at(LocalTime time);

  /** One point of a time series: from {@code time} on, the load is {@code currentA}. */
  record Point(LocalTime time, PhaseCurrents currentA) {}

  /**
   * Measured or planned values: each holds from its time until the next point's; before the first
   * point of the day the last one still holds (the day wraps).
   */
  record Series(List<Point> points) implements BuildingLoad {
    public Series {
      points = points.stream().sorted((a, b) -> a.time().compareTo(b.time())).toList();
      if (points.isEmpty()) {
        throw new IllegalArgumentException("a series needs at least one point");
      }
    }

    @Override
    public PhaseCurrents at(LocalTime time) {
      PhaseCurrents value = points.get(points.size() - 1).currentA();
      for (Point p : points) {
        if (p.time().isAfter(time)) {
          break;
        }
        value = p.currentA();
      }
      return value;
    }
  }

  /**
   * A named daily shape scaled to {@code peakA} per phase, with {@code phaseShares} spreading it
   * unevenly over L1..L3 as real buildings do. The shape is interpolated between the hours and
   * changes every 15 minutes.
   */
  record Profile(Shape shape, PhaseCurrents peakA) implements BuildingLoad {
    @Override
    public PhaseCurrents at(LocalTime time) {
      int quarter = (time.getHour() * 60 + time.getMinute()) / 15;
      double hour = quarter / 4.0;
      double[] f = shape.hourly;
      int h = (int) Math.floor(hour);
      double frac = hour - h;
      double factor = f[h % 24] + (f[(h + 1) % 24] - f[h % 24]) * frac;
      return new PhaseCurrents(
          round(peakA.l1() * factor), round(peakA.l2() * factor), round(peakA.l3() * factor));
    }

    private static double round(double a) {
      return Math.round(a * 10) / 10.0;
    }
  }

  /** The named daily shapes: the fraction of the peak at each full hour 00:00..23:00. */
  enum Shape {
    /** Offices: low at night, a plateau from 9 to 16, down in the evening. */
    OFFICE(
        0.20, 0.20, 0.20, 0.20, 0.20, 0.25, 0.35, 0.55, 0.80, 0.95, 1.00, 1.00, 0.95, 1.00, 1.00,
        0.95, 0.85, 0.65, 0.45, 0.35, 0.30, 0.25, 0.20, 0.20),
    /** Homes: a small morning bump and the evening peak from 18 to 21. */
    RESIDENTIAL(
        0.30, 0.25, 0.25, 0.25, 0.25, 0.30, 0.45, 0.60, 0.50, 0.40, 0.35, 0.35, 0.40, 0.35, 0.35,
        0.40, 0.50, 0.70, 0.90, 1.00, 1.00, 0.90, 0.70, 0.45),
    /** A logistics depot: loading in the early morning, workshops by day, quiet in the evening. */
    DEPOT(
        0.35, 0.35, 0.40, 0.60, 0.90, 1.00, 0.95, 0.80, 0.70, 0.70, 0.70, 0.65, 0.60, 0.65, 0.65,
        0.60, 0.55, 0.45, 0.40, 0.35, 0.35, 0.35, 0.35, 0.35),
    /** The peak all day. */
    FLAT(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);

    private final double[] hourly;

    Shape(double... hourly) {
      if (hourly.length != 24) {
        throw new IllegalStateException(name() + " needs 24 values");
      }
      this.hourly = hourly;
    }

    /** The name used in site files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
