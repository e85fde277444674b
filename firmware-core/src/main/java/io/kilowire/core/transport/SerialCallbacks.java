package io.kilowire.core.transport;

import io.kilowire.core.observation.ObserverGuard;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Hands one connection attempt's events to its listener one at a time and in the order they
 * happened, whichever thread they happen on (the socket's, a watchdog's, the caller's), with no
 * lock held while the listener runs. Each event comes with a state transition; an event whose
 * transition fails (e.g. a second close) is dropped.
 */
final class SerialCallbacks {
  private final ObserverGuard guard;
  private final Object lock = new Object();
  private final ArrayDeque<Runnable> events = new ArrayDeque<>(2);
  private boolean draining;

  SerialCallbacks(ObserverGuard guard) {
    this.guard = guard;
  }

  /** Runs {@code callback} after the state change {@code transition} (false: drop the event). */
  void emit(BooleanSupplier transition, Runnable callback) {
    synchronized (lock) {
      if (!transition.getAsBoolean()) {
        return;
      }
      events.add(callback);
      if (draining) {
        return;
      }
      draining = true;
    }
    while (true) {
      Runnable next;
      synchronized (lock) {
        next = events.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      guard.run(next);
    }
  }
}
