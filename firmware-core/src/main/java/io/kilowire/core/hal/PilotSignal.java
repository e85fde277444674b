package io.kilowire.core.hal;

/**
 * What the EVSE puts on the control pilot. Duty is held in permille (0.1 % resolution) so that
 * equality is exact and a change is a change (SPEC-FACTS E.1).
 *
 * @param mode PWM, constant +12 V (X1, no PWM) or off (CP held at -12 V, state F)
 * @param dutyPermille duty cycle in 0.1 % steps, 0..1000; 0 unless {@code mode} is PWM
 */
public record PilotSignal(Mode mode, int dutyPermille) {

  /** How the pilot is driven. */
  public enum Mode {
    PWM,
    CONSTANT_HIGH,
    OFF
  }

  /** Constant +12 V: state B1/C1, the usual pause (SPEC-FACTS E.4). */
  public static final PilotSignal CONSTANT_HIGH = new PilotSignal(Mode.CONSTANT_HIGH, 0);

  /** CP off (-12 V, state F): the simulated unplug of the phase-switch sequence (E.5). */
  public static final PilotSignal OFF = new PilotSignal(Mode.OFF, 0);

  /** 5 %: digital communication (ISO 15118 / DIN 70121) required (E.1, E.4). */
  public static final PilotSignal HLC = new PilotSignal(Mode.PWM, 50);

  /** 100 % PWM: no charging, yet the EV resistance stays measurable (E.1, TF). */
  public static final PilotSignal FULL_DUTY = new PilotSignal(Mode.PWM, 1000);

  public PilotSignal {
    if (mode == null) {
      throw new IllegalArgumentException("mode required");
    }
    if (dutyPermille < 0 || dutyPermille > 1000) {
      throw new IllegalArgumentException("duty out of range: " + dutyPermille + " permille");
    }
    if (mode != Mode.PWM && dutyPermille != 0) {
      throw new IllegalArgumentException("duty only applies to PWM");
    }
  }

  /** A PWM signal of {@code dutyPermille} tenths of a percent. */
  public static PilotSignal pwm(int dutyPermille) {
    return new PilotSignal(Mode.PWM, dutyPermille);
  }

  /** True when this signal offers AC current by duty cycle (8 %..97 %). */
  public boolean offersCurrent() {
    return mode == Mode.PWM && dutyPermille >= 80 && dutyPermille <= 970;
  }

  @Override
  public String toString() {
    return mode == Mode.PWM
        ? "PWM " + dutyPermille / 10 + "." + dutyPermille % 10 + " %"
        : "" + mode;
  }
}
