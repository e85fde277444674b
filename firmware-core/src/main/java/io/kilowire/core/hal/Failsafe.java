package io.kilowire.core.hal;

/** What a board does on its own when the lease of its setpoint lapses. */
public enum Failsafe {
  /** The lowest AC current, 6 A (10 % duty, SPEC-FACTS E.1); the contactor stays as it was. */
  SIX_AMPS,
  /** Pause (constant +12 V); the contactor opens once the EV is in B, or after 6 s (E.4). */
  PAUSE;

  /** The pilot signal of this failsafe. */
  public PilotSignal signal() {
    return switch (this) {
      case SIX_AMPS -> PilotSignal.pwm(100);
      case PAUSE -> PilotSignal.CONSTANT_HIGH;
    };
  }
}
