package io.kilowire.hardware.coap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site grid meter read over CoAP Observe.
 *
 * <p>The meter observes one resource whose representation is {@code {"ts":"<RFC
 * 3339>","a":[l1,l2,l3],"w":total}} (amps per phase, total watts). Each notification becomes either
 * a {@link GridReading} or a {@link GridFault}; the listener hears about both, and about silence:
 * when no valid reading has arrived for {@link Settings#staleAfter} it is told once that the data
 * is stale. When no notification at all has arrived for that long, the observation is presumed lost
 * (server restarted, relation forgotten) and registered again, with exponential back-off between
 * attempts while the server stays silent.
 *
 * <p>Thread-safe. Listener calls are made one at a time on the meter's own thread.
 */
public final class CoapSiteMeter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CoapSiteMeter.class);

  /**
   * How the meter is reached and judged.
   *
   * @param uri the observed resource, {@code coap://host:port/path}
   * @param staleAfter silence after which the data is stale and the observation is renewed
   * @param minBackoff the first wait between renewals while the server stays silent
   * @param maxBackoff the longest wait between renewals
   * @param localAddress the local UDP address to bind (port 0: any free port)
   * @param maxCurrentA a phase current above this is rejected as out of range
   * @param maxPowerW a total power whose magnitude exceeds this is rejected as out of range
   */
  public record Settings(
      URI uri,
      Duration staleAfter,
      Duration minBackoff,
      Duration maxBackoff,
      InetSocketAddress localAddress,
      double maxCurrentA,
      double maxPowerW) {

    public Settings {
      Objects.requireNonNull(uri, "uri");
      if (!"coap".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not a coap://host[:port]/path URI: " + uri);
      }
      if (staleAfter.isNegative() || staleAfter.isZero()) {
        throw new IllegalArgumentException("staleAfter must be positive");
      }
      if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
        throw new IllegalArgumentException("need 0 < minBackoff <= maxBackoff");
      }
      if (!(maxCurrentA > 0) || !(maxPowerW > 0)) {
        throw new IllegalArgumentException("range limits must be positive");
      }
    }

    /**
     * Defaults for a site meter that publishes about once a second: stale after 10 s, renewals 1 s
     * to 60 s apart, any local port, limits 4000 A per phase and 5 MW (well above any low-voltage
     * connection a charging site has, so only nonsense is rejected).
     */
    public static Settings of(URI uri) {
      return new Settings(
          uri,
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          new InetSocketAddress(0),
          4000,
          5_000_000);
    }

    public Settings withStaleAfter(Duration value) {
      return new Settings(uri, value, minBackoff, maxBackoff, localAddress, maxCurrentA, maxPowerW);
    }

    public Settings withBackoff(Duration min, Duration max) {
      return new Settings(uri, staleAfter, min, max, localAddress, maxCurrentA, maxPowerW);
    }

    public Settings withLocalAddress(InetSocketAddress value) {
      return new Settings(uri, staleAfter, minBackoff, maxBackoff, value, maxCurrentA, maxPowerW);
    }

    public Settings withLimits(double currentA, double powerW) {
      return new Settings(uri, staleAfter, minBackoff, maxBackoff, localAddress, currentA, powerW);
    }
  }

  private final Settings settings;
  private final GridReadingListener listener;
  private final Clock clock;
  private final GridPayload parser;
  private final ScheduledThreadPoolExecutor executor;
  private final CoapEndpoint endpoint;
  private final CoapClient client;
  private final long staleNanos;
  private final long ackTimeoutMs;

  // Guarded by this.
  private @Nullable CoapObserveRelation relation;
  private @Nullable Request registration;
  private int generation;
  private boolean started;
  private boolean closed;
  private long lastNotificationNanos;
  private long lastAttemptNanos;
  private long backoffNanos;
  private long lastReadingNanos;
  private @Nullable GridReading lastReading;
  private boolean stale;
  private long readings;
  private long registrations;
  private final Map<GridFault.Kind, Long> faults = new EnumMap<>(GridFault.Kind.class);

  public CoapSiteMeter(Settings settings, GridReadingListener listener) {
    this(settings, listener, Clock.systemUTC());
  }

  /**
   * @param clock stamps faults and nothing else: silence is measured on the monotonic clock, so a
   *     wall-clock step cannot make data look fresh
   */
  public CoapSiteMeter(Settings settings, GridReadingListener listener, Clock clock) {
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.parser = new GridPayload(settings.maxCurrentA(), settings.maxPowerW());
    this.staleNanos = settings.staleAfter().toNanos();
    this.backoffNanos = settings.minBackoff().toNanos();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "coap-site-meter");
              t.setDaemon(true);
              return t;
            });
    // A silent server must cost a confirmable registration at most a few seconds, not the default
    // ~45 s of retransmissions; the renewal loop here does the retrying.
    this.ackTimeoutMs = Math.max(200, Math.min(2000, settings.minBackoff().toMillis()));
    this.endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(CoapSupport.clientConfiguration(ackTimeoutMs))
            .setInetSocketAddress(settings.localAddress())
            .build();
    this.client = new CoapClient(settings.uri());
    client.setEndpoint(endpoint);
  }

  /** Binds the local endpoint and registers the observation. */
  public synchronized void start() throws IOException {
    if (started || closed) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    started = true;
    endpoint.start();
    long now = System.nanoTime();
    lastNotificationNanos = now;
    lastReadingNanos = now;
    register(now);
    long tickNanos =
        Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(staleNanos / 5, 1_000_000_000L));
    executor.scheduleWithFixedDelay(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    LOG.info("Observing grid meter {} from {}", settings.uri(), endpoint.getAddress());
  }

  /** The local address the meter's endpoint is bound to. */
  public InetSocketAddress localAddress() {
    return endpoint.getAddress();
  }

  /**
   * The last valid reading, or empty when there is none or it is older than {@code staleAfter}.
   * Judged at the call, not at the last check, so a caller never gets data past its bound.
   */
  public synchronized Optional<GridReading> latest() {
    if (stale || System.nanoTime() - lastReadingNanos >= staleNanos) {
      return Optional.empty();
    }
    return Optional.ofNullable(lastReading);
  }

  /** Whether the data is stale now (as last reported to the listener). */
  public synchronized boolean isStale() {
    return stale;
  }

  public synchronized long readingCount() {
    return readings;
  }

  public synchronized long faultCount() {
    return faults.values().stream().mapToLong(Long::longValue).sum();
  }

  public synchronized long faultCount(GridFault.Kind kind) {
    return faults.getOrDefault(kind, 0L);
  }

  /** How many times the observation was registered, the first time included. */
  public synchronized long registrationCount() {
    return registrations;
  }

  /**
   * Stops observing. While the server is answering, it is told to drop the observation first
   * (waiting at most about two ACK timeouts for its answer), so it stops sending at once instead of
   * at its next confirmable notification.
   */
  @Override
  public void close() {
    CoapObserveRelation last;
    @Nullable Request registered;
    boolean live;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      last = relation;
      registered = registration;
      relation = null;
      live = started && System.nanoTime() - lastNotificationNanos < staleNanos;
    }
    if (last != null) {
      last.reactiveCancel();
      if (live && registered != null && registered.getToken() != null) {
        deregister(registered);
      }
    }
    client.shutdown();
    endpoint.destroy();
    executor.shutdownNow();
    LOG.info("Stopped observing grid meter {}", settings.uri());
  }

  /**
   * Sends the deregistration (a GET with Observe=1 and the registration's token) and waits for it:
   * destroying the endpoint with the request still in flight would cut it off mid-exchange.
   */
  private void deregister(Request registered) {
    Request cancel = Request.newGet();
    cancel.setURI(settings.uri());
    cancel.setToken(registered.getToken());
    cancel.setObserveCancel();
    try {
      endpoint.sendRequest(cancel);
      if (cancel.waitForResponse(2 * ackTimeoutMs) == null) {
        LOG.debug("Grid meter {}: no answer to the deregistration", settings.uri());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("Grid meter {}: deregistration failed", settings.uri(), e);
    }
  }

  // ------------------------------------------------------------------------------ internals

  private void register(long now) {
    CoapObserveRelation old = relation;
    if (old != null) {
      // Local cancel only: the old server is presumed gone, so nothing is sent to it.
      old.reactiveCancel();
    }
    int gen = ++generation;
    Request request = Request.newGet();
    request.setURI(settings.uri());
    request.setObserve();
    registrations++;
    lastAttemptNanos = now;
    registration = request;
    relation = client.observe(request, new Handler(gen));
  }

  private synchronized void tick() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (!stale && now - lastReadingNanos >= staleNanos) {
      stale = true;
      Duration silent = Duration.ofNanos(now - lastReadingNanos);
      GridReading last = lastReading;
      @Nullable Instant lastAt = last == null ? null : last.at();
      LOG.warn("Grid meter {}: no valid reading for {}: data is stale", settings.uri(), silent);
      dispatch(() -> listener.stale(lastAt, silent));
    }
    if (now - lastNotificationNanos >= staleNanos && now - lastAttemptNanos >= backoffNanos) {
      LOG.info(
          "Grid meter {}: silent for {}, registering the observation again",
          settings.uri(),
          Duration.ofNanos(now - lastNotificationNanos));
      register(now);
      backoffNanos = Math.min(backoffNanos * 2, settings.maxBackoff().toNanos());
    }
  }

  private synchronized void notification(int gen, CoapResponse response) {
    if (closed || gen != generation) {
      return; // a late answer to a relation already given up
    }
    long now = System.nanoTime();
    lastNotificationNanos = now;
    backoffNanos = settings.minBackoff().toNanos();
    if (!response.isSuccess()) {
      fault(GridFault.Kind.ERROR_RESPONSE, "response " + response.getCode());
      return;
    }
    GridReading reading;
    try {
      reading = parser.parse(response.getPayload());
    } catch (GridPayload.Rejected e) {
      fault(e.kind, e.getMessage());
      return;
    }
    GridReading last = lastReading;
    if (last != null && !reading.at().isAfter(last.at())) {
      // A renewed observation first repeats the current state; UDP may also reorder. Either way
      // the listener only ever sees time move forward. A reading clearly older than the last one
      // is worth a warning: a meter whose clock was set back stays stale until it catches up.
      if (reading.at().isBefore(last.at())) {
        LOG.warn(
            "Grid meter {}: reading at {} is older than the last one at {}, dropped",
            settings.uri(),
            reading.at(),
            last.at());
      } else {
        LOG.debug("Grid meter {}: repeated reading at {} dropped", settings.uri(), reading.at());
      }
      return;
    }
    lastReading = reading;
    lastReadingNanos = now;
    stale = false;
    readings++;
    dispatch(() -> listener.reading(reading));
  }

  private void fault(GridFault.Kind kind, String detail) {
    faults.merge(kind, 1L, Long::sum);
    GridFault fault = new GridFault(clock.instant(), kind, detail);
    LOG.warn("Grid meter {}: {} notification rejected: {}", settings.uri(), kind, detail);
    dispatch(() -> listener.fault(fault));
  }

  private void dispatch(Runnable call) {
    executor.execute(
        () -> {
          try {
            call.run();
          } catch (RuntimeException e) {
            LOG.error("Grid reading listener failed", e);
          }
        });
  }

  private final class Handler implements CoapHandler {
    private final int gen;

    Handler(int gen) {
      this.gen = gen;
    }

    @Override
    public void onLoad(CoapResponse response) {
      notification(gen, response);
    }

    @Override
    public void onError() {
      // Timed out or refused: the renewal loop tries again once its back-off has passed.
      LOG.debug("Grid meter {}: observation request failed", settings.uri());
    }
  }
}
