package io.kilowire.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowire.core.ocpp.OcppVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;

/**
 * A CSMS that sends whatever text a test gives it, past any codec: frames no well-behaved CSMS
 * would write (a lone UTF-16 surrogate escaped in a string, broken JSON). It speaks one version on
 * 127.0.0.1, answers the station's CALLs with minimal accepting payloads (BootNotification
 * Accepted, Heartbeat with the time, {@code {}} otherwise) and records every frame it receives.
 */
public final class HostileCsms implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final CompletableFuture<WebSocket> station = new CompletableFuture<>();
  private final Server server;

  private HostileCsms(OcppVersion version) {
    this.server = new Server(version);
  }

  /** Starts listening on an ephemeral port of 127.0.0.1. */
  public static HostileCsms start(OcppVersion version) {
    HostileCsms csms = new HostileCsms(version);
    csms.server.setReuseAddr(true);
    csms.server.start();
    try {
      csms.server.started.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the hostile CSMS did not start", e);
    }
    return csms;
  }

  /** The base URL stations connect to. */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + server.getPort());
  }

  /** Sends {@code text} as one text frame to the connected station, exactly as given. */
  public void sendRaw(String text, Duration waitForStation) {
    try {
      station.get(waitForStation.toMillis(), TimeUnit.MILLISECONDS).send(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no station connected", e);
    }
  }

  /** Every frame received from the station, in order. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** Whether a frame starting with {@code prefix} has been received. */
  public boolean hasReceived(String prefix) {
    return received.stream().anyMatch(f -> f.startsWith(prefix));
  }

  @Override
  public void close() {
    try {
      server.stop(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static @Nullable String answer(String action) {
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    return switch (action) {
      case "BootNotification" ->
          "{\"status\":\"Accepted\",\"currentTime\":\"" + now + "\",\"interval\":300}";
      case "Heartbeat" -> "{\"currentTime\":\"" + now + "\"}";
      case "StatusNotification",
          "NotifyEvent",
          "SecurityEventNotification",
          "MeterValues",
          "NotifyReport" ->
          "{}";
      default -> null;
    };
  }

  private final class Server extends WebSocketServer {
    final CompletableFuture<Void> started = new CompletableFuture<>();

    Server(OcppVersion version) {
      super(
          new InetSocketAddress("127.0.0.1", 0),
          List.of(new Draft_6455(List.of(), List.of(new Protocol(version.subprotocol())))));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      station.complete(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(message);
      JsonNode frame;
      try {
        frame = JSON.readTree(message);
      } catch (IOException e) {
        return;
      }
      if (frame.path(0).asInt() != 2) {
        return;
      }
      String payload = answer(frame.path(2).asText());
      String id = frame.path(1).asText();
      conn.send(
          payload != null
              ? "[3,\"" + id + "\"," + payload + "]"
              : "[4,\"" + id + "\",\"NotImplemented\",\"not scripted\",{}]");
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {}

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(@Nullable WebSocket conn, Exception ex) {
      if (conn == null) {
        started.completeExceptionally(ex);
      }
    }

    @Override
    public void onStart() {
      started.complete(null);
    }
  }
}
