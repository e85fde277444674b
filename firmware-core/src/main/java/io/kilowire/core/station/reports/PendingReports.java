package io.kilowire.core.station.reports;

import io.kilowire.core.ocpp.rpc.CallFailedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports that are not transaction messages yet must not vanish while the CSMS is unreachable
 * (fault and fallback events, external-limit reports): they wait here in order, with their own
 * time, and go out one at a time once the station is online. One the connection lost stays for the
 * next connection; one the CSMS did not answer in time is sent again (with the next report or after
 * a reconnect), at most {@link #ATTEMPTS} times in all, then dropped with a warning, so a CSMS that
 * never answers cannot hold the queue; one the CSMS refused with a CALLERROR is logged and dropped.
 * A CSMS that answers NotImplemented or NotSupported does not know this kind of report at all: the
 * report is dropped, and so are the rest of its kind on that connection without being sent (a new
 * connection tries again); logged once. Bounded: beyond {@code capacity} the oldest is dropped with
 * a warning. Memory only: a restart forgets them.
 */
public final class PendingReports<E> {
  private static final Logger LOG = LoggerFactory.getLogger(PendingReports.class);

  /** Reports kept of each kind while the CSMS is unreachable; beyond it the oldest go. */
  public static final int CAPACITY = 100;

  /** The CALLERRORs of a CSMS that does not know the message (same spelling in every version). */
  private static final Set<String> UNSUPPORTED = Set.of("NotImplemented", "NotSupported");

  /** Transmissions of one report the CSMS leaves unanswered before it is given up. */
  static final int ATTEMPTS = 3;

  private final String what;
  private final int capacity;
  private final BooleanSupplier canSend;
  private final Function<E, CompletableFuture<?>> send;
  // Sized for the usual empty queue (it grows on demand): every station holds about ten of these.
  private final Deque<E> queue = new ArrayDeque<>(0);
  private boolean inFlight;

  /** Unanswered transmissions of {@link #lastSent}. */
  private int headTimeouts;

  private @Nullable E lastSent;

  /** The CSMS answered NotImplemented / NotSupported on this connection. */
  private boolean unsupported;

  private boolean unsupportedLogged;

  /** Counts connections lost, so a late answer from an old connection is told apart. */
  private int connection;

  /** Told whenever the queue changed (a report added, delivered or dropped), e.g. to persist it. */
  private Runnable onChange = () -> {};

  /** Run once the queue is empty, e.g. a reboot that must not overtake the reports. */
  private final java.util.List<Runnable> whenDrained = new java.util.ArrayList<>();

  public PendingReports(
      String what, int capacity, BooleanSupplier canSend, Function<E, CompletableFuture<?>> send) {
    this.what = what;
    this.capacity = capacity;
    this.canSend = canSend;
    this.send = send;
  }

  public void add(E report) {
    if (queue.size() >= capacity) {
      LOG.warn("too many undelivered {}; dropping {}", what, queue.pollFirst());
    }
    queue.addLast(report);
    onChange.run();
    flush();
  }

  /** Whom to tell whenever the queue changed (one listener; the last set wins). */
  public void onChange(Runnable listener) {
    this.onChange = listener;
  }

  /** The connection is gone: what was in flight goes again on the next one. */
  public void connectionLost() {
    connection++;
    inFlight = false;
    unsupported = false;
  }

  /** Sends the oldest report if the station may send now; the rest follow one by one. */
  public void flush() {
    E next = queue.peekFirst();
    if (next == null && !inFlight) {
      drained();
      return;
    }
    if (next == null || inFlight || !canSend.getAsBoolean()) {
      return;
    }
    if (unsupported) {
      LOG.debug("{} not supported by the CSMS; dropping {}", what, queue);
      queue.clear();
      onChange.run();
      return;
    }
    if (next != lastSent) {
      lastSent = next;
      headTimeouts = 0;
    }
    inFlight = true;
    int sentOn = connection;
    send.apply(next)
        .whenComplete(
            (r, failure) -> {
              if (sentOn != connection) {
                return;
              }
              inFlight = false;
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof CallFailedException.NotConnected) {
                return; // kept: sent again after the reconnect
              }
              if (cause instanceof CallFailedException.Timeout) {
                if (++headTimeouts < ATTEMPTS) {
                  return; // kept: sent again with the next report or after a reconnect
                }
                LOG.warn(
                    "{} {} unanswered after {} transmissions; giving it up", what, next, ATTEMPTS);
              }
              if (cause instanceof CallFailedException.CallErrorReceived error
                  && UNSUPPORTED.contains(error.errorCode())) {
                unsupported = true;
                if (!unsupportedLogged) {
                  unsupportedLogged = true;
                  LOG.warn(
                      "the CSMS does not support {} ({}): dropping them", what, error.errorCode());
                } else {
                  LOG.debug("{} {} dropped: {}", what, next, error.errorCode());
                }
              } else if (cause != null) {
                LOG.warn("{} {} refused by the CSMS: {}", what, next, cause.getMessage());
              }
              queue.remove(next);
              onChange.run();
              flush();
            });
  }

  /** Runs {@code task} once every report queued so far is done with (at once if none is). */
  public void whenDrained(Runnable task) {
    whenDrained.add(task);
    if (queue.isEmpty() && !inFlight) {
      drained();
    }
  }

  private void drained() {
    java.util.List<Runnable> due = java.util.List.copyOf(whenDrained);
    whenDrained.clear();
    due.forEach(Runnable::run);
  }

  /**
   * Takes back a report that has not been sent yet (one in flight may have reached the CSMS and
   * stays); true if it was taken back.
   */
  public boolean withdraw(E report) {
    E head = queue.peekFirst();
    if (inFlight && head != null && head.equals(report)) {
      return false;
    }
    boolean removed = queue.removeLastOccurrence(report);
    if (removed) {
      onChange.run();
    }
    return removed;
  }

  /** Not yet confirmed by the CSMS, oldest first. */
  public List<E> pending() {
    return List.copyOf(queue);
  }
}
