package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's OCPP-J transport on Java-WebSocket 1.6.0, with security profiles 0-3.
 *
 * <ul>
 *   <li>Offers the configured versions in {@code Sec-WebSocket-Protocol} and accepts only an answer
 *       naming one of them; no header, or another token, closes the attempt as {@link
 *       CloseReason.Kind#SUBPROTOCOL_REFUSED}.
 *   <li>Profiles 1 and 2 send {@code Authorization: Basic base64(stationId:password)} (UTF-8) in
 *       the upgrade request. An HTTP 401/403 answer is {@link CloseReason.Kind#AUTH_REJECTED}.
 *   <li>Profiles 2 and 3 speak TLS 1.2/1.3 only, check the CSMS certificate against the configured
 *       CAs and its name or IP against the URL host (endpoint identification "HTTPS"); profile 3
 *       presents the station certificate.
 *   <li>With a ping interval T > 0, Java-WebSocket's connection-lost checker runs every T: it pings
 *       when a pong arrived within the last 1.5 T and otherwise drops the connection. A dead peer
 *       is therefore detected between 1.5 T and 2.5 T after its last pong, and reported as {@link
 *       CloseReason.Kind#LIVENESS_TIMEOUT}.
 * </ul>
 *
 * Each {@link #connect} uses a fresh {@link WebSocketClient} (they cannot be reused), which costs
 * two platform threads, three with pings on. Listener calls are serialised: never concurrent, in
 * event order, with no lock held.
 */
public final class WebSocketTransport extends AttemptTransport {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
  private static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
  // Java-WebSocket reports a non-101 upgrade answer only as this close message.
  private static final Pattern HTTP_STATUS = Pattern.compile("status code received: (\\d{3})");

  private final TaskScheduler scheduler;
  private final @Nullable SSLContext tls;

  /**
   * @param scheduler runs the connect and close watchdogs
   */
  public WebSocketTransport(TransportConfig config, TaskScheduler scheduler) {
    super(config, LOG);
    this.scheduler = scheduler;
    this.tls = config.usesTls() ? TlsContexts.forStation(config) : null;
  }

  @Override
  Attempt newAttempt(Listener listener) {
    return new Connection(listener);
  }

  private Draft_6455 draft() {
    List<IProtocol> protocols = new ArrayList<>();
    for (OcppVersion v : config.ocppVersions()) {
      protocols.add(new Protocol(v.subprotocol()));
    }
    // The empty protocol matches any answer, so the handshake reaches our own check below and a
    // refusal is reported as SUBPROTOCOL_REFUSED rather than as an anonymous draft mismatch. It
    // is not sent: Java-WebSocket leaves empty tokens out of the request header.
    protocols.add(new Protocol(""));
    return new Draft_6455(List.of(), protocols);
  }

  private Map<String, String> headers() {
    if (!config.usesBasicAuth()) {
      return Map.of();
    }
    String credentials = config.stationId() + ":" + config.basicAuthPassword();
    return Map.of(
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  /** One connection attempt and, if it opens, the connection. */
  private final class Connection extends WebSocketClient implements Attempt {
    private final Listener listener;
    private final SerialCallbacks callbacks = new SerialCallbacks(listenerGuard);
    private volatile boolean opened;
    private volatile boolean finished;
    private volatile boolean closeRequested;
    private volatile @Nullable CloseReason forced;
    private volatile @Nullable Exception lastError;
    private volatile boolean tlsEstablished;
    private volatile long lastPongNanos = System.nanoTime();

    /** Who waits for the next pong ({@link #ping}). */
    private final java.util.Queue<Runnable> pongWaiters =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    private volatile @Nullable OcppVersion negotiated;
    private volatile TaskScheduler.@Nullable Cancellable watchdog;

    Connection(Listener listener) {
      super(
          config.connectionUri(),
          draft(),
          headers(),
          (int) Math.min(config.connectTimeout().toMillis(), Integer.MAX_VALUE));
      this.listener = listener;
      setDaemon(true);
      setTcpNoDelay(true);
      setConnectionLostTimeout((int) config.pingInterval().getSeconds());
      if (tls != null) {
        setSocketFactory(tls.getSocketFactory());
      }
    }

    @Override
    public void start() {
      LOG.debug(
          "[{}] connecting to {} offering {}", config.stationId(), uri, config.ocppVersions());
      watchdog =
          scheduler.schedule(
              config.connectTimeout(),
              () ->
                  abortUnlessOpen(
                      new CloseReason(
                          CloseReason.Kind.CONNECT_TIMEOUT,
                          CloseFrame.NEVER_CONNECTED,
                          "not connected within " + config.connectTimeout())));
      connect();
    }

    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public boolean isUsable() {
      return opened && !finished && isOpen();
    }

    @Override
    public boolean sendText(String frame) {
      if (!isUsable()) {
        return false;
      }
      try {
        send(frame);
        return true;
      } catch (WebsocketNotConnectedException e) {
        return false;
      }
    }

    @Override
    public void closeLocally() {
      closeRequested = true;
      if (finished) {
        return;
      }
      if (isOpen()) {
        close(CloseFrame.NORMAL, "station closing");
        // A peer that never answers the close frame must not keep the socket alive.
        Duration bound = config.connectTimeout();
        scheduler.schedule(
            bound,
            () ->
                abort(
                    new CloseReason(
                        CloseReason.Kind.CLOSED_LOCALLY,
                        CloseFrame.ABNORMAL_CLOSE,
                        "peer did not complete the closing handshake within " + bound)));
      } else {
        abortUnlessOpen(
            new CloseReason(
                CloseReason.Kind.CLOSED_LOCALLY, CloseFrame.NEVER_CONNECTED, "attempt abandoned"));
      }
    }

    private void abortUnlessOpen(CloseReason reason) {
      if (!opened) {
        abort(reason);
      }
    }

    private void abort(CloseReason reason) {
      if (finished) {
        return;
      }
      forced = reason;
      // Closing the socket also unblocks a read thread still in connect() or the TLS handshake;
      // WebSocketClient.close() would do nothing before its write thread exists.
      Socket socket = getSocket();
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          LOG.debug("[{}] closing the socket failed", config.stationId(), e);
        }
      }
      closeConnection(reason.code(), reason.detail());
    }

    @Override
    protected void onSetSSLParameters(SSLParameters parameters) {
      super.onSetSSLParameters(parameters); // endpoint identification "HTTPS": name/IP check
      SSLContext context = tls;
      if (context != null) {
        parameters.setProtocols(
            TlsContexts.restrict(context.getSupportedSSLParameters().getProtocols()));
      }
      String host = uri.getHost();
      if (host != null && !isIpLiteral(host)) {
        try {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException e) {
          LOG.debug("[{}] no SNI for host {}", config.stationId(), host);
        }
      }
    }

    /**
     * Runs on the read thread after the socket connected and before Java-WebSocket starts its write
     * thread: doing the TLS handshake here makes its failure one deterministic error instead of a
     * race between the two threads that both touch the socket first.
     */
    @Override
    public void onWebsocketHandshakeSentAsClient(WebSocket conn, ClientHandshake request)
        throws InvalidDataException {
      Socket socket = getSocket();
      if (socket instanceof SSLSocket) {
        try {
          ((SSLSocket) socket).startHandshake();
          tlsEstablished = true;
        } catch (IOException e) {
          recordError(e);
          throw new InvalidDataException(
              CloseFrame.NEVER_CONNECTED, "TLS handshake failed: " + e.getMessage());
        }
      }
    }

    @Override
    public void onWebsocketHandshakeReceivedAsClient(
        WebSocket conn, ClientHandshake request, ServerHandshake response)
        throws InvalidDataException {
      String selected = response.getFieldValue(PROTOCOL_HEADER).trim();
      Optional<OcppVersion> version =
          OcppVersion.fromSubprotocol(selected).filter(config.ocppVersions()::contains);
      if (version.isPresent()) {
        negotiated = version.get();
        return;
      }
      String detail =
          selected.isEmpty()
              ? "CSMS accepted the upgrade without selecting a subprotocol; offered " + offered()
              : "CSMS selected subprotocol '" + selected + "', which was not offered: " + offered();
      forced =
          new CloseReason(CloseReason.Kind.SUBPROTOCOL_REFUSED, CloseFrame.PROTOCOL_ERROR, detail);
      // Throwing alone would leave the engine waiting for the peer; close first, then refuse so
      // Java-WebSocket does not open the connection.
      conn.closeConnection(CloseFrame.PROTOCOL_ERROR, detail);
      throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, detail);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
      cancelWatchdog();
      OcppVersion version = negotiated;
      if (version == null) {
        // Unreachable: the handshake hook above either sets it or refuses.
        closeConnection(CloseFrame.PROTOCOL_ERROR, "no negotiated version");
        return;
      }
      lastPongNanos = System.nanoTime();
      LOG.info("[{}] connected to {} using {}", config.stationId(), uri, version.subprotocol());
      emit(
          () -> {
            if (finished) {
              return false; // a watchdog got there first; the close is already reported
            }
            opened = true;
            return true;
          },
          () -> listener.onOpen(version));
    }

    @Override
    public void onMessage(String message) {
      emit(() -> opened && !finished, () -> listener.onMessage(message));
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
      LOG.warn(
          "[{}] ignored a binary frame of {} bytes; OCPP-J is text only",
          config.stationId(),
          bytes.remaining());
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata frame) {
      lastPongNanos = System.nanoTime();
      Runnable waiter;
      while ((waiter = pongWaiters.poll()) != null) {
        waiter.run();
      }
    }

    @Override
    public void ping(Runnable onPong) {
      if (!isUsable()) {
        return;
      }
      pongWaiters.add(onPong);
      try {
        sendPing();
      } catch (WebsocketNotConnectedException e) {
        pongWaiters.remove(onPong);
      }
    }

    @Override
    public void onError(Exception ex) {
      recordError(ex);
      LOG.debug("[{}] transport error: {}", config.stationId(), ex.toString());
    }

    /** Keeps the first error: later ones are usually consequences (closed socket, wrappers). */
    private synchronized void recordError(Exception ex) {
      if (lastError == null) {
        lastError = ex;
      }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      cancelWatchdog();
      CloseReason why = classify(code, reason == null ? "" : reason, remote);
      boolean byPeer = remote && why.kind() != CloseReason.Kind.CLOSED_LOCALLY;
      if (opened) {
        LOG.info("[{}] disconnected: {} {}", config.stationId(), why.kind(), why.detail());
      } else {
        // A refusal repeats with every attempt; the client logs it once per change.
        if (why.refused()) {
          LOG.debug("[{}] connection refused: {} {}", config.stationId(), why.kind(), why.detail());
        } else {
          LOG.warn("[{}] connection failed: {} {}", config.stationId(), why.kind(), why.detail());
        }
      }
      emit(
          () -> {
            if (finished) {
              return false;
            }
            finished = true;
            return true;
          },
          () -> listener.onClose(why, byPeer));
    }

    private CloseReason classify(int code, String reason, boolean remote) {
      CloseReason preset = forced;
      if (preset != null) {
        return preset;
      }
      Exception error = lastError;
      if (!opened) {
        SSLException ssl = Failures.find(error, SSLException.class);
        if (ssl != null) {
          return new CloseReason(
              CloseReason.Kind.TLS_FAILURE,
              code,
              Failures.describe(ssl)
                  + (tlsEstablished
                      ? " (after our side of the TLS handshake: client certificate refused?)"
                      : ""));
        }
        Matcher status = HTTP_STATUS.matcher(reason);
        if (status.find()) {
          int http = Integer.parseInt(status.group(1));
          return new CloseReason(
              http == 401 || http == 403
                  ? CloseReason.Kind.AUTH_REJECTED
                  : CloseReason.Kind.HANDSHAKE_REJECTED,
              code,
              "CSMS answered the upgrade with HTTP " + http,
              http);
        }
        if (closeRequested) {
          return new CloseReason(CloseReason.Kind.CLOSED_LOCALLY, code, "attempt abandoned");
        }
        if (error != null) {
          return new CloseReason(CloseReason.Kind.UNREACHABLE, code, Failures.describe(error));
        }
        if (code == CloseFrame.PROTOCOL_ERROR) {
          return new CloseReason(CloseReason.Kind.HANDSHAKE_REJECTED, code, reason);
        }
        if (tlsEstablished) {
          // TLS 1.3 completes the client's side of the handshake before the server has checked
          // the client certificate; a refusal then arrives as an alert or a bare close, racing
          // with the upgrade request. No HTTP answer at all after TLS came up means just that.
          return new CloseReason(
              CloseReason.Kind.TLS_FAILURE,
              code,
              "CSMS closed the TLS connection before answering the upgrade"
                  + " (client certificate refused?)");
        }
        return new CloseReason(
            CloseReason.Kind.UNREACHABLE, code, "connection closed during the handshake");
      }
      if (closeRequested) {
        return new CloseReason(CloseReason.Kind.CLOSED_LOCALLY, code, reason);
      }
      if (!remote && code == CloseFrame.ABNORMAL_CLOSE && livenessExpired(reason)) {
        return new CloseReason(
            CloseReason.Kind.LIVENESS_TIMEOUT,
            code,
            "no pong within 1.5 x the ping interval of " + config.pingInterval());
      }
      if (remote && code == CloseFrame.ABNORMAL_CLOSE) {
        return new CloseReason(
            CloseReason.Kind.CONNECTION_LOST,
            code,
            error != null ? Failures.describe(error) : "connection ended without a close frame");
      }
      if (remote) {
        return new CloseReason(CloseReason.Kind.CLOSED_BY_PEER, code, reason);
      }
      return new CloseReason(CloseReason.Kind.PROTOCOL_ERROR, code, reason);
    }

    private boolean livenessExpired(String reason) {
      long interval = config.pingInterval().toNanos();
      if (interval == 0) {
        return false;
      }
      // Java-WebSocket says "did not respond with a pong"; the timing check does not rely on it.
      return reason.contains("pong") || System.nanoTime() - lastPongNanos >= interval * 3 / 2;
    }

    private void cancelWatchdog() {
      TaskScheduler.Cancellable w = watchdog;
      if (w != null) {
        w.cancel();
      }
    }

    private void emit(BooleanSupplier transition, Runnable callback) {
      callbacks.emit(transition, callback);
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }
}
