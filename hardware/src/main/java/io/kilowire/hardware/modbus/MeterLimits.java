package io.kilowire.hardware.modbus;

/**
 * Plausibility bounds. A value outside them is a fault, not a reading: a meter that reports 4000 V
 * is broken or misaddressed, and a charging limit computed from it would be wrong.
 *
 * @param maxVoltageV highest credible line-to-neutral voltage
 * @param maxCurrentA highest credible current magnitude per phase
 */
public record MeterLimits(double maxVoltageV, double maxCurrentA) {
  public MeterLimits {
    if (!(maxVoltageV > 0) || !(maxCurrentA > 0)) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** 300 V L-N (230 V nominal + 30 %), 120 A (the SDM630-100 range plus margin). */
  public static MeterLimits defaults() {
    return new MeterLimits(300, 120);
  }

  /** Per-phase power bound implied by the two others. */
  public double maxPowerW() {
    return maxVoltageV * maxCurrentA;
  }
}
