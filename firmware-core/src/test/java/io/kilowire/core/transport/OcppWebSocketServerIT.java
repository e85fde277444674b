package io.kilowire.core.transport;

import static io.kilowire.core.transport.TransportFixtures.STATION;
import static io.kilowire.core.transport.TransportFixtures.server;
import static io.kilowire.core.transport.TransportFixtures.station;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.TestPki;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSMS-side server: paths, negotiation, replacement and events. */
class OcppWebSocketServerIT {
  @TempDir static Path dir;
  private static TestPki pki;
  private static ExecutorTaskScheduler scheduler;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

  @BeforeAll
  static void setUp() {
    pki = TestPki.create(dir, STATION);
    scheduler = ExecutorTaskScheduler.singleThread("server-it", Map.of());
  }

  @AfterAll
  static void tearDown() {
    scheduler.close();
  }

  @AfterEach
  void closeEverything() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  private OcppWebSocketServer start(OcppWebSocketServer.Builder builder) {
    OcppWebSocketServer s = builder.build().start();
    cleanup.push(s);
    return s;
  }

  private RecordingListener connect(TransportConfig config) {
    WebSocketTransport t = new WebSocketTransport(config, scheduler);
    cleanup.push(t::close);
    RecordingListener listener = new RecordingListener();
    t.connect(listener);
    return listener;
  }

  @Test
  void anUnmatchedOfferCompletesTheHandshakeWithoutHeaderAndIsThenClosedForPolicy()
      throws Exception {
    OcppWebSocketServer csms = start(server(0, pki, scheduler));
    CompletableFuture<String> selected = new CompletableFuture<>();
    CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    // A plain Java-WebSocket client that accepts any answer, to observe the server's behaviour.
    WebSocketClient raw =
        new WebSocketClient(
            URI.create(csms.uri() + "/" + STATION),
            new Draft_6455(List.of(), List.of(new Protocol("ocpp9.9"), new Protocol("")))) {
          @Override
          public void onOpen(ServerHandshake handshake) {
            selected.complete(handshake.getFieldValue("Sec-WebSocket-Protocol"));
          }

          @Override
          public void onMessage(String message) {}

          @Override
          public void onClose(int code, String reason, boolean remote) {
            closeCode.complete(code);
          }

          @Override
          public void onError(Exception ex) {}
        };
    raw.setDaemon(true);

    raw.connect();

    assertEquals("", selected.get(5, TimeUnit.SECONDS));
    assertEquals(1008, closeCode.get(5, TimeUnit.SECONDS));
    assertTrue(csms.connections().isEmpty());
  }

  @Test
  void aPingsPongComesOnceTheServerHasReadEveryFrameSentBefore() throws Exception {
    // What a station that answers and then closes relies on: after the pong, nothing it sent
    // before can be lost with the socket.
    List<String> read = new CopyOnWriteArrayList<>();
    OcppWebSocketServer csms =
        start(
            server(0, pki, scheduler)
                .sessionInitializer(
                    (connection, session) ->
                        session.handle(
                            io.kilowire.core.ocpp.v201.HeartbeatRequest.class,
                            request -> {
                              read.add("Heartbeat");
                              return new io.kilowire.core.ocpp.v201.HeartbeatResponse(
                                  null, java.time.Instant.now());
                            })));
    WebSocketTransport t = new WebSocketTransport(station(0, pki, csms.uri()).build(), scheduler);
    cleanup.push(t::close);
    RecordingListener listener = new RecordingListener();
    t.connect(listener);
    listener.opened.get(5, TimeUnit.SECONDS);

    CompletableFuture<List<String>> readAtPong = new CompletableFuture<>();
    for (int i = 0; i < 50; i++) {
      t.send("[2,\"h" + i + "\",\"Heartbeat\",{}]");
    }
    t.ping(() -> readAtPong.complete(List.copyOf(read)));

    assertEquals(50, readAtPong.get(5, TimeUnit.SECONDS).size());
  }

  @Test
  void thePercentEncodedStationIdIsDecoded() throws Exception {
    OcppWebSocketServer csms = start(server(0, pki, scheduler));

    connect(station(0, pki, csms.uri(), OcppVersion.V16).stationId("CP 1+ä").build())
        .opened
        .get(5, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(5)).until(() -> csms.connection("CP 1+ä").isPresent());
  }

  @Test
  void stationsConnectUnderTheConfiguredPath() throws Exception {
    OcppWebSocketServer csms = start(server(0, pki, scheduler).path("/ocpp"));
    assertTrue(csms.uri().toString().endsWith("/ocpp"), csms.uri().toString());

    assertEquals(
        OcppVersion.V201,
        connect(station(0, pki, csms.uri()).build()).opened.get(5, TimeUnit.SECONDS));
    URI outside = URI.create("ws://127.0.0.1:" + csms.port() + "/other");
    assertEquals(
        CloseReason.Kind.HANDSHAKE_REJECTED,
        connect(station(0, pki, outside).build()).closed.get(5, TimeUnit.SECONDS).kind());
  }

  @Test
  void aStationThatConnectsAgainReplacesItsPreviousConnection() throws Exception {
    OcppWebSocketServer csms = start(server(0, pki, scheduler));
    RecordingListener first = connect(station(0, pki, csms.uri()).build());
    first.opened.get(5, TimeUnit.SECONDS);

    RecordingListener second = connect(station(0, pki, csms.uri()).build());
    second.opened.get(5, TimeUnit.SECONDS);

    assertEquals(CloseReason.Kind.CLOSED_BY_PEER, first.closed.get(5, TimeUnit.SECONDS).kind());
    assertFalse(second.closed.isDone());
    await().atMost(Duration.ofSeconds(5)).until(() -> csms.connections().size() == 1);
    assertTrue(csms.connection(STATION).orElseThrow().isOpen());
  }

  @Test
  void theListenerHearsConnectsAndDisconnects() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    OcppWebSocketServer csms =
        start(
            server(0, pki, scheduler)
                .listener(
                    new OcppWebSocketServer.Listener() {
                      @Override
                      public void onConnected(StationConnection connection) {
                        events.add("connected " + connection.stationId());
                      }

                      @Override
                      public void onDisconnected(StationConnection c, CloseReason reason) {
                        events.add("disconnected " + c.stationId() + " " + reason.kind());
                      }
                    }));
    WebSocketTransport t = new WebSocketTransport(station(0, pki, csms.uri()).build(), scheduler);
    RecordingListener listener = new RecordingListener();
    t.connect(listener);
    listener.opened.get(5, TimeUnit.SECONDS);

    t.close();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                events.equals(
                    List.of(
                        "connected " + STATION, "disconnected " + STATION + " CLOSED_BY_PEER")));
  }

  @Test
  void theBoundPortIsReportedWhenBindingPortZero() {
    OcppWebSocketServer csms = start(server(0, pki, scheduler));

    assertTrue(csms.port() > 0);
    assertEquals(URI.create("ws://127.0.0.1:" + csms.port()), csms.uri());
  }

  @Test
  void aPortInUseFailsTheStart() {
    OcppWebSocketServer first = start(server(0, pki, scheduler));

    OcppWebSocketServer clash =
        server(0, pki, scheduler).bind(new InetSocketAddress("127.0.0.1", first.port())).build();

    assertThrows(IllegalStateException.class, clash::start);
  }
}
