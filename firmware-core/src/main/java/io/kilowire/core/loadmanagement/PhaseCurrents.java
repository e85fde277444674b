package io.kilowire.core.loadmanagement;

/** One current per grid phase, in amps. */
public record PhaseCurrents(double l1, double l2, double l3) {
  public static final PhaseCurrents ZERO = new PhaseCurrents(0, 0, 0);

  public PhaseCurrents {
    if (!Double.isFinite(l1) || !Double.isFinite(l2) || !Double.isFinite(l3)) {
      throw new IllegalArgumentException("phase currents must be finite");
    }
  }

  public static PhaseCurrents all(double amps) {
    return new PhaseCurrents(amps, amps, amps);
  }

  public double get(Phase phase) {
    return switch (phase) {
      case L1 -> l1;
      case L2 -> l2;
      case L3 -> l3;
    };
  }

  public PhaseCurrents with(Phase phase, double amps) {
    return switch (phase) {
      case L1 -> new PhaseCurrents(amps, l2, l3);
      case L2 -> new PhaseCurrents(l1, amps, l3);
      case L3 -> new PhaseCurrents(l1, l2, amps);
    };
  }

  public PhaseCurrents plus(PhaseCurrents o) {
    return new PhaseCurrents(l1 + o.l1, l2 + o.l2, l3 + o.l3);
  }

  public PhaseCurrents minus(PhaseCurrents o) {
    return new PhaseCurrents(l1 - o.l1, l2 - o.l2, l3 - o.l3);
  }

  public PhaseCurrents min(PhaseCurrents o) {
    return new PhaseCurrents(Math.min(l1, o.l1), Math.min(l2, o.l2), Math.min(l3, o.l3));
  }

  /** Negative components raised to zero. */
  public PhaseCurrents nonNegative() {
    return new PhaseCurrents(Math.max(0, l1), Math.max(0, l2), Math.max(0, l3));
  }

  /** The sum of the three. */
  public double total() {
    return l1 + l2 + l3;
  }

  /** The largest of the three. */
  public double max() {
    return Math.max(l1, Math.max(l2, l3));
  }

  /** True when every component is at most the other's (plus {@code toleranceA}). */
  public boolean within(PhaseCurrents limit, double toleranceA) {
    return l1 <= limit.l1 + toleranceA
        && l2 <= limit.l2 + toleranceA
        && l3 <= limit.l3 + toleranceA;
  }
}
