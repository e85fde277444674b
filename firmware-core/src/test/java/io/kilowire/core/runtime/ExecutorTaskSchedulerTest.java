package io.kilowire.core.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorTaskSchedulerTest {
  private final ExecutorTaskScheduler scheduler =
      ExecutorTaskScheduler.singleThread("scheduler-test", Map.of("stationId", "CP-7"));

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void aTaskRunsAfterItsDelay() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    long start = System.nanoTime();

    scheduler.schedule(Duration.ofMillis(50), ran::countDown);

    assertTrue(ran.await(2, TimeUnit.SECONDS));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Test
  void aCancelledTaskNeverRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    CountDownLatch later = new CountDownLatch(1);

    // Wide margins: on a loaded machine the test thread may pause for tens of milliseconds
    // between scheduling and cancelling.
    scheduler.schedule(Duration.ofMillis(500), () -> ran.set(true)).cancel();
    scheduler.schedule(Duration.ofMillis(700), later::countDown);

    await().atMost(Duration.ofSeconds(2)).until(() -> later.getCount() == 0);
    assertFalse(ran.get());
  }

  @Test
  void aFailingTaskDoesNotStopLaterOnes() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);

    scheduler.execute(
        () -> {
          throw new IllegalStateException("expected by the test");
        });
    scheduler.execute(ran::countDown);

    assertTrue(ran.await(2, TimeUnit.SECONDS));
  }

  @Test
  void tasksRunOnTheSchedulersOwnNamedThread() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);

    scheduler.execute(
        () -> {
          seen.set(Thread.currentThread().getName() + "/" + scheduler.isCurrentThread());
          ran.countDown();
        });

    assertTrue(ran.await(2, TimeUnit.SECONDS));
    assertEquals("scheduler-test/true", seen.get());
    assertFalse(scheduler.isCurrentThread());
  }

  @Test
  void tasksAfterCloseAreDroppedQuietly() {
    scheduler.close();

    scheduler.execute(() -> {});
    scheduler.schedule(Duration.ZERO, () -> {}).cancel();
  }
}
