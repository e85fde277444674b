package io.kilowire.core.runtime;

import static io.kilowire.core.transport.TransportFixtures.STATION;
import static io.kilowire.core.transport.TransportFixtures.server;
import static io.kilowire.core.transport.TransportFixtures.station;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.BootNotificationRequest;
import io.kilowire.core.ocpp.v201.BootNotificationResponse;
import io.kilowire.core.ocpp.v201.BootReason;
import io.kilowire.core.ocpp.v201.ChargingStation;
import io.kilowire.core.testing.FreezableTcpProxy;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.OcppWebSocketServer;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.TransportFixtures.Implementation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WebSocket ping/pong liveness through a TCP relay that can go silent. Ping interval 1 s (the
 * smallest Java-WebSocket allows): a silent peer must be dropped within 2.5 s of its last pong, on
 * each station transport.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Implementation.class)
class LivenessIT {
  @Parameter Implementation implementation;
  private static final Duration PING = Duration.ofSeconds(1);

  @TempDir Path dir;
  private ExecutorTaskScheduler scheduler;
  private OcppWebSocketServer csms;
  private FreezableTcpProxy proxy;
  private TransportConfig config;

  @BeforeEach
  void setUp() throws Exception {
    scheduler = ExecutorTaskScheduler.singleThread("liveness-it", Map.of());
    TestPki pki = TestPki.create(dir, STATION);
    // The CSMS must not ping: its pongs would keep nothing alive through a frozen relay anyway,
    // and its own checker would race ours.
    csms = server(0, pki, scheduler).pingInterval(Duration.ZERO).build().start();
    proxy = FreezableTcpProxy.start(new InetSocketAddress("127.0.0.1", csms.port()));
    config =
        station(0, pki, URI.create("ws://127.0.0.1:" + proxy.port()), OcppVersion.V201)
            .pingInterval(PING)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    csms.stop();
    scheduler.close();
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDroppedWithinTheBound() throws Exception {
    OcppTransport transport = implementation.create(config, scheduler);
    CompletableFuture<OcppVersion> opened = new CompletableFuture<>();
    CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    transport.connect(
        new OcppTransport.Listener() {
          @Override
          public void onOpen(OcppVersion negotiated) {
            opened.complete(negotiated);
          }

          @Override
          public void onMessage(String frame) {}

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            closed.complete(reason);
          }
        });
    opened.get(5, TimeUnit.SECONDS);
    // A pong must have come back through the relay before it freezes, so the bound is measured
    // from a known-good state.
    await().pollDelay(PING).atMost(Duration.ofSeconds(3)).until(transport::isOpen);

    long frozenAt = System.nanoTime();
    proxy.freeze();
    CloseReason reason = closed.get(5, TimeUnit.SECONDS);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);

    assertEquals(CloseReason.Kind.LIVENESS_TIMEOUT, reason.kind());
    assertFalse(transport.isOpen(), "a dead socket must not look connected");
    assertTrue(elapsedMillis <= 2500 + 500, "dropped after " + elapsedMillis + " ms");
  }

  @Test
  void theClientReportsTheTimeoutAndReconnectsOnceThePeerAnswersAgain() throws Exception {
    StateRecorder states = new StateRecorder();
    try (OcppClient client =
        OcppClient.builder(config)
            .transportFactory(implementation.factory(config))
            .sessionConfigurer(StationHandlers::answerCsmsCalls)
            .stateListener(states)
            .build()) {
      client.start();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);

      proxy.freeze();
      await()
          .atMost(Duration.ofSeconds(4))
          .until(
              () ->
                  states.of(ClientState.Disconnected.class).stream()
                      .anyMatch(d -> d.reason().kind() == CloseReason.Kind.LIVENESS_TIMEOUT));
      assertFalse(client.isConnected());
      assertTrue(client.session().isEmpty());

      proxy.thaw();
      await()
          .atMost(Duration.ofSeconds(6))
          .until(() -> states.count(ClientState.Kind.CONNECTED) == 2);
      BootNotificationResponse boot =
          client
              .call(
                  BootNotificationRequest.of(
                      ChargingStation.of("KW-1", "Kilowire"), BootReason.POWER_UP),
                  BootNotificationResponse.class)
              .get(5, TimeUnit.SECONDS);
      assertEquals(io.kilowire.core.ocpp.v201.RegistrationStatus.ACCEPTED, boot.status());
    }
  }
}
