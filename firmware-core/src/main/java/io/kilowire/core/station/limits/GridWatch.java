package io.kilowire.core.station.limits;

import io.kilowire.core.der.GridState;
import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads the grid's frequency every {@link #EVERY} while an EVSE runs LocalFrequency, and asks for
 * the limits again only when it moved: a steady grid costs a reading a second, not an evaluation.
 */
final class GridWatch {
  /** How often the grid's frequency is read while watched. */
  static final Duration EVERY = Duration.ofSeconds(1);

  private final TaskScheduler scheduler;
  private final Supplier<@Nullable GridState> grid;
  private final Runnable moved;
  private TaskScheduler.@Nullable Cancellable timer;
  private @Nullable Double lastHz;

  GridWatch(TaskScheduler scheduler, Supplier<@Nullable GridState> grid, Runnable moved) {
    this.scheduler = scheduler;
    this.grid = grid;
    this.moved = moved;
  }

  /** The frequency now (null: no reading), remembered as the one the limits were made with. */
  @Nullable Double read() {
    GridState state = grid.get();
    lastHz = state == null ? null : state.frequencyHz();
    return lastHz;
  }

  /** Watched ({@code on}) or not from now on. */
  void watch(boolean on) {
    if (!on) {
      stop();
    } else if (timer == null) {
      timer = scheduler.schedule(EVERY, this::tick);
    }
  }

  void stop() {
    TaskScheduler.cancel(timer);
    timer = null;
  }

  private void tick() {
    timer = null;
    GridState state = grid.get();
    Double hz = state == null ? null : state.frequencyHz();
    if (!Objects.equals(hz, lastHz)) {
      moved.run(); // reads again and decides whether to keep watching
    } else {
      timer = scheduler.schedule(EVERY, this::tick);
    }
  }
}
