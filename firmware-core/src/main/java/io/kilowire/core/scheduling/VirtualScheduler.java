package io.kilowire.core.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A discrete-event scheduler in virtual time: nothing runs until {@link #advance} or {@link
 * #runUntil} moves the clock, and then tasks run in time order on the caller's thread. Not
 * thread-safe by design; one owner drives it.
 */
public final class VirtualScheduler implements TaskScheduler {
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  public VirtualScheduler(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  /** A clock that reads this scheduler's virtual time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("virtual clock is UTC");
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (delay.isNegative()) {
      delay = Duration.ZERO;
    }
    Entry e = new Entry(now.plus(delay), sequence++, task);
    queue.add(e);
    return () -> e.cancelled = true;
  }

  /** Moves time forward by {@code step}, running every task due on the way. */
  public void advance(Duration step) {
    runUntil(now.plus(step));
  }

  /** Runs every task due up to and including {@code until}, then stands the clock there. */
  public void runUntil(Instant until) {
    while (!queue.isEmpty() && !queue.peek().at.isAfter(until)) {
      Entry e = queue.poll();
      now = e.at;
      if (!e.cancelled) {
        e.task.run();
      }
    }
    if (until.isAfter(now)) {
      now = until;
    }
  }

  /**
   * When the earliest task still to run is due, if any: lets a driver of virtual time jump straight
   * to the next event instead of stepping the clock.
   */
  public Optional<Instant> nextDue() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().at);
  }

  /** How many tasks wait, cancelled ones included until their time passes. */
  public int pending() {
    return (int) queue.stream().filter(e -> !e.cancelled).count();
  }

  private static final class Entry implements Comparable<Entry> {
    final Instant at;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(Instant at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Entry o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
