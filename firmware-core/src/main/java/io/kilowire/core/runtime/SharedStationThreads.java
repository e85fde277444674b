package io.kilowire.core.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Many stations on a few threads (the emulator's thousands): each station gets a {@link
 * StationThread} whose tasks run one at a time and in order, as on a thread of its own, so station
 * logic needs no locking; but all of them share one fixed pool, and a station costs only its queue.
 * A station that has much to do yields the pool thread after a batch of tasks, so one busy station
 * cannot hold the others up.
 *
 * <p>Tasks must not block: a blocked task holds a pool thread. In particular {@link
 * StationRuntime#call} from one station's task into another station would wait on the pool it
 * occupies.
 */
public final class SharedStationThreads implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedStationThreads.class);

  /** Tasks a station runs before it lets the next station have the thread. */
  private static final int BATCH = 32;

  private final ScheduledThreadPoolExecutor pool;
  private final Clock clock;

  /** A pool of {@code threads} daemon threads on the system clock. */
  public SharedStationThreads(int threads) {
    this(threads, Clock.systemUTC());
  }

  /**
   * @param threads how many threads all stations share; about one per core
   * @param clock what the stations read as now
   */
  public SharedStationThreads(int threads, Clock clock) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ScheduledThreadPoolExecutor(
            threads,
            runnable -> {
              Thread t = new Thread(runnable, "kilowire-stations-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Cancelled timeouts (one per answered CALL) would otherwise stay queued until they expire.
    pool.setRemoveOnCancelPolicy(true);
    this.clock = clock;
  }

  /** One per core, at least one. */
  public static SharedStationThreads perCore() {
    return new SharedStationThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A new station's thread; its log lines carry {@code stationId} in the diagnostic context.
   * Closing it drops its own pending tasks only.
   */
  public StationThread thread(String stationId) {
    return new Strand(stationId);
  }

  /** How many threads the stations share. */
  public int threads() {
    return pool.getCorePoolSize();
  }

  /** Stops the pool; every station's pending tasks are dropped. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** One station's tasks, in order and one at a time, on whichever pool thread is free. */
  private final class Strand implements StationThread {
    private final String stationId;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(4); // guarded by this
    private boolean submitted; // guarded by this: a drain is queued on the pool or running
    private volatile boolean closed;
    private volatile @Nullable Thread runner;

    Strand(String stationId) {
      this.stationId = stationId;
    }

    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      if (closed) {
        return () -> {};
      }
      long nanos = delay.isNegative() ? 0 : ExecutorTaskScheduler.saturatedNanos(delay);
      try {
        ScheduledFuture<?> future = pool.schedule(() -> execute(task), nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      } catch (RejectedExecutionException e) {
        LOG.debug("station threads are shut down; task dropped");
        return () -> {};
      }
    }

    /** Runs {@code task} after this station's earlier tasks; dropped after close. */
    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        if (closed) {
          return;
        }
        tasks.add(task);
        if (submitted) {
          return;
        }
        submitted = true;
      }
      submit();
    }

    private void submit() {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException e) {
        LOG.debug("station threads are shut down; tasks of {} dropped", stationId);
        close();
      }
    }

    private void drain() {
      runner = Thread.currentThread();
      MDC.put("stationId", stationId);
      try {
        for (int i = 0; i < BATCH; i++) {
          Runnable next;
          synchronized (this) {
            next = closed ? null : tasks.poll();
            if (next == null) {
              submitted = false;
              return;
            }
          }
          ExecutorTaskScheduler.runLogged(next);
        }
      } finally {
        runner = null;
        MDC.remove("stationId");
      }
      // More to do: back in the pool's queue behind the other stations.
      submit();
    }

    @Override
    public boolean isCurrentThread() {
      return runner == Thread.currentThread();
    }

    @Override
    public void close() {
      synchronized (this) {
        closed = true;
        tasks.clear();
      }
    }

    @Override
    public String toString() {
      return "StationThread[" + stationId + "]";
    }
  }
}
