package io.kilowire.conformance.wire;

import io.kilowire.core.scheduling.TaskScheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link Clock} reading a scheduler's time (virtual or real), for traces and consoles. */
public final class SchedulerClock extends Clock {
  private final TaskScheduler scheduler;

  public SchedulerClock(TaskScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the run's clock is UTC");
  }

  @Override
  public Instant instant() {
    return scheduler.now();
  }
}
