package io.kilowire.core.loadmanagement.energy;

/**
 * A battery as it runs: its state of charge and the power it gives, following setpoints within its
 * power limits and stopping at its state-of-charge bounds (what its own management does). The
 * emulator's site and the tests simulate a battery with it. Not thread-safe.
 */
public final class BatteryState {
  private final Battery spec;
  private double socPercent;
  private double powerW;

  /** At its {@link Battery#initialSocPercent()}, idle. */
  public BatteryState(Battery spec) {
    this.spec = spec;
    this.socPercent = spec.initialSocPercent();
  }

  /** Discharging positive, charging negative. */
  public double powerW() {
    return powerW;
  }

  public double socPercent() {
    return socPercent;
  }

  /** Takes the new setpoint (discharging positive), within its limits and bounds. */
  public void follow(double setpointW) {
    powerW = spec.powerFor(setpointW, socPercent);
  }

  /** Runs {@code seconds} at its power; it stops at the bound it reaches. */
  public void run(double seconds) {
    socPercent = spec.socAfter(socPercent, powerW, seconds);
    powerW = spec.powerFor(powerW, socPercent);
  }
}
