package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedStationThreadsTest {
  private final SharedStationThreads threads = new SharedStationThreads(4);

  @AfterEach
  void tearDown() {
    threads.close();
  }

  @Test
  void eachStationsTasksRunInOrderAndNeverTwoAtOnceWhileStationsShareThePool() throws Exception {
    int stations = 50;
    int tasks = 400;
    List<List<Integer>> seen = new ArrayList<>();
    List<AtomicBoolean> busy = new ArrayList<>();
    AtomicInteger overlaps = new AtomicInteger();
    Set<Thread> used = ConcurrentHashMap.newKeySet();
    CountDownLatch done = new CountDownLatch(stations * tasks);
    List<StationThread> strands = new ArrayList<>();
    for (int s = 0; s < stations; s++) {
      seen.add(new CopyOnWriteArrayList<>());
      busy.add(new AtomicBoolean());
      strands.add(threads.thread("CP-" + s));
    }

    for (int i = 0; i < tasks; i++) {
      for (int s = 0; s < stations; s++) {
        int station = s;
        int task = i;
        strands
            .get(s)
            .execute(
                () -> {
                  if (!busy.get(station).compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                  }
                  used.add(Thread.currentThread());
                  seen.get(station).add(task);
                  Thread.yield();
                  busy.get(station).set(false);
                  done.countDown();
                });
      }
    }

    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps.get()).isZero();
    for (List<Integer> order : seen) {
      assertThat(order).isSorted().hasSize(tasks);
    }
    assertThat(used).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void aTaskKnowsItRunsOnItsStationsThreadAndOnNoOther() throws Exception {
    StationThread a = threads.thread("A");
    StationThread b = threads.thread("B");
    CountDownLatch done = new CountDownLatch(1);
    boolean[] answers = new boolean[3];

    a.execute(
        () -> {
          answers[0] = a.isCurrentThread();
          answers[1] = b.isCurrentThread();
          done.countDown();
        });
    answers[2] = a.isCurrentThread();

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(answers).containsExactly(true, false, false);
  }

  @Test
  void aScheduledTaskRunsOnTheStationsThreadAfterItsDelay() {
    StationThread a = threads.thread("A");
    AtomicBoolean onStation = new AtomicBoolean();
    long start = System.nanoTime();
    AtomicInteger ranAfterMillis = new AtomicInteger(-1);

    a.schedule(
        Duration.ofMillis(100),
        () -> {
          onStation.set(a.isCurrentThread());
          ranAfterMillis.set((int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        });

    await().atMost(Duration.ofSeconds(5)).until(() -> ranAfterMillis.get() >= 0);
    assertThat(ranAfterMillis.get()).isGreaterThanOrEqualTo(100);
    assertThat(onStation).isTrue();
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheStation() {
    StationThread a = threads.thread("A");
    AtomicBoolean after = new AtomicBoolean();

    a.execute(
        () -> {
          throw new IllegalStateException("deliberate");
        });
    a.execute(() -> after.set(true));

    await().atMost(Duration.ofSeconds(5)).untilTrue(after);
  }

  @Test
  void closingAStationDropsItsTasksButNotTheOthers() throws Exception {
    StationThread a = threads.thread("A");
    StationThread b = threads.thread("B");
    CountDownLatch gate = new CountDownLatch(1);
    AtomicBoolean dropped = new AtomicBoolean();
    AtomicBoolean timerDropped = new AtomicBoolean();
    AtomicBoolean other = new AtomicBoolean();
    a.execute(
        () -> {
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    a.execute(() -> dropped.set(true));
    a.schedule(Duration.ofMillis(50), () -> timerDropped.set(true));

    a.close();
    gate.countDown();
    a.execute(() -> dropped.set(true));
    b.schedule(Duration.ofMillis(100), () -> other.set(true));

    await().atMost(Duration.ofSeconds(5)).untilTrue(other);
    assertThat(dropped).isFalse();
    assertThat(timerDropped).isFalse();
  }
}
