package io.kilowire.core.hal;

/**
 * The contactor (a relay output on the board) that connects an EVSE's outlet to one or to three
 * grid phases. {@link PilotController} switches it only in step 4 of the safe sequence (SPEC-FACTS
 * E.5: pilot 100 %, the EV in B or the wait over, contactor open, pilot off), never under load.
 */
@FunctionalInterface
public interface PhaseContactor {
  /** Connect {@code phases} (1 or 3). Must not block: an adapter does its I/O on its own thread. */
  void switchTo(int phases);
}
