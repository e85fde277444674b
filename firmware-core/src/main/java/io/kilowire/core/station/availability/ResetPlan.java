package io.kilowire.core.station.availability;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resets the CSMS asked for that the station has not carried out yet (1.6 Reset; 2.0.1 B11/B12,
 * of the station or of one EVSE), merged so that each ends in exactly one reboot: a newer request
 * joins the one pending instead of queueing a second reboot. Immediate supersedes OnIdle, hard
 * supersedes soft, and a station reset takes in the EVSE resets waiting for their transactions.
 * From the moment a reset is accepted or scheduled until it is done, the EVSEs it covers admit no
 * new session, so an OnIdle reset of a busy station cannot wait forever.
 *
 * <p>A station reset goes WAITING (OnIdle, transactions running) → DUE (the next step ends the
 * transactions) → ENDING (their ends are on their way to the CSMS) → reboot, back to NONE. Pure
 * bookkeeping: {@link Resets} acts on what it answers.
 */
final class ResetPlan {
  /** Where the station's own reset stands. */
  private enum Phase {
    NONE,
    WAITING,
    DUE,
    ENDING
  }

  private Phase phase = Phase.NONE;
  private boolean hard;
  private final Set<Integer> evses = new TreeSet<>();

  /** The transactions the reset in progress ended: it reboots once the CSMS has their ends. */
  private Set<String> ended = Set.of();

  private int reboots;

  /**
   * A station reset is requested; {@code now}: Immediate, or OnIdle of an idle station. Returns
   * true if the caller must start it now (it was not already due): at most once per reset.
   */
  boolean requestStation(boolean hard, boolean now) {
    this.hard |= hard;
    evses.clear(); // the station reset covers every EVSE
    if (phase == Phase.NONE) {
      phase = Phase.WAITING;
    }
    if (now && phase == Phase.WAITING) {
      phase = Phase.DUE;
      return true;
    }
    return false;
  }

  /** A station reset is pending (scheduled, due, or ending its transactions). */
  boolean stationPending() {
    return phase != Phase.NONE;
  }

  /** The station reset waits for the transactions to end by themselves (OnIdle). */
  boolean stationWaiting() {
    return phase == Phase.WAITING;
  }

  /** The station went idle: true if a waiting reset is now due (the caller starts it). */
  boolean idle() {
    if (phase != Phase.WAITING) {
      return false;
    }
    phase = Phase.DUE;
    return true;
  }

  /**
   * The station reset starts ending {@code transactions}; returns whether it is hard so far (a
   * later request may still make the reboot hard, not the reasons the transactions end with).
   */
  boolean startEnding(Collection<String> transactions) {
    phase = Phase.ENDING;
    ended = Set.copyOf(transactions);
    return hard;
  }

  /** The reset in progress ended this transaction and waits for the CSMS to have its end. */
  boolean endedByReset(String transactionId) {
    return phase == Phase.ENDING && ended.contains(transactionId);
  }

  /** The transactions ended and the station waits to reboot until the CSMS has their ends. */
  boolean ending() {
    return phase == Phase.ENDING;
  }

  /** The station reboots: the reset is done; returns whether the reboot is hard. */
  boolean reboot() {
    boolean wasHard = hard;
    phase = Phase.NONE;
    hard = false;
    ended = Set.of();
    reboots++;
    return wasHard;
  }

  /**
   * How many reboots the station did: an authorization asked for before one starts no session after
   * it.
   */
  int reboots() {
    return reboots;
  }

  /** An EVSE reset waits for the EVSE's transaction to end (OnIdle), or for its step (now). */
  void requestEvse(int evse) {
    evses.add(evse);
  }

  /** The EVSE's reset is carried out (or was never asked for); true if one was pending. */
  boolean evseDone(int evse) {
    return evses.remove(evse);
  }

  /** Whether the EVSE may start a new session: no reset pending for it or the station. */
  boolean admits(int evse) {
    return phase == Phase.NONE && !evses.contains(evse);
  }
}
