package io.kilowire.core.der;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Controls to test with. */
final class DerFixtures {
  static final Instant T0 = Instant.parse("2026-12-07T17:00:00Z");

  private DerFixtures() {}

  /** A curve through (x, y) pairs. */
  static DerSetting.Curve curve(DerUnit unit, double... xy) {
    List<DerSetting.Point> points = new ArrayList<>();
    for (int i = 0; i < xy.length; i += 2) {
      points.add(new DerSetting.Point(BigDecimal.valueOf(xy[i]), BigDecimal.valueOf(xy[i + 1])));
    }
    return new DerSetting.Curve(points, unit, null, null);
  }

  /** Full charging at 50 Hz, none at 49.8 Hz, feeding half at 49.5 Hz. */
  static DerSetting.Curve frequencyWatt() {
    return curve(DerUnit.PCT_MAX_W, 49.5, 50, 49.8, 0, 50.0, -100);
  }

  static DerControl defaultControl(String id, DerControlType type, int priority, DerSetting s) {
    return new DerControl(id, type, true, priority, null, null, s);
  }

  static DerControl scheduled(
      String id, DerControlType type, int priority, Instant start, long seconds, DerSetting s) {
    return new DerControl(id, type, false, priority, start, BigDecimal.valueOf(seconds), s);
  }
}
