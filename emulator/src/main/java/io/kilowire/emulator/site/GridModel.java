package io.kilowire.emulator.site;

import io.kilowire.core.der.GridState;
import io.kilowire.emulator.description.FileNode;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The grid at the site's connection over a day ({@code grid} in a site file): its frequency in Hz
 * and its voltage in % of nominal, each a series of points that hold from their time of day until
 * the next point's (the day wraps, as the building's series does). The stations read it through
 * their grid sensor, so their DER controls have something to act on, e.g. an under-frequency event
 * at the evening peak. {@code der} are the curve controls the site's sandbox CSMS sets on its 2.1
 * stations (empty: none; the stations then act on what another CSMS sets).
 */
public record GridModel(
    double nominalFrequencyHz,
    List<Point> frequencyHz,
    List<Point> voltagePct,
    List<SiteDerCurve> der) {

  /** From {@code time} of day on, the value is {@code value}. */
  public record Point(LocalTime time, double value) {}

  /** A steady grid: nominal frequency, 100 % voltage. */
  public static GridModel steady(double nominalFrequencyHz) {
    return new GridModel(
        nominalFrequencyHz,
        List.of(new Point(LocalTime.MIDNIGHT, nominalFrequencyHz)),
        List.of(new Point(LocalTime.MIDNIGHT, 100)),
        List.of());
  }

  public GridModel {
    frequencyHz = sorted(frequencyHz);
    voltagePct = sorted(voltagePct);
    der = List.copyOf(der);
  }

  /** The grid at {@code time} of day. */
  public GridState at(LocalTime time) {
    return new GridState(value(frequencyHz, time), value(voltagePct, time), nominalFrequencyHz);
  }

  private static double value(List<Point> points, LocalTime time) {
    double value = points.get(points.size() - 1).value();
    for (Point p : points) {
      if (p.time().isAfter(time)) {
        break;
      }
      value = p.value();
    }
    return value;
  }

  private static List<Point> sorted(List<Point> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a series needs at least one point");
    }
    return points.stream().sorted((a, b) -> a.time().compareTo(b.time())).toList();
  }

  /**
   * Reads a site file's {@code grid} section: {@code nominalFrequencyHz} (50 or 60, default 50),
   * {@code frequencyHz} and {@code voltagePct} as lists of {@code {"t": "HH:MM", "value": ...}},
   * each optional (a steady nominal value without it), and {@code der}, the sandbox's curve
   * controls ({@link SiteDerCurve}). Errors name the field.
   */
  public static GridModel parse(FileNode n) {
    n.only("nominalFrequencyHz", "frequencyHz", "voltagePct", "der");
    double nominal = n.optNumber("nominalFrequencyHz", 50, 50, 60);
    if (nominal != 50 && nominal != 60) {
      throw n.req("nominalFrequencyHz").error("expected 50 or 60");
    }
    List<Point> frequency = series(n.opt("frequencyHz"), nominal, nominal * 0.8, nominal * 1.2);
    List<Point> voltage = series(n.opt("voltagePct"), 100, 0, 200);
    FileNode der = n.opt("der");
    return new GridModel(
        nominal, frequency, voltage, der == null ? List.of() : SiteDerCurve.parseAll(der));
  }

  private static List<Point> series(@Nullable FileNode n, double steady, double min, double max) {
    if (n == null) {
      return List.of(new Point(LocalTime.MIDNIGHT, steady));
    }
    List<Point> points = new ArrayList<>();
    for (FileNode p : n.nonEmptyArray()) {
      p.only("t", "value");
      points.add(new Point(p.req("t").timeOfDay(), p.req("value").number(min, max)));
    }
    return points;
  }
}
