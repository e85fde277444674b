package io.kilowire.core.loadmanagement.energy;

import java.time.LocalTime;
import java.util.List;

/** The PV production over a clear day, in kW (it repeats every day). */
public sealed interface PvProfile {
  /** Production at {@code time} of day on a clear day, kW. */
  double kwAt(LocalTime time);

  /** The most it produces in a day, kW. */
  double peakKw();

  /**
   * A clear-sky day: a half sine from {@code sunrise} to {@code sunset} scaled to {@code peakKw} at
   * solar noon (halfway), nothing at night.
   */
  record ClearSky(double peakKw, LocalTime sunrise, LocalTime sunset) implements PvProfile {
    public ClearSky {
      EnergyFields.positive(peakKw, "pv.peakKw");
      EnergyFields.require(
          sunrise.isBefore(sunset), "pv.sunset", "must be after pv.sunrise (" + sunrise + ")");
    }

    @Override
    public double kwAt(LocalTime time) {
      if (time.isBefore(sunrise) || !time.isBefore(sunset)) {
        return 0;
      }
      double day = sunset.toSecondOfDay() - sunrise.toSecondOfDay();
      double x = (time.toSecondOfDay() - sunrise.toSecondOfDay()) / day;
      return peakKw * Math.sin(Math.PI * x);
    }
  }

  /** One point of a series: at {@code time}, {@code kw}. */
  record Point(LocalTime time, double kw) {}

  /**
   * Measured or forecast values, linear between the points; before the first point and after the
   * last one the production is 0 (night).
   */
  record Series(List<Point> points) implements PvProfile {
    public Series {
      points = List.copyOf(points);
      EnergyFields.require(!points.isEmpty(), "pv.series", "needs at least one point");
      for (int i = 0; i < points.size(); i++) {
        EnergyFields.within(points.get(i).kw(), 0, 1_000_000, "pv.series[" + i + "].kw");
        if (i > 0) {
          EnergyFields.require(
              points.get(i).time().isAfter(points.get(i - 1).time()),
              "pv.series[" + i + "].t",
              "must come after " + points.get(i - 1).time());
        }
      }
    }

    @Override
    public double kwAt(LocalTime time) {
      Point first = points.get(0);
      Point last = points.get(points.size() - 1);
      if (time.isBefore(first.time()) || time.isAfter(last.time())) {
        return 0;
      }
      for (int i = 1; i < points.size(); i++) {
        Point a = points.get(i - 1);
        Point b = points.get(i);
        if (!time.isAfter(b.time())) {
          double span = b.time().toSecondOfDay() - a.time().toSecondOfDay();
          double x = (time.toSecondOfDay() - a.time().toSecondOfDay()) / span;
          return a.kw() + (b.kw() - a.kw()) * x;
        }
      }
      return last.kw();
    }

    @Override
    public double peakKw() {
      return points.stream().mapToDouble(Point::kw).max().orElse(0);
    }
  }
}
