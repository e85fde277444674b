package io.kilowire.core.runtime;

import static io.kilowire.core.transport.TransportFixtures.STATION;
import static io.kilowire.core.transport.TransportFixtures.server;
import static io.kilowire.core.transport.TransportFixtures.station;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.TransportFixtures.Implementation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Reconnecting to a CSMS that goes away and comes back on the same port, on each transport. */
@ParameterizedClass(name = "{0}")
@EnumSource(Implementation.class)
class ReconnectIT {
  @Parameter Implementation implementation;
  private static final Duration MIN = Duration.ofMillis(100);
  private static final Duration RANGE = Duration.ofMillis(50);

  @TempDir Path dir;
  private TestPki pki;
  private ExecutorTaskScheduler csmsScheduler;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    pki = TestPki.create(dir, STATION);
    csmsScheduler = ExecutorTaskScheduler.singleThread("csms", Map.of());
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
    csmsScheduler.close();
  }

  private OcppWebSocketServer startCsms() {
    OcppWebSocketServer csms =
        server(0, pki, csmsScheduler)
            .bind(new InetSocketAddress("127.0.0.1", port))
            .build()
            .start();
    cleanup.push(csms);
    return csms;
  }

  private OcppClient client(StateRecorder states) {
    TransportConfig config =
        station(0, pki, URI.create("ws://127.0.0.1:" + port), OcppVersion.V16)
            .retryBackOff(MIN, RANGE, 2)
            .build();
    OcppClient client =
        OcppClient.builder(config)
            .transportFactory(implementation.factory(config))
            .sessionConfigurer(StationHandlers::answerCsmsCalls)
            .stateListener(states)
            .build();
    cleanup.push(client);
    return client;
  }

  private static void awaitConnections(StateRecorder states, int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == count);
  }

  @Test
  void theClientReconnectsWhenTheCsmsRestartsOnTheSamePort() throws Exception {
    StateRecorder states = new StateRecorder();
    OcppWebSocketServer first = startCsms();
    OcppClient client = client(states);
    client.start();
    awaitConnections(states, 1);

    first.stop();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> states.count(ClientState.Kind.RETRY_SCHEDULED) >= 2);
    assertEquals(
        CloseReason.Kind.CLOSED_BY_PEER,
        states.of(ClientState.Disconnected.class).get(0).reason().kind());
    OcppWebSocketServer second = startCsms();

    awaitConnections(states, 2);
    assertTrue(StationHandlers.bootAndHeartbeat(client, OcppVersion.V16));
    await().atMost(Duration.ofSeconds(5)).until(() -> second.connection(STATION).isPresent());
    assertTrue(
        StationHandlers.csmsCallIsAnswered(second.connection(STATION).orElseThrow().session()),
        "handlers registered by the configurer must survive the reconnect");
  }

  @Test
  void theBackOffDoublesWhileTheCsmsIsDownAndRestartsFromItsMinimumAfterSuccess() {
    StateRecorder states = new StateRecorder();
    OcppClient client = client(states);
    client.start();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> states.count(ClientState.Kind.RETRY_SCHEDULED) >= 4);
    OcppWebSocketServer csms = startCsms();
    awaitConnections(states, 1);
    int retriesBefore = states.of(ClientState.RetryScheduled.class).size();

    csms.stop();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> states.of(ClientState.RetryScheduled.class).size() > retriesBefore);

    List<ClientState.RetryScheduled> retries = states.of(ClientState.RetryScheduled.class);
    assertBetween(retries.get(0).delay(), MIN);
    assertBetween(retries.get(1).delay(), MIN.multipliedBy(2));
    assertBetween(retries.get(2).delay(), MIN.multipliedBy(4));
    assertBetween(retries.get(3).delay(), MIN.multipliedBy(4));
    assertBetween(retries.get(retriesBefore).delay(), MIN);
  }

  private static void assertBetween(Duration actual, Duration base) {
    assertTrue(
        actual.compareTo(base) >= 0 && actual.compareTo(base.plus(RANGE)) <= 0,
        actual + " not in [" + base + ", " + base.plus(RANGE) + "]");
  }

  @Test
  void stopClosesTheConnectionAndEndsReconnecting() {
    StateRecorder states = new StateRecorder();
    OcppWebSocketServer csms = startCsms();
    OcppClient client = client(states);
    client.start();
    awaitConnections(states, 1);

    client.stop();

    assertInstanceOf(ClientState.Stopped.class, states.last());
    ClientState.Disconnected closed = states.of(ClientState.Disconnected.class).get(0);
    assertEquals(CloseReason.Kind.CLOSED_LOCALLY, closed.reason().kind());
    await().atMost(Duration.ofSeconds(5)).until(() -> csms.connections().isEmpty());
    long attempts = states.count(ClientState.Kind.CONNECTING);
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(1))
        .until(() -> states.count(ClientState.Kind.CONNECTING) == attempts);
  }

  @Test
  void stopDuringTheBackOffCancelsThePendingRetry() {
    StateRecorder states = new StateRecorder();
    OcppClient client = client(states);
    client.start();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> states.count(ClientState.Kind.RETRY_SCHEDULED) >= 1);

    client.stop();

    assertInstanceOf(ClientState.Stopped.class, states.last());
    long attempts = states.count(ClientState.Kind.CONNECTING);
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(1))
        .until(() -> states.count(ClientState.Kind.CONNECTING) == attempts);
  }
}
