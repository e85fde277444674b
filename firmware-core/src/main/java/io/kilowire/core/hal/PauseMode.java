package io.kilowire.core.hal;

/** How the pilot pauses charging below 6 A (SPEC-FACTS E.1, E.4). */
public enum PauseMode {
  /** Constant +12 V, no PWM (state X1). */
  CONSTANT_HIGH,
  /** 100 % duty: also no charging, but the EV's resistance stays measurable (TF practice). */
  FULL_DUTY;

  PilotSignal signal() {
    return switch (this) {
      case CONSTANT_HIGH -> PilotSignal.CONSTANT_HIGH;
      case FULL_DUTY -> PilotSignal.FULL_DUTY;
    };
  }
}
