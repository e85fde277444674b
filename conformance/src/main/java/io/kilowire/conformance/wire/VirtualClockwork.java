package io.kilowire.conformance.wire;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Virtual time on one thread: the script, the in-memory links and the sandbox all run on one {@link
 * VirtualScheduler}, which only moves while the script waits.
 */
public final class VirtualClockwork implements Clockwork {
  private final VirtualScheduler scheduler;

  public VirtualClockwork(VirtualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public TaskScheduler scheduler() {
    return scheduler;
  }

  @Override
  public boolean awaitUntil(BooleanSupplier ready, Duration within) {
    Instant deadline = scheduler.now().plus(within);
    while (true) {
      scheduler.runUntil(scheduler.now());
      if (ready.getAsBoolean()) {
        return true;
      }
      Optional<Instant> next = scheduler.nextDue();
      if (next.isEmpty() || next.get().isAfter(deadline)) {
        scheduler.runUntil(deadline);
        return ready.getAsBoolean();
      }
      scheduler.runUntil(next.get());
    }
  }

  @Override
  public void settle() {
    scheduler.runUntil(scheduler.now());
  }

  @Override
  public void signal() {
    // One thread: a waiter re-checks after every task it runs.
  }
}
