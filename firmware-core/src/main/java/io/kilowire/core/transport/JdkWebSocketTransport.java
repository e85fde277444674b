package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's OCPP-J transport on the JDK's own WebSocket client ({@code java.net.http}), for
 * many stations in one process: no thread per connection. The connections of all transports sharing
 * a {@link JdkHttpClients} run on its one selector thread and small executor; timers (connect
 * watchdog, pings, the closing bound) run on the station's {@link TaskScheduler}.
 *
 * <p>It keeps the rules of {@link WebSocketTransport}, and the same tests check both:
 *
 * <ul>
 *   <li>Offers the configured versions in {@code Sec-WebSocket-Protocol} and accepts only an answer
 *       naming one of them; no header, or another token, ends the attempt as {@link
 *       CloseReason.Kind#SUBPROTOCOL_REFUSED}.
 *   <li>Profiles 1 and 2 send {@code Authorization: Basic base64(stationId:password)} (UTF-8); an
 *       HTTP 401/403 answer is {@link CloseReason.Kind#AUTH_REJECTED}, another status {@link
 *       CloseReason.Kind#HANDSHAKE_REJECTED}, both with {@link CloseReason#httpStatus()}.
 *   <li>Profiles 2 and 3 speak TLS 1.2/1.3 only, check the CSMS certificate against the configured
 *       CAs and its name or IP against the URL host; profile 3 presents the station certificate.
 *   <li>With a ping interval T > 0 a check runs every T: it pings when a pong arrived within the
 *       last 1.5 T and otherwise drops the connection, so a dead peer is reported as {@link
 *       CloseReason.Kind#LIVENESS_TIMEOUT} between 1.5 T and 2.5 T after its last pong.
 * </ul>
 *
 * Listener calls are serialised: never concurrent, in event order, with no lock held.
 */
public final class JdkWebSocketTransport extends AttemptTransport {
  private static final Logger LOG = LoggerFactory.getLogger(JdkWebSocketTransport.class);
  private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
  // RFC 6455 close codes, and -1 for a connection that never opened (as Java-WebSocket has it).
  private static final int NEVER_CONNECTED = -1;
  private static final int NORMAL = 1000;
  private static final int PROTOCOL_ERROR = 1002;
  private static final int ABNORMAL_CLOSE = 1006;

  private final TaskScheduler scheduler;
  private final HttpClient http;

  /** A transport on the process-wide {@link JdkHttpClients#shared()}. */
  public JdkWebSocketTransport(TransportConfig config, TaskScheduler scheduler) {
    this(config, scheduler, JdkHttpClients.shared());
  }

  /**
   * @param scheduler runs the connect watchdog, the pings and the closing bound
   * @param clients the HTTP clients this transport shares with others
   */
  public JdkWebSocketTransport(
      TransportConfig config, TaskScheduler scheduler, JdkHttpClients clients) {
    super(config, LOG);
    this.scheduler = scheduler;
    this.http = clients.forStation(config);
  }

  @Override
  Attempt newAttempt(Listener listener) {
    return new Connection(listener);
  }

  /** One connection attempt and, if it opens, the connection. */
  private final class Connection implements Attempt, WebSocket.Listener {
    private final Listener listener;
    private final SerialCallbacks callbacks = new SerialCallbacks(listenerGuard);
    private final Object sendLock = new Object();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private @Nullable StringBuilder partial; // only touched by the JDK's sequential callbacks
    private volatile boolean opened;
    private volatile boolean finished;
    private volatile boolean closeRequested;
    private volatile @Nullable WebSocket socket;
    private volatile long lastPongNanos;
    private volatile TaskScheduler.@Nullable Cancellable watchdog;
    private volatile TaskScheduler.@Nullable Cancellable liveness;
    private volatile TaskScheduler.@Nullable Cancellable closingBound;

    Connection(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void start() {
      URI uri = config.connectionUri();
      LOG.debug("[{}] connecting to {} offering {}", config.stationId(), uri, offered());
      watchdog =
          scheduler.schedule(
              config.connectTimeout(),
              () ->
                  abandon(
                      new CloseReason(
                          CloseReason.Kind.CONNECT_TIMEOUT,
                          NEVER_CONNECTED,
                          "not connected within " + config.connectTimeout())));
      List<OcppVersion> versions = config.ocppVersions();
      String[] others = new String[versions.size() - 1];
      for (int i = 1; i < versions.size(); i++) {
        others[i - 1] = versions.get(i).subprotocol();
      }
      WebSocket.Builder builder =
          http.newWebSocketBuilder()
              .connectTimeout(config.connectTimeout())
              .subprotocols(versions.get(0).subprotocol(), others);
      if (config.usesBasicAuth()) {
        String credentials = config.stationId() + ":" + config.basicAuthPassword();
        builder.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      }
      try {
        builder.buildAsync(uri, this).whenComplete(this::built);
      } catch (RuntimeException e) {
        finish(
            new CloseReason(CloseReason.Kind.UNREACHABLE, NEVER_CONNECTED, Failures.describe(e)),
            false);
      }
    }

    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public boolean isUsable() {
      WebSocket ws = socket;
      return opened && !finished && !closeRequested && ws != null && !ws.isOutputClosed();
    }

    @Override
    public boolean sendText(String frame) {
      if (!isUsable()) {
        return false;
      }
      String text = escapeLoneSurrogates(frame);
      enqueue(ws -> ws.sendText(text, true));
      return true;
    }

    /**
     * The JDK allows one send at a time; frames, pings and the close frame queue behind each other.
     * A send that fails is logged; on a broken connection the JDK reports the end as well.
     */
    private void enqueue(Function<WebSocket, CompletableFuture<WebSocket>> send) {
      WebSocket ws = socket;
      if (ws == null) {
        return;
      }
      synchronized (sendLock) {
        sendTail =
            sendTail
                .thenCompose(previous -> send.apply(ws))
                .exceptionally(
                    e -> {
                      LOG.debug("[{}] send failed: {}", config.stationId(), e.toString());
                      return ws;
                    });
      }
    }

    @Override
    public void closeLocally() {
      closeRequested = true;
      if (finished) {
        return;
      }
      WebSocket ws = socket;
      if (opened && ws != null) {
        enqueue(w -> w.sendClose(NORMAL, "station closing"));
        // A peer that never answers the close frame must not keep the socket alive.
        Duration bound = config.connectTimeout();
        closingBound =
            scheduler.schedule(
                bound,
                () ->
                    abort(
                        new CloseReason(
                            CloseReason.Kind.CLOSED_LOCALLY,
                            ABNORMAL_CLOSE,
                            "peer did not complete the closing handshake within " + bound),
                        false));
      } else {
        abandon(
            new CloseReason(CloseReason.Kind.CLOSED_LOCALLY, NEVER_CONNECTED, "attempt abandoned"));
      }
    }

    /**
     * Ends an attempt that has not opened. The JDK cannot cancel a handshake under way: it is
     * reported now, and a socket that opens after all is aborted at once.
     */
    private void abandon(CloseReason reason) {
      if (!opened) {
        finish(reason, false);
      }
    }

    /** Drops the connection without a closing handshake and reports {@code reason}. */
    private void abort(CloseReason reason, boolean remote) {
      if (finished) {
        return;
      }
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      finish(reason, remote);
    }

    private void finish(CloseReason reason, boolean remote) {
      cancel(watchdog);
      cancel(liveness);
      cancel(closingBound);
      log(reason);
      emit(
          () -> {
            if (finished) {
              return false;
            }
            finished = true;
            return true;
          },
          () -> listener.onClose(reason, remote));
    }

    private void log(CloseReason why) {
      if (finished) {
        return;
      }
      if (opened) {
        LOG.info("[{}] disconnected: {} {}", config.stationId(), why.kind(), why.detail());
      } else if (why.kind() == CloseReason.Kind.CLOSED_LOCALLY || why.refused()) {
        // A refusal repeats with every attempt; the client logs it once per change.
        LOG.debug("[{}] connection ended: {} {}", config.stationId(), why.kind(), why.detail());
      } else {
        LOG.warn("[{}] connection failed: {} {}", config.stationId(), why.kind(), why.detail());
      }
    }

    private void built(@Nullable WebSocket ws, @Nullable Throwable error) {
      if (ws != null) {
        if (finished) {
          ws.abort();
        }
        return;
      }
      finish(failure(error), false);
    }

    /** Why the opening handshake failed. */
    private CloseReason failure(@Nullable Throwable error) {
      if (closeRequested) {
        return new CloseReason(
            CloseReason.Kind.CLOSED_LOCALLY, NEVER_CONNECTED, "attempt abandoned");
      }
      WebSocketHandshakeException refused = Failures.find(error, WebSocketHandshakeException.class);
      if (refused != null) {
        return refusal(refused.getResponse(), refused);
      }
      if (Failures.find(error, HttpTimeoutException.class) != null) {
        return new CloseReason(
            CloseReason.Kind.CONNECT_TIMEOUT,
            NEVER_CONNECTED,
            "not connected within " + config.connectTimeout());
      }
      SSLException tls = Failures.find(error, SSLException.class);
      if (tls != null) {
        return new CloseReason(
            CloseReason.Kind.TLS_FAILURE,
            NEVER_CONNECTED,
            Failures.describe(tls)
                + (tls instanceof SSLHandshakeException
                    ? ""
                    : " (after the TLS handshake: client certificate refused?)"));
      }
      if (Failures.find(error, ConnectException.class) != null || !config.usesTls()) {
        // The JDK wraps the socket's own exception, which says why (e.g. "Connection refused").
        return new CloseReason(
            CloseReason.Kind.UNREACHABLE, NEVER_CONNECTED, Failures.describe(rootCause(error)));
      }
      // TLS 1.3 completes the client's side of the handshake before the server has checked the
      // client certificate; a refusal then arrives as a bare close instead of an HTTP answer.
      return new CloseReason(
          CloseReason.Kind.TLS_FAILURE,
          NEVER_CONNECTED,
          "CSMS closed the TLS connection before answering the upgrade (client certificate"
              + " refused?): "
              + Failures.describe(rootCause(error)));
    }

    private CloseReason refusal(HttpResponse<?> response, Exception error) {
      int status = response.statusCode();
      if (status == 101) {
        // A 101 that the JDK refused: the subprotocol (or another header) does not fit the offer.
        String selected = response.headers().firstValue(PROTOCOL_HEADER).orElse("").trim();
        boolean offeredIt =
            OcppVersion.fromSubprotocol(selected)
                .filter(config.ocppVersions()::contains)
                .isPresent();
        if (!selected.isEmpty() && !offeredIt) {
          return new CloseReason(
              CloseReason.Kind.SUBPROTOCOL_REFUSED,
              PROTOCOL_ERROR,
              "CSMS selected subprotocol '" + selected + "', which was not offered: " + offered());
        }
        return new CloseReason(
            CloseReason.Kind.HANDSHAKE_REJECTED, PROTOCOL_ERROR, Failures.describe(error));
      }
      return new CloseReason(
          status == 401 || status == 403
              ? CloseReason.Kind.AUTH_REJECTED
              : CloseReason.Kind.HANDSHAKE_REJECTED,
          NEVER_CONNECTED,
          "CSMS answered the upgrade with HTTP " + status,
          status);
    }

    // ------------------------------------------------ the JDK's callbacks, one at a time

    @Override
    public void onOpen(WebSocket ws) {
      socket = ws;
      if (finished) {
        ws.abort(); // abandoned or timed out while the handshake was under way
        return;
      }
      String selected = ws.getSubprotocol();
      Optional<OcppVersion> version =
          OcppVersion.fromSubprotocol(selected).filter(config.ocppVersions()::contains);
      if (version.isEmpty()) {
        // The JDK refuses a token that was not offered; no token at all reaches us here.
        String detail =
            "CSMS accepted the upgrade without selecting a subprotocol; offered " + offered();
        ws.sendClose(PROTOCOL_ERROR, "no subprotocol selected").whenComplete((w, e) -> ws.abort());
        finish(
            new CloseReason(CloseReason.Kind.SUBPROTOCOL_REFUSED, PROTOCOL_ERROR, detail), false);
        return;
      }
      cancel(watchdog);
      lastPongNanos = System.nanoTime();
      LOG.info(
          "[{}] connected to {} using {}",
          config.stationId(),
          config.connectionUri(),
          version.get().subprotocol());
      emit(
          () -> {
            if (finished) {
              return false;
            }
            opened = true;
            return true;
          },
          () -> listener.onOpen(version.get()));
      if (opened && !config.pingInterval().isZero()) {
        liveness = scheduler.schedule(config.pingInterval(), this::checkLiveness);
      }
      ws.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      StringBuilder buffer = partial;
      if (!last) {
        partial = (buffer == null ? new StringBuilder() : buffer).append(data);
      } else {
        String frame = buffer == null ? data.toString() : buffer.append(data).toString();
        partial = null;
        emit(() -> opened && !finished, () -> listener.onMessage(frame));
      }
      ws.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      LOG.warn(
          "[{}] ignored a binary frame of {} bytes; OCPP-J is text only",
          config.stationId(),
          data.remaining());
      ws.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      ws.request(1); // the JDK answers with a pong by itself
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      lastPongNanos = System.nanoTime();
      ws.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      // Returning null lets the JDK answer the close frame (unless ours went first) and close.
      if (closeRequested) {
        finish(new CloseReason(CloseReason.Kind.CLOSED_LOCALLY, statusCode, reason), false);
      } else {
        finish(new CloseReason(CloseReason.Kind.CLOSED_BY_PEER, statusCode, reason), true);
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      if (closeRequested) {
        finish(
            new CloseReason(
                CloseReason.Kind.CLOSED_LOCALLY, ABNORMAL_CLOSE, Failures.describe(error)),
            false);
      } else if (error instanceof ProtocolException) {
        abort(
            new CloseReason(
                CloseReason.Kind.PROTOCOL_ERROR, PROTOCOL_ERROR, Failures.describe(error)),
            false);
      } else {
        finish(
            new CloseReason(
                CloseReason.Kind.CONNECTION_LOST,
                ABNORMAL_CLOSE,
                error instanceof IOException
                    ? Failures.describe(error)
                    : "connection ended: " + Failures.describe(error)),
            true);
      }
    }

    // ------------------------------------------------ liveness, on the station's scheduler

    private void checkLiveness() {
      if (finished || closeRequested) {
        return;
      }
      long interval = config.pingInterval().toNanos();
      if (System.nanoTime() - lastPongNanos >= interval * 3 / 2) {
        abort(
            new CloseReason(
                CloseReason.Kind.LIVENESS_TIMEOUT,
                ABNORMAL_CLOSE,
                "no pong within 1.5 x the ping interval of " + config.pingInterval()),
            false);
        return;
      }
      enqueue(ws -> ws.sendPing(ByteBuffer.allocate(0)));
      liveness = scheduler.schedule(config.pingInterval(), this::checkLiveness);
    }

    private void emit(BooleanSupplier transition, Runnable callback) {
      callbacks.emit(transition, callback);
    }
  }

  /**
   * A frame holding a lone UTF-16 surrogate (valid JSON, e.g. echoed from a hostile peer, but no
   * valid Unicode) cannot be encoded as UTF-8, and the JDK would fail the send. In JSON such a
   * character can only stand inside a string, where its six-character escape means the same.
   */
  static String escapeLoneSurrogates(String frame) {
    int n = frame.length();
    int i = 0;
    while (i < n && !Character.isSurrogate(frame.charAt(i))) {
      i++;
    }
    if (i == n) {
      return frame;
    }
    StringBuilder out = new StringBuilder(n + 16).append(frame, 0, i);
    for (; i < n; i++) {
      char c = frame.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(frame.charAt(i + 1))) {
        out.append(c).append(frame.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static @Nullable Throwable rootCause(@Nullable Throwable error) {
    Throwable t = error;
    while (t != null && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static void cancel(TaskScheduler.@Nullable Cancellable task) {
    if (task != null) {
      task.cancel();
    }
  }
}
