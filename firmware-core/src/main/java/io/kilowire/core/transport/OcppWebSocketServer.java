package io.kilowire.core.transport;

import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.scheduling.TaskScheduler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.SSLParametersWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSMS side of OCPP-J on Java-WebSocket's NIO server (about ten threads however many stations
 * connect): for the emulator's sandbox CSMS, the conformance suite and tests.
 *
 * <ul>
 *   <li>Accepts {@code <path>/<stationId>}; the id is percent-decoded. Other paths, and stations
 *       the optional {@code knownStations} filter refuses, get HTTP 404.
 *   <li>Negotiates the subprotocol in the server's order of preference. A client offering none of
 *       them completes the handshake without the header and is then closed (1008), as OCPP-J asks;
 *       Java-WebSocket would otherwise answer HTTP 404.
 *   <li>Optional HTTP Basic check before the upgrade: HTTP 401 on a missing or wrong password or a
 *       user name that is not the station id.
 *   <li>Optional TLS (1.2/1.3), with client certificates required for profile 3.
 *   <li>Per connection an {@link RpcSession} in role CSMS with the negotiated version; the caller's
 *       {@link SessionInitializer} registers handlers before any frame is processed.
 * </ul>
 *
 * A station that connects again replaces its previous connection, which is closed.
 */
public final class OcppWebSocketServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OcppWebSocketServer.class);
  private static final byte[] HTTP_401 =
      ("HTTP/1.1 401 Unauthorized\r\n"
              + "WWW-Authenticate: Basic realm=\"OCPP\", charset=\"UTF-8\"\r\n"
              + "Content-Length: 0\r\n"
              + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  /** Connections the kernel may hold for the server before it accepts them. */
  private static final int ACCEPT_BACKLOG = 4096;

  private final Builder config;
  private final String path;
  private final Endpoint endpoint;
  private final Map<String, Connection> stations = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final ObserverGuard listenerGuard = new ObserverGuard(LOG, "server listener");

  private OcppWebSocketServer(Builder config) {
    this.config = config;
    this.path = normalisePath(config.path);
    this.endpoint = new Endpoint();
  }

  /** A builder; {@code scheduler} runs the RPC sessions' call timeouts. */
  public static Builder builder(TaskScheduler scheduler) {
    return new Builder(scheduler);
  }

  /**
   * Binds and starts accepting; returns once the port is bound.
   *
   * @throws IllegalStateException if the address cannot be bound
   */
  public OcppWebSocketServer start() {
    endpoint.start();
    try {
      started.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot start on " + config.bind + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("server did not start within 10 s on " + config.bind, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
    LOG.info("OCPP server listening on {} ({})", uri(), config.versions);
    return this;
  }

  /** The bound port (the real one when bound to port 0). */
  public int port() {
    return endpoint.getPort();
  }

  /** The base URL stations connect to, without a station id. */
  public URI uri() {
    String host = config.bind.getHostString();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    String base = path.equals("/") ? "" : path.substring(0, path.length() - 1);
    return URI.create((config.tls != null ? "wss" : "ws") + "://" + host + ":" + port() + base);
  }

  /** The open connection of a station, if any. */
  public Optional<StationConnection> connection(String stationId) {
    return Optional.ofNullable(stations.get(stationId));
  }

  public Collection<StationConnection> connections() {
    return List.copyOf(stations.values());
  }

  /** Closes every connection (1001 going away) and releases the port. */
  public void stop() {
    try {
      endpoint.stop(2000, "server stopping");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static String normalisePath(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.endsWith("/") ? p : p + "/";
  }

  private Draft draft() {
    List<IProtocol> protocols = new ArrayList<>();
    for (OcppVersion v : config.versions) {
      protocols.add(new Protocol(v.subprotocol()));
    }
    // Without the empty protocol Java-WebSocket answers an unmatched offer with HTTP 404; with it
    // the handshake completes without the header and onOpen closes the connection.
    protocols.add(new Protocol(""));
    return new Draft_6455(List.of(), protocols);
  }

  /** The station id of a request path, or null if the path is not {@code <path>/<id>}. */
  private @Nullable String stationIdOf(String resource) {
    int query = resource.indexOf('?');
    String raw = query >= 0 ? resource.substring(0, query) : resource;
    if (!raw.startsWith(path)) {
      return null;
    }
    String segment = raw.substring(path.length());
    if (segment.isEmpty() || segment.indexOf('/') >= 0) {
      return null;
    }
    try {
      return ConnectionUrl.decodeSegment(segment);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean checkBasicAuth(
      String header, String stationId, BasicAuthenticator authenticator) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    return user.equals(stationId) && authenticator.accept(stationId, password);
  }

  private static void refuseUnauthorized(WebSocket conn, String detail)
      throws InvalidDataException {
    // Java-WebSocket 1.6.0 answers every refused handshake with HTTP 404. Queue a 401 first: the
    // client reads it as the answer and the 404 behind it is never parsed (Connection: close).
    if (conn instanceof WebSocketImpl) {
      ((WebSocketImpl) conn).outQueue.add(ByteBuffer.wrap(HTTP_401));
    }
    throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, detail);
  }

  /** The Java-WebSocket server behind this class. */
  private final class Endpoint extends WebSocketServer {
    Endpoint() {
      super(config.bind, List.of(draft()));
      setReuseAddr(true); // a restarted CSMS gets its port back despite TIME_WAIT
      // The JDK's default accept backlog (50) overflows when a fleet connects at hundreds per
      // second or reconnects after a restart: dropped SYNs come back only after 1, 3, 7 s.
      setMaxPendingConnections(ACCEPT_BACKLOG);
      setDaemon(true);
      setTcpNoDelay(true);
      setConnectionLostTimeout((int) config.pingInterval.getSeconds());
      SSLContext tls = config.tls;
      if (tls != null) {
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setProtocols(
            TlsContexts.restrict(tls.getSupportedSSLParameters().getProtocols()));
        parameters.setNeedClientAuth(config.requireClientCertificate);
        setWebSocketFactory(new SSLParametersWebSocketServerFactory(tls, parameters));
      }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
        WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
      String resource = request.getResourceDescriptor();
      String stationId = stationIdOf(resource);
      if (stationId == null) {
        LOG.info("refused upgrade for {}: not {}<stationId>", resource, path);
        throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown path " + resource);
      }
      if (!config.knownStations.test(stationId)) {
        LOG.info("[{}] refused upgrade: unknown station", stationId);
        throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown station");
      }
      BasicAuthenticator authenticator = config.authenticator;
      if (authenticator != null) {
        String header = request.getFieldValue("Authorization");
        if (header.isEmpty()) {
          LOG.info("[{}] refused upgrade: no Authorization header", stationId);
          refuseUnauthorized(conn, "missing credentials");
        }
        if (!checkBasicAuth(header, stationId, authenticator)) {
          LOG.info("[{}] refused upgrade: wrong credentials", stationId);
          refuseUnauthorized(conn, "wrong credentials");
        }
      }
      conn.setAttachment(stationId);
      return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      String stationId = conn.getAttachment();
      IProtocol protocol = conn.getProtocol();
      Optional<OcppVersion> version =
          protocol == null
              ? Optional.empty()
              : OcppVersion.fromSubprotocol(protocol.getProvidedProtocol());
      if (stationId == null || version.isEmpty()) {
        LOG.info(
            "[{}] no common OCPP version (offered '{}'); closing",
            stationId,
            handshake.getFieldValue("Sec-WebSocket-Protocol"));
        conn.close(
            CloseFrame.POLICY_VALIDATION, "no common OCPP version; this CSMS speaks " + tokens());
        return;
      }
      Connection connection = new Connection(conn, stationId, version.get());
      conn.setAttachment(connection);
      try {
        config.initializer.initialize(connection, connection.session);
      } catch (RuntimeException e) {
        LOG.error("[{}] session initializer failed; closing", stationId, e);
        conn.close(CloseFrame.UNEXPECTED_CONDITION, "CSMS could not set up the session");
        return;
      }
      Connection previous = stations.put(stationId, connection);
      if (previous != null) {
        LOG.info("[{}] connected again; closing the previous connection", stationId);
        previous.close(CloseFrame.NORMAL, "replaced by a new connection");
      }
      connection.session.connected();
      LOG.info("[{}] connected using {}", stationId, version.get().subprotocol());
      notifyListener(() -> config.listener.onConnected(connection));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      Object attachment = conn.getAttachment();
      if (attachment instanceof Connection) {
        ((Connection) attachment).session.onFrame(message);
      }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
      LOG.warn("ignored a binary frame; OCPP-J is text only");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      Object attachment = conn.getAttachment();
      if (!(attachment instanceof Connection)) {
        return;
      }
      Connection connection = (Connection) attachment;
      stations.remove(connection.stationId, connection);
      connection.session.disconnected();
      CloseReason why = classify(code, reason == null ? "" : reason, remote);
      LOG.info("[{}] disconnected: {} {} {}", connection.stationId, why.kind(), code, reason);
      notifyListener(() -> config.listener.onDisconnected(connection, why));
    }

    @Override
    public void onError(@Nullable WebSocket conn, Exception ex) {
      if (conn == null) {
        started.completeExceptionally(ex);
        LOG.error("OCPP server failed", ex);
      } else {
        LOG.debug("connection error from {}: {}", conn.getRemoteSocketAddress(), ex.toString());
      }
    }

    @Override
    public void onStart() {
      started.complete(null);
    }
  }

  private static CloseReason classify(int code, String reason, boolean remote) {
    if (remote) {
      return new CloseReason(
          code == CloseFrame.ABNORMAL_CLOSE
              ? CloseReason.Kind.CONNECTION_LOST
              : CloseReason.Kind.CLOSED_BY_PEER,
          code,
          reason);
    }
    if (code == CloseFrame.ABNORMAL_CLOSE && reason.contains("pong")) {
      return new CloseReason(CloseReason.Kind.LIVENESS_TIMEOUT, code, reason);
    }
    return new CloseReason(CloseReason.Kind.CLOSED_LOCALLY, code, reason);
  }

  private String tokens() {
    List<String> tokens = new ArrayList<>();
    for (OcppVersion v : config.versions) {
      tokens.add(v.subprotocol());
    }
    return String.join(", ", tokens);
  }

  private void notifyListener(Runnable call) {
    listenerGuard.run(call);
  }

  private final class Connection implements StationConnection {
    final WebSocket conn;
    final String stationId;
    final OcppVersion version;
    final RpcSession session;

    Connection(WebSocket conn, String stationId, OcppVersion version) {
      this.conn = conn;
      this.stationId = stationId;
      this.version = version;
      this.session =
          new RpcSession(
              RpcSession.Config.of(stationId, version, Role.CSMS)
                  .withCallTimeout(config.callTimeout),
              config.codec,
              this::send,
              config.scheduler);
    }

    private void send(String frame) {
      try {
        conn.send(frame);
      } catch (WebsocketNotConnectedException e) {
        LOG.debug("[{}] frame dropped: connection closed", stationId);
      }
    }

    @Override
    public String stationId() {
      return stationId;
    }

    @Override
    public OcppVersion version() {
      return version;
    }

    @Override
    public RpcSession session() {
      return session;
    }

    @Override
    public @Nullable InetSocketAddress remoteAddress() {
      return conn.getRemoteSocketAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
      return conn.hasSSLSupport() ? Optional.of(conn.getSSLSession()) : Optional.empty();
    }

    @Override
    public boolean isOpen() {
      return conn.isOpen();
    }

    @Override
    public void close() {
      close(CloseFrame.NORMAL, "");
    }

    @Override
    public void close(int code, String reason) {
      conn.close(code, reason);
    }

    @Override
    public String toString() {
      return "StationConnection[" + stationId + ", " + version.subprotocol() + "]";
    }
  }

  /** Checks a station's HTTP Basic password (profiles 1 and 2). */
  @FunctionalInterface
  public interface BasicAuthenticator {
    boolean accept(String stationId, String password);

    /** Accepts the passwords of a fixed table; compares in constant time. */
    static BasicAuthenticator of(Map<String, String> passwords) {
      Map<String, String> copy = Map.copyOf(passwords);
      return (id, password) -> {
        String expected = copy.get(id);
        return expected != null
            && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
      };
    }
  }

  /** Prepares each new connection's session, e.g. registers its CALL handlers. */
  @FunctionalInterface
  public interface SessionInitializer {
    void initialize(StationConnection connection, RpcSession session);
  }

  /** Connection events; callbacks run on the server's worker threads. */
  public interface Listener {
    default void onConnected(StationConnection connection) {}

    default void onDisconnected(StationConnection connection, CloseReason reason) {}
  }

  /**
   * Configures an {@link OcppWebSocketServer}. Defaults: bind 127.0.0.1 on an ephemeral port;
   * versions 2.0.1 then 1.6; path "/"; every station id accepted; no Basic auth; plain ws; ping
   * interval 60 s (dead stations are dropped after 1.5-2.5 x that); call timeout 30 s; the Jackson
   * codec; a session initializer and listener that do nothing.
   */
  public static final class Builder {
    private final TaskScheduler scheduler;
    private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
    private List<OcppVersion> versions = List.of(OcppVersion.V201, OcppVersion.V16);
    private String path = "/";
    private Predicate<String> knownStations = id -> true;
    private @Nullable BasicAuthenticator authenticator;
    private @Nullable SSLContext tls;
    private boolean requireClientCertificate;
    private Duration pingInterval = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofSeconds(30);
    private FrameCodec codec = new JsonFrameCodec();
    private SessionInitializer initializer = (connection, session) -> {};
    private Listener listener = new Listener() {};

    private Builder(TaskScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    private Builder(Builder other) {
      this.scheduler = other.scheduler;
      this.bind = other.bind;
      this.versions = other.versions;
      this.path = other.path;
      this.knownStations = other.knownStations;
      this.authenticator = other.authenticator;
      this.tls = other.tls;
      this.requireClientCertificate = other.requireClientCertificate;
      this.pingInterval = other.pingInterval;
      this.callTimeout = other.callTimeout;
      this.codec = other.codec;
      this.initializer = other.initializer;
      this.listener = other.listener;
    }

    public Builder bind(InetSocketAddress address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The versions this CSMS speaks, in its order of preference (the server's order wins). */
    public Builder ocppVersions(OcppVersion... versions) {
      if (versions.length == 0) {
        throw new IllegalArgumentException("ocppVersions must not be empty");
      }
      this.versions = List.copyOf(Arrays.asList(versions));
      return this;
    }

    /** The path before the station id, e.g. "/ocpp" for {@code ws://host/ocpp/<id>}. */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Refuses (HTTP 404) station ids this predicate rejects. */
    public Builder knownStations(Predicate<String> known) {
      this.knownStations = Objects.requireNonNull(known, "known");
      return this;
    }

    /** Requires HTTP Basic credentials checked by {@code authenticator} (profiles 1 and 2). */
    public Builder basicAuth(BasicAuthenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /** Serves wss:// with this context (see {@link TlsContexts#forServer}). */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Profile 3: the TLS handshake fails unless the station presents a trusted certificate. */
    public Builder requireClientCertificate(boolean require) {
      this.requireClientCertificate = require;
      return this;
    }

    /** Whole seconds; zero turns server pings and dead-connection checks off. */
    public Builder pingInterval(Duration interval) {
      if (interval.isNegative() || interval.getNano() != 0) {
        throw new IllegalArgumentException(
            "pingInterval must be whole, non-negative seconds: " + interval);
      }
      this.pingInterval = interval;
      return this;
    }

    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder codec(FrameCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder sessionInitializer(SessionInitializer initializer) {
      this.initializer = Objects.requireNonNull(initializer, "initializer");
      return this;
    }

    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public OcppWebSocketServer build() {
      if (requireClientCertificate && tls == null) {
        throw new IllegalArgumentException("requireClientCertificate needs tls(...)");
      }
      return new OcppWebSocketServer(new Builder(this)); // later builder changes do not leak in
    }
  }
}
