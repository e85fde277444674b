package io.kilowire.core.runtime;

import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.JsonFrameCodec;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.model.Role;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.FrameCodec;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.FrameObserver;
import io.kilowire.core.transport.ObservedTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.RetryBackOff;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.WebSocketTransport;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's OCPP connection in real time: connects with its {@link TransportConfig}, runs an
 * {@link RpcSession} (role station, the negotiated version) per connection and reconnects with
 * {@link RetryBackOff} until {@link #stop()}. The back-off restarts from its minimum after every
 * successful connection; after refusals at the HTTP upgrade (401, 403, 404, ...) it keeps growing
 * up to the config's {@code refusalBackOffLimit}, and the log says so once per change of status.
 *
 * <p>Everything (transport events, the session, its call timeouts, state callbacks) runs on one
 * thread per client, so handlers need no locking. A new session is made per connection because the
 * version may differ; the session configurer runs for each one, before any frame, so handlers
 * registered there survive reconnects.
 */
public final class OcppClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OcppClient.class);

  private final TransportConfig config;
  private final StationThread scheduler;
  private final OcppTransport transport;
  private final RetryBackOff backOff;
  private final FrameCodec codec;
  private final java.util.function.Supplier<Duration> callTimeout;
  private final Consumer<RpcSession> sessionConfigurer;
  private final Consumer<ClientState> stateListener;
  private final ObserverGuard stateListenerGuard;

  private boolean started; // guarded by this
  private boolean stopRequested; // guarded by this
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  // Confined to the scheduler thread, except the volatile fields read by accessors.
  private boolean stopped;
  private boolean attemptActive;
  private boolean reconnectAtOnce;
  private final RefusalNotice refusals = new RefusalNotice();
  private int attempts;
  private int generation;
  private TaskScheduler.@Nullable Cancellable retry;
  private volatile @Nullable RpcSession session;
  private volatile @Nullable ClientState state;

  private OcppClient(Builder b) {
    this.config = b.config;
    this.scheduler =
        b.thread != null
            ? b.thread
            : ExecutorTaskScheduler.singleThread(
                "kilowire-ocpp-" + config.stationId(), Map.of("stationId", config.stationId()));
    OcppTransport link = b.transportFactory.apply(scheduler);
    this.transport =
        b.frameObserver == null
            ? link
            : new ObservedTransport(
                link, b.frameObserver, "frame observer of " + config.stationId());
    this.backOff = RetryBackOff.of(config, b.random);
    this.codec = b.codec;
    this.callTimeout = b.callTimeout;
    this.sessionConfigurer = b.sessionConfigurer;
    this.stateListener = b.stateListener;
    this.stateListenerGuard = new ObserverGuard(LOG, "state listener of " + config.stationId());
  }

  public static Builder builder(TransportConfig config) {
    return new Builder(config);
  }

  public TransportConfig config() {
    return config;
  }

  /** The client's thread as a scheduler: station logic scheduled here needs no locking. */
  public StationThread scheduler() {
    return scheduler;
  }

  /** The session of the open connection, if connected. */
  public Optional<RpcSession> session() {
    return Optional.ofNullable(session);
  }

  /** The last state reported; empty before {@link #start()}. */
  public Optional<ClientState> state() {
    return Optional.ofNullable(state);
  }

  public boolean isConnected() {
    return session != null && transport.isOpen();
  }

  /**
   * Sends a CALL on the current connection; fails with {@link CallFailedException.NotConnected}
   * when there is none.
   */
  public <R extends OcppMessage> CompletableFuture<R> call(OcppMessage request, Class<R> response) {
    RpcSession current = session;
    if (current == null) {
      CompletableFuture<R> failed = new CompletableFuture<>();
      failed.completeExceptionally(
          new CallFailedException.NotConnected(request.getClass().getSimpleName(), "-"));
      return failed;
    }
    return current.call(request, response);
  }

  /**
   * Starts connecting; returns at once.
   *
   * @throws IllegalStateException if already started or stopped
   */
  public synchronized void start() {
    if (started || stopRequested) {
      throw new IllegalStateException(started ? "already started" : "stopped; build a new client");
    }
    started = true;
    scheduler.execute(this::attempt);
  }

  /**
   * Closes the connection, stops reconnecting and releases the thread. Waits up to the connect
   * timeout (plus 2 s) for the connection to close, unless called from the client's own thread.
   * Idempotent.
   */
  public void stop() {
    synchronized (this) {
      stopRequested = true;
    }
    if (!terminated.isDone()) {
      // Dropped if the thread is already shutting down; terminated completes then anyway.
      scheduler.execute(this::beginStop);
    }
    if (scheduler.isCurrentThread()) {
      return;
    }
    try {
      terminated.get(config.connectTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("[{}] stop did not complete cleanly: {}", config.stationId(), e.toString());
      scheduler.close();
      terminated.complete(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.close();
      terminated.complete(null);
    }
  }

  /**
   * As {@link #stop()}, without waiting: the future completes once the connection has closed (or,
   * failing that, after the connect timeout plus 2 s, when the thread is released regardless). For
   * stopping thousands of clients at once on a few threads.
   */
  public CompletableFuture<Void> stopAsync() {
    synchronized (this) {
      stopRequested = true;
    }
    if (!terminated.isDone()) {
      scheduler.execute(this::beginStop);
    }
    return terminated
        .copy()
        .orTimeout(config.connectTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)
        .exceptionally(
            e -> {
              LOG.warn("[{}] stop did not complete cleanly: {}", config.stationId(), e.toString());
              scheduler.close();
              terminated.complete(null);
              return null;
            });
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Closes the connection and connects again at once, as a station that reboots does (a reset): the
   * CSMS sees the connection end and a new one begin. Without a connection the next attempt starts
   * now. The back-off starts again from its minimum. Returns at once.
   */
  public void reconnect() {
    // Queued, so a reconnect asked for while a close is being reported follows it.
    scheduler.execute(this::beginReconnect);
  }

  // ------------------------------------------------------------------ on the scheduler thread

  private void attempt() {
    if (stopped) {
      return;
    }
    retry = null;
    attempts++;
    int gen = ++generation;
    attemptActive = true;
    publish(new ClientState.Connecting(attempts));
    try {
      transport.connect(new Events(gen));
    } catch (RuntimeException e) {
      LOG.error("[{}] could not start a connection attempt", config.stationId(), e);
      closed(gen, CloseReason.of(CloseReason.Kind.UNREACHABLE, e.toString()));
    }
  }

  private void opened(int gen, OcppVersion version) {
    if (gen != generation) {
      return;
    }
    if (stopped) {
      transport.close();
      return;
    }
    backOff.reset();
    if (refusals.ended()) {
      LOG.info("[{}] {} accepts the connection again", config.stationId(), config.connectionUri());
    }
    RpcSession s =
        new RpcSession(
            RpcSession.Config.of(config.stationId(), version, Role.STATION)
                .withCallTimeout(callTimeout.get()),
            codec,
            this::sendFrame,
            scheduler);
    try {
      sessionConfigurer.accept(s);
    } catch (RuntimeException e) {
      LOG.error("[{}] session configurer failed", config.stationId(), e);
    }
    session = s;
    s.connected();
    publish(new ClientState.Connected(version));
  }

  private void sendFrame(String frame) {
    if (!transport.send(frame)) {
      LOG.debug("[{}] frame not sent: connection is not open", config.stationId());
    }
  }

  private void message(int gen, String frame) {
    RpcSession s = session;
    if (gen == generation && s != null) {
      s.onFrame(frame);
    }
  }

  private void closed(int gen, CloseReason reason) {
    if (gen != generation || !attemptActive) {
      return;
    }
    attemptActive = false;
    RpcSession s = session;
    session = null;
    if (s != null) {
      s.disconnected();
    }
    publish(new ClientState.Disconnected(reason));
    if (stopped) {
      finishStop();
      return;
    }
    if (reconnectAtOnce) {
      reconnectAtOnce = false;
      publish(new ClientState.RetryScheduled(Duration.ZERO));
      retry = scheduler.schedule(Duration.ZERO, this::attempt);
      return;
    }
    // A refusal at the upgrade (HTTP 4xx) backs off further each time; see RetryBackOff.
    Duration delay = reason.refused() ? backOff.nextDelayAfterRefusal() : backOff.nextDelay();
    if (refusals.changes(reason)) {
      LOG.warn(
          "[{}] {} refuses the connection with HTTP {} ({}); retrying with a growing back-off,"
              + " next in {} ms",
          config.stationId(),
          config.connectionUri(),
          reason.httpStatus(),
          reason.kind(),
          delay.toMillis());
    }
    publish(new ClientState.RetryScheduled(delay));
    retry = scheduler.schedule(delay, this::attempt);
  }

  private void beginReconnect() {
    if (stopped) {
      return;
    }
    backOff.reset();
    if (attemptActive) {
      reconnectAtOnce = true;
      transport.close(); // closed() starts the next attempt
      return;
    }
    TaskScheduler.Cancellable r = retry;
    if (r != null) {
      r.cancel();
    }
    attempt();
  }

  private void beginStop() {
    if (stopped) {
      return;
    }
    stopped = true;
    TaskScheduler.Cancellable r = retry;
    if (r != null) {
      r.cancel();
      retry = null;
    }
    if (attemptActive) {
      transport.close(); // closed() finishes the stop when the transport reports it
    } else {
      finishStop();
    }
  }

  private void finishStop() {
    publish(new ClientState.Stopped());
    scheduler.close();
    terminated.complete(null);
  }

  private void publish(ClientState next) {
    state = next;
    LOG.debug("[{}] {}", config.stationId(), next);
    stateListenerGuard.run(() -> stateListener.accept(next));
  }

  /** Moves one attempt's transport events onto the client thread, tagged with its generation. */
  private final class Events implements OcppTransport.Listener {
    private final int gen;

    Events(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(OcppVersion negotiated) {
      scheduler.execute(() -> opened(gen, negotiated));
    }

    @Override
    public void onMessage(String frame) {
      scheduler.execute(() -> message(gen, frame));
    }

    @Override
    public void onClose(CloseReason reason, boolean remote) {
      scheduler.execute(() -> closed(gen, reason));
    }
  }

  /**
   * Configures an {@link OcppClient}. Defaults: a {@link WebSocketTransport} on the config; call
   * timeout (MessageTimeout) 30 s; the Jackson codec; {@link RandomGenerator#getDefault()} for the
   * back-off's random part; no session configurer and no state listener.
   */
  public static final class Builder {
    private final TransportConfig config;
    private Function<TaskScheduler, OcppTransport> transportFactory;
    private java.util.function.Supplier<Duration> callTimeout = () -> Duration.ofSeconds(30);
    private FrameCodec codec = JsonFrameCodec.shared();
    private RandomGenerator random = RandomGenerator.getDefault();
    private Consumer<RpcSession> sessionConfigurer = s -> {};
    private Consumer<ClientState> stateListener = s -> {};
    private @Nullable StationThread thread;
    private @Nullable FrameObserver frameObserver;

    private Builder(TransportConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      this.transportFactory = scheduler -> new WebSocketTransport(config, scheduler);
    }

    /** Runs for every new connection's session before any frame: register CALL handlers here. */
    public Builder sessionConfigurer(Consumer<RpcSession> configurer) {
      this.sessionConfigurer = Objects.requireNonNull(configurer, "configurer");
      return this;
    }

    /**
     * Sees every frame sent and received, in wire order (see {@link ObservedTransport}); whatever
     * it throws is logged and ignored, never reaching the connection. Default: none.
     */
    public Builder frameObserver(FrameObserver observer) {
      this.frameObserver = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** Called on the client's thread for every state change; its failures are logged, ignored. */
    public Builder stateListener(Consumer<ClientState> listener) {
      this.stateListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder callTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      this.callTimeout = () -> timeout;
      return this;
    }

    /** The call timeout read anew for each connection's session (e.g. its network profile's). */
    public Builder callTimeout(java.util.function.Supplier<Duration> timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder codec(FrameCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Another transport (e.g. an {@code InMemoryTransport} end); it receives the client's
     * scheduler.
     */
    public Builder transportFactory(Function<TaskScheduler, OcppTransport> factory) {
      this.transportFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * The thread the client (and the station on it) runs on; default: its own real-time thread. The
     * client closes it when it stops.
     */
    public Builder thread(StationThread thread) {
      this.thread = Objects.requireNonNull(thread, "thread");
      return this;
    }

    public OcppClient build() {
      return new OcppClient(this);
    }
  }
}
