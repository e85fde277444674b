package io.kilowire.emulator.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.HeartbeatRequest;
import io.kilowire.core.ocpp.v16.HeartbeatResponse;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.MessageListener;
import io.kilowire.core.transport.ObservedTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.WebSocketTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under load the frame trace stays in wire order: threads send CALLs as fast as they can over a
 * real WebSocket on 127.0.0.1 to a CSMS that answers each at once (a CALLRESULT, or a CALLERROR for
 * an action it does not know), and every reply's line follows its CALL's line.
 */
class FrameTraceUnderLoadIT {
  private static final int THREADS = 32;
  private static final int CALLS_PER_THREAD = 100;

  @TempDir Path dir;

  @Test
  void everyReplyIsTracedAfterItsCall() throws Exception {
    try (ExecutorTaskScheduler scheduler =
        ExecutorTaskScheduler.singleThread("trace-load", Map.of())) {
      OcppWebSocketServer csms =
          OcppWebSocketServer.builder(scheduler)
              .ocppVersions(OcppVersion.V16)
              .sessionInitializer(
                  (connection, session) ->
                      session.handle(
                          HeartbeatRequest.class, r -> new HeartbeatResponse(Instant.now())))
              .build()
              .start();
      AtomicInteger replies = new AtomicInteger();
      try (FrameTrace trace = new FrameTrace(dir, "LOAD-1", Clock.systemUTC())) {
        OcppTransport station =
            new ObservedTransport(
                new WebSocketTransport(
                    TransportConfig.builder()
                        .csmsUrl(csms.uri())
                        .stationId("LOAD-1")
                        .ocppVersions(OcppVersion.V16)
                        .securityProfile(0)
                        .build(),
                    scheduler),
                trace,
                "trace of LOAD-1");
        station.connect(new MessageListener(frame -> replies.incrementAndGet()));
        await().atMost(Duration.ofSeconds(15)).until(station::isOpen);

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          senders.add(
              new Thread(
                  () -> {
                    awaitQuietly(start);
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                      String action = i % 5 == 0 ? "BrewCoffee" : "Heartbeat";
                      station.send("[2,\"t" + thread + "-" + i + "\",\"" + action + "\",{}]");
                    }
                  }));
        }
        senders.forEach(Thread::start);
        start.countDown();
        for (Thread s : senders) {
          s.join();
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> replies.get() == THREADS * CALLS_PER_THREAD);
        station.close();
      } finally {
        csms.stop();
      }
    }

    List<JsonNode> lines = TraceOrder.lines(dir.resolve("LOAD-1.ocpp.jsonl"));
    assertThat(lines).hasSize(2 * THREADS * CALLS_PER_THREAD);
    assertThat(TraceOrder.assertRepliesFollowTheirCalls(lines))
        .isEqualTo(THREADS * CALLS_PER_THREAD);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
