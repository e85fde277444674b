package io.kilowire.core.loadmanagement.energy;

/** The checks the energy records share: each failure names the field it is about. */
final class EnergyFields {
  private EnergyFields() {}

  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": " + problem);
    }
  }

  /** A finite number within {@code min..max}. */
  static void within(double value, double min, double max, String field) {
    require(
        Double.isFinite(value) && value >= min && value <= max,
        field,
        "must be from " + fmt(min) + " to " + fmt(max) + ", not " + fmt(value));
  }

  /** A finite number above 0. */
  static void positive(double value, String field) {
    require(Double.isFinite(value) && value > 0, field, "must be above 0, not " + fmt(value));
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
