package io.kilowire.core.scheduling;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where the core asks for time to pass. The runtime backs it with a real-time executor; tests and
 * the emulator back it with {@link VirtualScheduler}, so hours of protocol time run in
 * milliseconds. The core never starts threads or reads the system clock itself.
 */
public interface TaskScheduler {
  /** The current instant on this scheduler's clock. */
  Instant now();

  /** Runs {@code task} once, {@code delay} from now. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Withdraws {@code task} if there is one (a timer field that may be unset). */
  static void cancel(@Nullable Cancellable task) {
    if (task != null) {
      task.cancel();
    }
  }

  /** A scheduled task that can be withdrawn. */
  interface Cancellable {
    /** Withdraws the task if it has not run; harmless afterwards. */
    void cancel();
  }
}
