package io.kilowire.core.runtime;

import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A {@link TaskScheduler} in real time on a {@link ScheduledExecutorService}. Tasks that throw are
 * logged (an executor would otherwise swallow the exception into a future nobody reads). Also an
 * {@link Executor} for posting work to the same thread(s).
 */
public final class ExecutorTaskScheduler implements StationThread {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final boolean owned;
  private volatile @Nullable Thread thread;

  /** Schedules on {@code executor}, which the caller keeps owning and shuts down. */
  public ExecutorTaskScheduler(ScheduledExecutorService executor, Clock clock) {
    this(executor, clock, false);
  }

  private ExecutorTaskScheduler(ScheduledExecutorService executor, Clock clock, boolean owned) {
    this.executor = executor;
    this.clock = clock;
    this.owned = owned;
  }

  /**
   * A scheduler with its own single daemon thread named {@code name}; {@link #close()} stops it.
   *
   * @param mdc diagnostic context set on that thread for every log line (e.g. the station id)
   */
  public static ExecutorTaskScheduler singleThread(String name, Map<String, String> mdc) {
    ExecutorTaskScheduler[] self = new ExecutorTaskScheduler[1];
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread t =
                  new Thread(
                      () -> {
                        mdc.forEach(MDC::put);
                        runnable.run();
                      },
                      name);
              t.setDaemon(true);
              self[0].thread = t;
              return t;
            });
    // Cancelled timeouts (one per answered CALL) would otherwise stay queued until they expire.
    executor.setRemoveOnCancelPolicy(true);
    self[0] = new ExecutorTaskScheduler(executor, Clock.systemUTC(), true);
    return self[0];
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
    try {
      ScheduledFuture<?> future =
          executor.schedule(() -> runLogged(task), nanos, TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException e) {
      LOG.debug("scheduler is shut down; task dropped");
      return () -> {};
    }
  }

  /** Runs {@code task} as soon as possible on the scheduler's thread; dropped after close. */
  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(() -> runLogged(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("scheduler is shut down; task dropped");
    }
  }

  /** Whether the caller runs on this scheduler's own thread ({@link #singleThread} only). */
  @Override
  public boolean isCurrentThread() {
    return thread != null && Thread.currentThread() == thread;
  }

  /** Runs {@code task}; what it throws is logged, not lost in a future nobody reads. */
  static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("scheduled task failed", e);
    } catch (Error e) {
      LOG.error("scheduled task failed", e);
      throw e;
    }
  }

  /** Whether the executor no longer accepts tasks. */
  public boolean isClosed() {
    return executor.isShutdown();
  }

  /** Shuts the executor down if this scheduler created it; pending tasks are dropped. */
  @Override
  public void close() {
    if (owned) {
      executor.shutdownNow();
    }
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
