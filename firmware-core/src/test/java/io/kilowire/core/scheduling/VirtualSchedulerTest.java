package io.kilowire.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  final Instant t0 = Instant.parse("2026-03-01T08:00:00Z");
  final VirtualScheduler scheduler = new VirtualScheduler(t0);

  @Test
  void nextDueIsTheEarliestTaskStillToRun() {
    scheduler.schedule(Duration.ofSeconds(30), () -> {});
    scheduler.schedule(Duration.ofSeconds(5), () -> {});

    assertThat(scheduler.nextDue()).contains(t0.plusSeconds(5));
  }

  @Test
  void nextDueSkipsCancelledTasks() {
    TaskScheduler.Cancellable soon = scheduler.schedule(Duration.ofSeconds(5), () -> {});
    scheduler.schedule(Duration.ofSeconds(30), () -> {});

    soon.cancel();

    assertThat(scheduler.nextDue()).contains(t0.plusSeconds(30));
  }

  @Test
  void nothingIsDueOnceEveryTaskRan() {
    scheduler.schedule(Duration.ofSeconds(5), () -> {});

    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.nextDue()).isEmpty();
  }
}
