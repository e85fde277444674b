package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.TransportFixtures.Implementation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A CSMS that refuses the WebSocket upgrade with an HTTP status (wrong password, forbidden, unknown
 * station): a real HTTP server on 127.0.0.1 counts the attempts and when they arrive. The client
 * backs off further with every refusal, past the plateau that network failures stay on, so a fleet
 * refused together does not hammer the CSMS every few seconds. On each station transport.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Implementation.class)
class RefusedConnectionIT {
  @Parameter Implementation implementation;
  private static final Duration MIN = Duration.ofMillis(20);
  private static final Duration RANGE = Duration.ofMillis(10);
  private static final Duration LIMIT = Duration.ofMillis(400);

  /** Where the back-off of network failures stays: MIN doubled once, plus the random part. */
  private static final Duration NETWORK_PLATEAU = MIN.multipliedBy(2).plus(RANGE);

  private RefusingServer server;
  private OcppClient client;

  @AfterEach
  void tearDown() throws IOException {
    if (client != null) {
      client.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @CsvSource({"401, AUTH_REJECTED", "403, AUTH_REJECTED", "404, HANDSHAKE_REJECTED"})
  void refusalsAreRetriedWithAGrowingJitteredBackOff(int status, CloseReason.Kind kind)
      throws IOException {
    server = new RefusingServer(status);
    StateRecorder states = new StateRecorder();
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl("ws://127.0.0.1:" + server.port())
            .stationId("CP-REFUSED")
            .ocppVersions(OcppVersion.V16)
            .retryBackOff(MIN, RANGE, 1)
            .refusalBackOffLimit(LIMIT)
            .build();
    client =
        OcppClient.builder(config)
            .transportFactory(implementation.factory(config))
            .random(new SplittableRandom(7))
            .stateListener(states)
            .build();

    client.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> server.attempts().size() >= 9);
    client.stop();

    List<ClientState.Disconnected> closes = states.of(ClientState.Disconnected.class);
    assertThat(closes).isNotEmpty().allMatch(d -> d.reason().kind() == kind);
    assertThat(closes).allMatch(d -> d.reason().httpStatus() == status);
    List<Duration> delays =
        states.of(ClientState.RetryScheduled.class).stream()
            .map(ClientState.RetryScheduled::delay)
            .toList();
    // Attempt n waits at least MIN x 2^n up to the limit, and at most half as much again plus
    // the range.
    for (int n = 0; n < 8; n++) {
      Duration base = MIN.multipliedBy(1L << n);
      base = base.compareTo(LIMIT) > 0 ? LIMIT : base;
      assertThat(delays.get(n))
          .as("delay %d of %s", n, delays)
          .isBetween(base, base.plus(base.dividedBy(2)).plus(RANGE));
    }
    // Measured between the attempts at the server: never sooner than planned (with a little
    // slack for the two clocks' readings), and the last one far beyond the network plateau.
    List<Long> at = server.attempts();
    for (int n = 0; n + 1 < at.size() && n < delays.size(); n++) {
      Duration measured = Duration.ofNanos(at.get(n + 1) - at.get(n));
      assertThat(measured).as("spacing %d", n).isGreaterThanOrEqualTo(delays.get(n).minusMillis(5));
    }
    assertThat(Duration.ofNanos(at.get(6) - at.get(5)))
        .isGreaterThan(NETWORK_PLATEAU.multipliedBy(4));
  }

  /** Answers every HTTP request with {@code status} and notes when each arrived. */
  private static final class RefusingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private final Thread thread;

    RefusingServer(int status) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      String reason = status == 404 ? "Not Found" : status == 403 ? "Forbidden" : "Unauthorized";
      byte[] answer =
          ("HTTP/1.1 "
                  + status
                  + " "
                  + reason
                  + "\r\nWWW-Authenticate: Basic realm=\"csms\"\r\n"
                  + "Content-Length: 0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line = in.readLine();
                    while (line != null && !line.isEmpty()) {
                      line = in.readLine();
                    }
                    attempts.add(System.nanoTime());
                    OutputStream out = s.getOutputStream();
                    out.write(answer);
                    out.flush();
                  } catch (IOException closed) {
                    // the test is over, or a client gave up mid-request
                  }
                }
              },
              "refusing-csms");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    List<Long> attempts() {
      return List.copyOf(attempts);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
