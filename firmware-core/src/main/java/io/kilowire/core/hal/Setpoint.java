package io.kilowire.core.hal;

import java.time.Instant;

/**
 * One command to a board, with a lease: the board holds it until {@code validUntil} and then falls
 * to its configured {@link Failsafe} on its own, so a hung controller or a cut link can never leave
 * an EV charging at a stale, possibly too high, current.
 *
 * @param pilot what the control pilot shows
 * @param contactorClosed whether the main contactor should be closed
 * @param validUntil the lease: the setpoint lapses at this instant unless renewed
 */
public record Setpoint(PilotSignal pilot, boolean contactorClosed, Instant validUntil) {
  public Setpoint {
    if (pilot == null || validUntil == null) {
      throw new IllegalArgumentException("pilot and validUntil required");
    }
  }
}
