package io.kilowire.conformance.wire;

import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Time for a run: the scheduler transports and the sandbox use, and how the script waits. In real
 * time a wait blocks until an event {@link #signal}s or the deadline passes; in virtual time it
 * runs the scheduler's tasks up to the moment the condition holds, so a case that waits 30 s for a
 * call that never comes takes no wall-clock time at all.
 */
public interface Clockwork {
  TaskScheduler scheduler();

  default Instant now() {
    return scheduler().now();
  }

  /** Waits until {@code ready} holds or {@code within} has passed; returns whether it holds. */
  boolean awaitUntil(BooleanSupplier ready, Duration within);

  /** Lets {@code time} pass. */
  default void sleep(Duration time) {
    awaitUntil(() -> false, time);
  }

  /**
   * Lets what is already on its way arrive, before the suite asks the CSMS to act: the CSMS takes
   * in the station's last answer first, as it would with a person at its console.
   */
  void settle();

  /** Something a waiter may be waiting for has happened. */
  void signal();
}
