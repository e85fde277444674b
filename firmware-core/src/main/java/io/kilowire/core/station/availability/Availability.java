package io.kilowire.core.station.availability;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.transactions.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Whether each EVSE is operative (ChangeAvailability; 1.6 §5.2, 2.0.1 G03/G04). Taking a busy EVSE
 * out of operation waits until its transaction ends. Its part of the station's snapshot: the
 * inoperative EVSEs.
 */
public final class Availability {
  private final boolean[] inoperative;
  private final boolean[] inoperativeWhenIdle;
  private final Transactions transactions;
  private final StatusReports status;
  private final TaskScheduler scheduler;
  private final Runnable persist;

  /**
   * @param persist writes the station's snapshot
   */
  public Availability(
      StationContext context, Transactions transactions, StatusReports status, Runnable persist) {
    this.inoperative = new boolean[context.evseCount()];
    this.inoperativeWhenIdle = new boolean[context.evseCount()];
    this.transactions = transactions;
    this.status = status;
    this.scheduler = context.scheduler();
    this.persist = persist;
  }

  /** Takes up the inoperative EVSEs of the snapshot (unknown numbers are ignored). */
  public void restore(Set<Integer> inoperativeEvses) {
    for (int evse : inoperativeEvses) {
      if (evse >= 1 && evse <= inoperative.length) {
        inoperative[evse - 1] = true;
      }
    }
  }

  /**
   * Makes {@code evse} (0: all) operative or not; returns true if that waits for a transaction to
   * end (Scheduled). An EVSE taken out of operation forgets the token waiting on it. The statuses
   * follow after the reply.
   */
  public boolean change(int evse, boolean operative) {
    List<Integer> targets =
        evse == 0 ? IntStream.rangeClosed(1, inoperative.length).boxed().toList() : List.of(evse);
    boolean scheduled = false;
    for (int e : targets) {
      if (!operative && transactions.transaction(e) != null) {
        inoperativeWhenIdle[e - 1] = true;
        scheduled = true;
      } else {
        inoperative[e - 1] = !operative;
        inoperativeWhenIdle[e - 1] = false;
        if (!operative) {
          transactions.forgetAuthorization(e);
        }
      }
    }
    persist.run();
    scheduler.schedule(Duration.ZERO, () -> targets.forEach(status::refresh));
    return scheduled;
  }

  /**
   * The transaction on {@code evse} ended: a change to inoperative that waited for it takes effect;
   * true if it did (the snapshot changed).
   */
  public boolean transactionEnded(int evse) {
    if (!inoperativeWhenIdle[evse - 1]) {
      return false;
    }
    inoperative[evse - 1] = true;
    inoperativeWhenIdle[evse - 1] = false;
    return true;
  }

  public boolean operative(int evse) {
    return !inoperative[evse - 1];
  }

  public boolean anyOperative() {
    for (boolean down : inoperative) {
      if (!down) {
        return true;
      }
    }
    return false;
  }

  /** The inoperative EVSEs, for the snapshot. */
  public Set<Integer> inoperative() {
    Set<Integer> down = new TreeSet<>();
    for (int i = 0; i < inoperative.length; i++) {
      if (inoperative[i]) {
        down.add(i + 1);
      }
    }
    return down;
  }
}
