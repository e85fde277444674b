package io.kilowire.emulator.site;

import io.kilowire.core.loadmanagement.energy.Battery;

/**
 * The simulated stationary battery: it follows the balancer's setpoint within its power limits,
 * stops at its state-of-charge bounds, and loses the square root of its round-trip efficiency each
 * way.
 */
final class SiteBattery {
  private final Battery spec;
  private double socPercent;
  private double powerW;

  SiteBattery(Battery spec) {
    this.spec = spec;
    this.socPercent = spec.initialSocPercent();
  }

  /** Discharging positive, charging negative. */
  double powerW() {
    return powerW;
  }

  double socPercent() {
    return socPercent;
  }

  /** Takes the new setpoint (discharging positive), within its limits and bounds. */
  void follow(double setpointW) {
    double w =
        Math.max(-spec.maxChargeKw() * 1000, Math.min(spec.maxDischargeKw() * 1000, setpointW));
    if ((w > 0 && socPercent <= spec.minSocPercent())
        || (w < 0 && socPercent >= spec.maxSocPercent())) {
      w = 0;
    }
    powerW = w;
  }

  /** Runs {@code seconds} at its power; its own management stops it at the bounds. */
  void run(double seconds) {
    double kwh = powerW * seconds / 3_600_000;
    double stored = kwh > 0 ? kwh / spec.oneWayEfficiency() : kwh * spec.oneWayEfficiency();
    socPercent = Math.max(0, Math.min(100, socPercent - stored / spec.capacityKwh() * 100));
    if ((powerW > 0 && socPercent <= spec.minSocPercent())
        || (powerW < 0 && socPercent >= spec.maxSocPercent())) {
      powerW = 0;
    }
  }
}
