package io.kilowire.core.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.HeartbeatRequest;
import io.kilowire.core.ocpp.v201.HeartbeatResponse;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.TransportFixtures;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's connection lifecycle over the in-memory transport: no sockets involved. */
class OcppClientInMemoryTest {
  private final InMemoryTransport.Link link = InMemoryTransport.pair(OcppVersion.V201);
  private final ExecutorTaskScheduler csmsScheduler =
      ExecutorTaskScheduler.singleThread("in-memory-csms", Map.of());
  private final AcceptingCsms csms = new AcceptingCsms();
  private final StateRecorder states = new StateRecorder();
  private final OcppClient client =
      OcppClient.builder(
              TransportConfig.builder()
                  .csmsUrl("ws://in-memory")
                  .stationId("CP-9")
                  .retryBackOff(Duration.ofMillis(20), Duration.ZERO, 1)
                  .build())
          .transportFactory(scheduler -> link.station())
          .sessionConfigurer(StationHandlers::answerCsmsCalls)
          .stateListener(states)
          .build();

  @AfterEach
  void tearDown() {
    client.stop();
    csmsScheduler.close();
  }

  /** The CSMS end: one RPC session per connection, and it accepts again after every close. */
  private final class AcceptingCsms implements OcppTransport.Listener {
    volatile RpcSession session;

    AcceptingCsms() {
      link.csms().connect(this);
    }

    @Override
    public void onOpen(OcppVersion negotiated) {
      RpcSession s =
          new RpcSession(
              RpcSession.Config.of("csms", negotiated, Role.CSMS),
              new JsonFrameCodec(),
              frame -> link.csms().send(frame),
              csmsScheduler);
      TransportFixtures.answerBootAndHeartbeat(s);
      s.connected();
      session = s;
    }

    @Override
    public void onMessage(String frame) {
      session.onFrame(frame);
    }

    @Override
    public void onClose(CloseReason reason, boolean remote) {
      session.disconnected();
      link.csms().connect(this);
    }
  }

  @Test
  void theClientConnectsAndCallsOverTheInMemoryLink() throws Exception {
    client.start();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);

    HeartbeatResponse r = client.call(HeartbeatRequest.of(), HeartbeatResponse.class).get();

    assertTrue(r.currentTime() != null);
    assertEquals(new ClientState.Connecting(1), states.all().get(0));
  }

  @Test
  void aDroppedLinkIsReportedAndReconnectedWithHandlersIntact() throws Exception {
    client.start();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);

    link.drop();

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 2);
    assertEquals(
        CloseReason.Kind.CONNECTION_LOST,
        states.of(ClientState.Disconnected.class).get(0).reason().kind());
    assertTrue(StationHandlers.csmsCallIsAnswered(csms.session));
  }

  @Test
  void reconnectClosesTheConnectionAndOpensANewOneAtOnce() throws Exception {
    client.start();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);

    client.reconnect();

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 2);
    assertEquals(
        CloseReason.Kind.CLOSED_LOCALLY,
        states.of(ClientState.Disconnected.class).get(0).reason().kind());
    assertEquals(
        Duration.ZERO,
        states.of(ClientState.RetryScheduled.class).get(0).delay(),
        "a reboot connects again without a back-off");
    assertTrue(StationHandlers.csmsCallIsAnswered(csms.session));
  }

  @Test
  void aCallWithoutConnectionFailsAsNotConnected() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> client.call(HeartbeatRequest.of(), HeartbeatResponse.class).get());

    assertInstanceOf(CallFailedException.NotConnected.class, e.getCause());
  }

  @Test
  void anUnreachableCsmsKeepsTheClientRetrying() {
    link.setReachable(false);

    client.start();

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.RETRY_SCHEDULED) >= 3);
    link.setReachable(true);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);
  }

  @Test
  void aSecondStopReturnsAtOnceAndAStoppedClientCannotStartAgain() {
    client.start();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);
    client.stop();

    long start = System.nanoTime();
    client.stop();

    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500));
    assertThrows(IllegalStateException.class, client::start);
  }

  @Test
  void stopReportsTheLocalCloseAndThenStopped() {
    client.start();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> states.count(ClientState.Kind.CONNECTED) == 1);

    client.stop();

    assertInstanceOf(ClientState.Stopped.class, states.last());
    assertEquals(
        CloseReason.Kind.CLOSED_LOCALLY,
        states.of(ClientState.Disconnected.class).get(0).reason().kind());
    assertTrue(client.session().isEmpty());
  }
}
