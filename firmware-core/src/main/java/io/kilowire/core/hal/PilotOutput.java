package io.kilowire.core.hal;

/**
 * The effects of a {@link PilotController}, one call per change and at the moment of the change:
 * the runtime forwards them to the board (or wraps them in leased {@link Setpoint}s) and forwards
 * faults to the CSMS.
 */
public interface PilotOutput {
  /** Put {@code signal} on the control pilot. */
  void pilot(PilotSignal signal);

  /** Close (true) or open (false) the main contactor. */
  void contactor(boolean closed);

  /** Switch the phase contactor to {@code count} phases (1 or 3). */
  default void phases(int count) {}

  /** With ISO 15118 active, the current limit per phase to send through the link (E.4, F). */
  default void hlcLimit(double amps) {}

  /** Something the CSMS should hear about. */
  default void fault(PilotFault fault) {}
}
