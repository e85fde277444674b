package io.kilowire.core.transport;

import static io.kilowire.core.transport.TransportFixtures.PASSWORD;
import static io.kilowire.core.transport.TransportFixtures.STATION;
import static io.kilowire.core.transport.TransportFixtures.server;
import static io.kilowire.core.transport.TransportFixtures.station;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.DataTransferRequest;
import io.kilowire.core.ocpp.v201.DataTransferResponse;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The station transports against real sockets on 127.0.0.1: what opens, and how refusals read.
 * Every test runs on each implementation.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TransportFixtures.Implementation.class)
class StationTransportIT {
  @Parameter TransportFixtures.Implementation implementation;

  @TempDir static Path dir;
  private static TestPki pki;
  private static ExecutorTaskScheduler scheduler;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

  @BeforeAll
  static void setUp() {
    pki = TestPki.create(dir, STATION);
    scheduler = ExecutorTaskScheduler.singleThread("transport-it", Map.of());
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

  private OcppTransport transport(TransportConfig config) {
    OcppTransport t = implementation.create(config, scheduler);
    cleanup.push(t::close);
    return t;
  }

  /** Connects and expects the attempt to fail without ever opening. */
  private CloseReason refusal(TransportConfig config) throws Exception {
    OcppTransport t = transport(config);
    RecordingListener listener = new RecordingListener();
    t.connect(listener);
    CloseReason reason = listener.closed.get(10, TimeUnit.SECONDS);
    assertFalse(listener.opened.isDone(), "the attempt must never open");
    assertFalse(t.isOpen());
    assertEquals(1, listener.closeCount.get());
    return reason;
  }

  @Nested
  class WhenTheHandshakeSucceeds {
    @Test
    void theNegotiatedVersionIsReportedAndFramesFlowBothWays() throws Exception {
      OcppWebSocketServer csms = start(server(0, pki, scheduler));
      OcppTransport t = transport(station(0, pki, csms.uri(), OcppVersion.V16).build());
      RecordingListener listener = new RecordingListener();

      t.connect(listener);

      assertEquals(OcppVersion.V16, listener.opened.get(5, TimeUnit.SECONDS));
      assertTrue(t.isOpen());
      assertTrue(t.send("[2,\"m1\",\"Heartbeat\",{}]"));
      String reply = listener.messages.poll(5, TimeUnit.SECONDS);
      assertTrue(reply != null && reply.startsWith("[3,\"m1\","), reply);
    }

    @Test
    void aLargeFrameArrivesWhole() throws Exception {
      OcppWebSocketServer csms = start(server(0, pki, scheduler));
      OcppTransport t = transport(station(0, pki, csms.uri()).build());
      RecordingListener listener = new RecordingListener();
      t.connect(listener);
      listener.opened.get(5, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(5)).until(() -> csms.connection(STATION).isPresent());
      // Far beyond any transport buffer: the JDK client hands such a message over in parts.
      String data = "x".repeat(200_000);

      csms.connection(STATION)
          .orElseThrow()
          .session()
          .call(
              new DataTransferRequest(null, null, data, "io.kilowire"), DataTransferResponse.class);

      String frame = listener.messages.poll(5, TimeUnit.SECONDS);
      assertTrue(frame != null && frame.startsWith("[2,"), String.valueOf(frame));
      assertTrue(frame.contains("\"" + data + "\""), "the frame is cut: " + frame.length());
      assertEquals(null, listener.messages.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void theServersPreferenceWinsWhenBothOfferSeveralVersions() throws Exception {
      OcppWebSocketServer csms = start(server(0, pki, scheduler));
      OcppTransport t =
          transport(station(0, pki, csms.uri(), OcppVersion.V16, OcppVersion.V201).build());
      RecordingListener listener = new RecordingListener();

      t.connect(listener);

      assertEquals(OcppVersion.V201, listener.opened.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aLocalCloseIsReportedOnceAsClosedLocally() throws Exception {
      OcppWebSocketServer csms = start(server(0, pki, scheduler));
      OcppTransport t = transport(station(0, pki, csms.uri()).build());
      RecordingListener listener = new RecordingListener();
      t.connect(listener);
      listener.opened.get(5, TimeUnit.SECONDS);

      t.close();

      assertEquals(
          CloseReason.Kind.CLOSED_LOCALLY, listener.closed.get(5, TimeUnit.SECONDS).kind());
      assertFalse(listener.closedRemotely);
      assertFalse(t.isOpen());
      assertFalse(t.send("[2,\"m2\",\"Heartbeat\",{}]"));
      await().atMost(Duration.ofSeconds(5)).until(() -> csms.connections().isEmpty());
      assertEquals(1, listener.closeCount.get());
    }

    @Test
    void theTransportConnectsAgainAfterAClose() throws Exception {
      OcppWebSocketServer csms = start(server(0, pki, scheduler));
      OcppTransport t = transport(station(0, pki, csms.uri()).build());
      RecordingListener first = new RecordingListener();
      t.connect(first);
      first.opened.get(5, TimeUnit.SECONDS);
      t.close();
      first.closed.get(5, TimeUnit.SECONDS);

      RecordingListener second = new RecordingListener();
      t.connect(second);

      assertEquals(OcppVersion.V201, second.opened.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aServerStopIsReportedAsClosedByPeer() throws Exception {
      OcppWebSocketServer csms = start(server(0, pki, scheduler));
      OcppTransport t = transport(station(0, pki, csms.uri()).build());
      RecordingListener listener = new RecordingListener();
      t.connect(listener);
      listener.opened.get(5, TimeUnit.SECONDS);

      csms.stop();

      CloseReason reason = listener.closed.get(5, TimeUnit.SECONDS);
      assertEquals(CloseReason.Kind.CLOSED_BY_PEER, reason.kind());
      assertEquals(1001, reason.code());
      assertTrue(listener.closedRemotely);
    }

    @Test
    void aProfileTwoStationAcceptsTheCsmsByItsDnsNameToo() throws Exception {
      OcppWebSocketServer csms = start(server(2, pki, scheduler));
      URI byName = URI.create("wss://localhost:" + csms.port());
      OcppTransport t = transport(station(2, pki, byName).build());
      RecordingListener listener = new RecordingListener();

      t.connect(listener);

      assertEquals(OcppVersion.V201, listener.opened.get(5, TimeUnit.SECONDS));
    }
  }

  @Nested
  class BasicAuth {
    @Test
    void aWrongPasswordIsRejectedWithHttp401() throws Exception {
      OcppWebSocketServer csms = start(server(1, pki, scheduler));

      CloseReason reason =
          refusal(station(1, pki, csms.uri()).basicAuthPassword(PASSWORD + "-wrong").build());

      assertEquals(CloseReason.Kind.AUTH_REJECTED, reason.kind());
      assertTrue(reason.detail().contains("401"), reason.detail());
      assertTrue(csms.connections().isEmpty());
    }

    @Test
    void aMissingPasswordIsRejectedWithHttp401() throws Exception {
      OcppWebSocketServer csms = start(server(1, pki, scheduler));

      CloseReason reason = refusal(station(0, pki, csms.uri()).build());

      assertEquals(CloseReason.Kind.AUTH_REJECTED, reason.kind());
    }

    @Test
    void aProfileTwoPasswordIsCheckedOverTls() throws Exception {
      OcppWebSocketServer csms = start(server(2, pki, scheduler));

      CloseReason reason =
          refusal(station(2, pki, csms.uri()).basicAuthPassword(PASSWORD + "-wrong").build());

      assertEquals(CloseReason.Kind.AUTH_REJECTED, reason.kind());
    }
  }

  @Nested
  class Tls {
    @Test
    void aCsmsCertificateFromAnUnknownCaIsRefused() throws Exception {
      OcppWebSocketServer csms =
          start(server(2, pki, scheduler).tls(pki.serverContext(pki.untrustedServer())));

      CloseReason reason = refusal(station(2, pki, csms.uri()).build());

      assertEquals(CloseReason.Kind.TLS_FAILURE, reason.kind());
    }

    @Test
    void aCsmsCertificateForAnotherHostIsRefused() throws Exception {
      OcppWebSocketServer csms =
          start(server(2, pki, scheduler).tls(pki.serverContext(pki.wrongNameServer())));

      CloseReason reason = refusal(station(2, pki, csms.uri()).build());

      assertEquals(CloseReason.Kind.TLS_FAILURE, reason.kind());
      assertTrue(reason.detail().contains("127.0.0.1"), reason.detail());
    }

    @Test
    void aStationWithoutClientCertificateIsRefusedByAProfileThreeCsms() throws Exception {
      OcppWebSocketServer csms = start(server(3, pki, scheduler));

      CloseReason reason = refusal(station(2, pki, csms.uri()).basicAuthPassword(PASSWORD).build());

      assertEquals(CloseReason.Kind.TLS_FAILURE, reason.kind());
    }

    @Test
    void aSelfSignedClientCertificateIsRefusedByAProfileThreeCsms() throws Exception {
      OcppWebSocketServer csms = start(server(3, pki, scheduler));

      CloseReason reason =
          refusal(
              station(3, pki, csms.uri())
                  .clientCertificate(
                      pki.selfSignedClient().certificate(), pki.selfSignedClient().privateKey())
                  .build());

      assertEquals(CloseReason.Kind.TLS_FAILURE, reason.kind());
    }
  }

  @Nested
  class Subprotocols {
    @Test
    void aCsmsSpeakingOnlyTheOtherVersionIsRefused() throws Exception {
      AtomicInteger connected = new AtomicInteger();
      OcppWebSocketServer csms =
          start(
              server(0, pki, scheduler)
                  .ocppVersions(OcppVersion.V201)
                  .listener(
                      new OcppWebSocketServer.Listener() {
                        @Override
                        public void onConnected(StationConnection connection) {
                          connected.incrementAndGet();
                        }
                      }));

      CloseReason reason = refusal(station(0, pki, csms.uri(), OcppVersion.V16).build());

      assertEquals(CloseReason.Kind.SUBPROTOCOL_REFUSED, reason.kind());
      assertTrue(reason.detail().contains("without selecting"), reason.detail());
      assertEquals(0, connected.get());
    }

    @Test
    void aCsmsSelectingAVersionThatWasNotOfferedIsRefused() throws Exception {
      try (RawUpgradeServer raw = new RawUpgradeServer("ocpp2.1")) {
        CloseReason reason =
            refusal(
                station(0, pki, URI.create("ws://127.0.0.1:" + raw.port()), OcppVersion.V201)
                    .build());

        assertEquals(CloseReason.Kind.SUBPROTOCOL_REFUSED, reason.kind());
        assertTrue(reason.detail().contains("'ocpp2.1'"), reason.detail());
        assertEquals("ocpp2.0.1", raw.offered);
      }
    }
  }

  @Nested
  class Reachability {
    @Test
    void anUnknownStationGetsHttp404() throws Exception {
      OcppWebSocketServer csms =
          start(server(0, pki, scheduler).knownStations(id -> id.equals("someone-else")));

      CloseReason reason = refusal(station(0, pki, csms.uri()).build());

      assertEquals(CloseReason.Kind.HANDSHAKE_REJECTED, reason.kind());
      assertTrue(reason.detail().contains("404"), reason.detail());
    }

    @Test
    void aPortWithoutListenerIsUnreachable() throws Exception {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }

      CloseReason reason = refusal(station(0, pki, URI.create("ws://127.0.0.1:" + port)).build());

      assertEquals(CloseReason.Kind.UNREACHABLE, reason.kind());
    }

    @Test
    void aServerThatNeverAnswersTheUpgradeTimesOut() throws Exception {
      try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
        // Never accepted: the kernel completes the TCP handshake, nobody answers the upgrade.
        TransportConfig config =
            station(0, pki, URI.create("ws://127.0.0.1:" + silent.getLocalPort()))
                .connectTimeout(Duration.ofMillis(500))
                .build();

        long start = System.nanoTime();
        CloseReason reason = refusal(config);

        assertEquals(CloseReason.Kind.CONNECT_TIMEOUT, reason.kind());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
      }
    }
  }

  /**
   * Answers one upgrade with 101 and a fixed Sec-WebSocket-Protocol, whatever was offered: a CSMS
   * our own server cannot imitate.
   */
  private static final class RawUpgradeServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final ServerSocket socket;
    volatile String offered = "";

    RawUpgradeServer(String selected) throws IOException {
      socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      Thread t =
          new Thread(
              () -> {
                try (Socket s = socket.accept()) {
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                  String key = "";
                  for (String line = in.readLine();
                      line != null && !line.isEmpty();
                      line = in.readLine()) {
                    if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                      key = line.substring(18).trim();
                    } else if (line.regionMatches(true, 0, "Sec-WebSocket-Protocol:", 0, 23)) {
                      offered = line.substring(23).trim();
                    }
                  }
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 101 Switching Protocols\r\n"
                              + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                              + "Sec-WebSocket-Accept: "
                              + accept(key)
                              + "\r\nSec-WebSocket-Protocol: "
                              + selected
                              + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  // Hold the connection: the client has to close it by itself.
                  while (s.getInputStream().read() >= 0) {
                    // drain until the client goes
                  }
                } catch (IOException e) {
                  // the test is over
                }
              },
              "raw-upgrade-server");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private static String accept(String key) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
