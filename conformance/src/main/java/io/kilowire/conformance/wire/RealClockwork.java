package io.kilowire.conformance.wire;

import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Wall-clock time: transports call back on their own threads and {@link #signal} the script. */
public final class RealClockwork implements Clockwork, AutoCloseable {
  private final ExecutorTaskScheduler scheduler =
      ExecutorTaskScheduler.singleThread("conformance-timers", Map.of());
  private final Object monitor = new Object();

  @Override
  public TaskScheduler scheduler() {
    return scheduler;
  }

  @Override
  public boolean awaitUntil(BooleanSupplier ready, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (monitor) {
      while (!ready.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          monitor.wait(Math.max(1, left / 1_000_000), 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ready.getAsBoolean();
        }
      }
      return true;
    }
  }

  /** A short pause: frames in flight on a local or LAN connection arrive well within it. */
  private static final Duration SETTLE = Duration.ofMillis(50);

  @Override
  public void settle() {
    sleep(SETTLE);
  }

  @Override
  public void signal() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
