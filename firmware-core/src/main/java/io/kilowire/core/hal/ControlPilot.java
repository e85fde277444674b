package io.kilowire.core.hal;

/** The board's control-pilot generator and reader (SPEC-FACTS E.1, E.2). */
public interface ControlPilot {
  /** Drives a 1 kHz PWM with {@code dutyPermille} tenths of a percent (0..1000). */
  void setDuty(int dutyPermille);

  /** Constant +12 V, no PWM: pause, or state B1 before a session (E.4). */
  void setConstantHigh();

  /** CP off (-12 V, state F). */
  void setOff();

  /** The state the EV presents now. */
  CpState state();

  /** Applies a {@link PilotSignal} through the three primitives above. */
  default void apply(PilotSignal signal) {
    switch (signal.mode()) {
      case PWM -> setDuty(signal.dutyPermille());
      case CONSTANT_HIGH -> setConstantHigh();
      case OFF -> setOff();
    }
  }
}
