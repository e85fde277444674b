package io.kilowire.core.transport;

import static io.kilowire.core.transport.TransportFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.TestPki;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the JDK transport is for: many connections without a thread each. */
class JdkWebSocketTransportIT {
  private static final int STATIONS = 300;

  @TempDir Path dir;

  @Test
  void hundredsOfConnectionsShareAFewThreads() {
    TestPki pki = TestPki.create(dir, TransportFixtures.STATION);
    ExecutorTaskScheduler scheduler = ExecutorTaskScheduler.singleThread("jdk-it", Map.of());
    List<RecordingListener> listeners = new ArrayList<>();
    List<OcppTransport> transports = new ArrayList<>();
    try (OcppWebSocketServer csms = server(0, pki, scheduler).build().start();
        JdkHttpClients clients = new JdkHttpClients(1)) {
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      for (int i = 0; i < STATIONS; i++) {
        TransportConfig config =
            TransportConfig.builder()
                .csmsUrl(csms.uri())
                .stationId("CP-" + i)
                .ocppVersions(OcppVersion.V16)
                .build();
        JdkWebSocketTransport transport = new JdkWebSocketTransport(config, scheduler, clients);
        RecordingListener listener = new RecordingListener();
        transport.connect(listener);
        transports.add(transport);
        listeners.add(listener);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> listeners.stream().allMatch(l -> l.opened.isDone()));
      await().atMost(Duration.ofSeconds(10)).until(() -> csms.connections().size() == STATIONS);
      // Ours: one selector thread and one executor thread; the server's threads are there already.
      assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
          .isLessThanOrEqualTo(4);

      transports.forEach(OcppTransport::close);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> listeners.stream().allMatch(l -> l.closed.isDone()));
      assertThat(listeners)
          .allMatch(l -> l.closed.join().kind() == CloseReason.Kind.CLOSED_LOCALLY)
          .allMatch(l -> l.closeCount.get() == 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> csms.connections().isEmpty());
    } finally {
      scheduler.close();
    }
  }
}
