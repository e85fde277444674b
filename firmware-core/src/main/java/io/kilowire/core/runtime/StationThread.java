package io.kilowire.core.runtime;

import io.kilowire.core.scheduling.TaskScheduler;
import java.util.concurrent.Executor;

/**
 * The one thread a station's logic runs on, as a scheduler: real time ({@link
 * ExecutorTaskScheduler#singleThread}, the default) or a virtual-time executor that the emulator
 * drives (many stations on one thread, a simulated day in seconds).
 */
public interface StationThread extends TaskScheduler, Executor, AutoCloseable {
  /** Whether the caller runs on this thread (then work may run directly instead of posted). */
  boolean isCurrentThread();

  /** Stops running tasks; pending ones are dropped. */
  @Override
  void close();
}
