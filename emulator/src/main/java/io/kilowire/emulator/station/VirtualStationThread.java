package io.kilowire.emulator.station;

import io.kilowire.core.runtime.StationThread;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's thread in virtual time: its tasks run on a {@link VirtualScheduler} that the emulator
 * drives (all stations share one, on one real thread). Closing it drops this station's pending
 * tasks only; a task that throws is logged, as on a real station thread.
 */
public final class VirtualStationThread implements StationThread {
  private static final Logger LOG = LoggerFactory.getLogger(VirtualStationThread.class);

  private final VirtualScheduler scheduler;
  private boolean closed;

  public VirtualStationThread(VirtualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public Instant now() {
    return scheduler.now();
  }

  @Override
  public TaskScheduler.Cancellable schedule(Duration delay, Runnable task) {
    if (closed) {
      return () -> {};
    }
    return scheduler.schedule(delay, () -> run(task));
  }

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  /** Everything in virtual time runs on the one thread that drives the scheduler. */
  @Override
  public boolean isCurrentThread() {
    return true;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void run(Runnable task) {
    if (closed) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("scheduled task failed", e);
    }
  }
}
