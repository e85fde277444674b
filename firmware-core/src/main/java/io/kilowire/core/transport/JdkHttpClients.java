package io.kilowire.core.transport;

import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * The JDK {@link HttpClient}s that {@link JdkWebSocketTransport}s share. One client holds any
 * number of WebSockets on one selector thread, so stations share a client per TLS identity (the
 * trusted CAs and the station certificate): a fleet with one identity costs one selector thread,
 * and a small fixed executor on which the JDK reads, decodes and calls the transports back.
 *
 * <p>Per connection the JDK keeps buffers of {@code jdk.httpclient.bufsize} (read, 16 KiB by
 * default), {@code jdk.httpclient.websocket.writeBufferSize} and {@code
 * jdk.httpclient.websocket.intermediateBufferSize} (16 KiB each). These system properties are read
 * once, when the JDK's client classes load; an application holding thousands of connections (the
 * emulator) lowers them at start-up to a few KiB, which OCPP frames fit.
 */
public final class JdkHttpClients implements AutoCloseable {
  private static final String RETRY_CONNECT = "jdk.httpclient.disableRetryConnect";

  static {
    // JDK 17 retries a refused TCP connect once on the already closed channel and reports that
    // (ClosedChannelException) instead of why it failed; we retry with our own back-off anyway.
    // Read once, when the JDK's client classes load; a -D given by the user wins.
    if (System.getProperty(RETRY_CONNECT) == null) {
      System.setProperty(RETRY_CONNECT, "true");
    }
  }

  private static final Object SHARED_LOCK = new Object();
  private static @Nullable JdkHttpClients shared;

  private final ExecutorService executor;
  private final Map<Identity, HttpClient> clients = new ConcurrentHashMap<>();

  /**
   * @param threads the executor's size; one or two serve thousands of connections
   */
  public JdkHttpClients(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread t = new Thread(runnable, "kilowire-websocket-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The process-wide instance, made on first use with up to two threads; its threads are daemons
   * and live as long as the process.
   */
  public static JdkHttpClients shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null) {
        shared = new JdkHttpClients(Math.min(2, Runtime.getRuntime().availableProcessors()));
      }
      return shared;
    }
  }

  /** The client for {@code config}'s TLS identity, made on first use. */
  HttpClient forStation(TransportConfig config) {
    return clients.computeIfAbsent(Identity.of(config), identity -> build(config));
  }

  private HttpClient build(TransportConfig config) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (config.usesTls()) {
      SSLContext context = TlsContexts.forStation(config);
      // The client itself adds endpoint identification (name or IP against the URL) and SNI.
      SSLParameters parameters = context.getDefaultSSLParameters();
      parameters.setProtocols(
          TlsContexts.restrict(context.getSupportedSSLParameters().getProtocols()));
      b.sslContext(context).sslParameters(parameters);
    }
    return b.build();
  }

  /**
   * Stops the executor; the connections of this instance's clients stop being served. The JDK ends
   * a client's selector thread once nothing refers to the client.
   */
  @Override
  public void close() {
    synchronized (SHARED_LOCK) {
      if (this == shared) {
        throw new IllegalStateException("the shared instance lives as long as the process");
      }
    }
    clients.clear();
    executor.shutdownNow();
  }

  /** What tells one client from another: TLS on or off, the CAs, the station certificate. */
  private record Identity(
      boolean tls,
      List<X509Certificate> trusted,
      List<X509Certificate> chain,
      @Nullable PrivateKey key) {
    static Identity of(TransportConfig config) {
      if (!config.usesTls()) {
        return new Identity(false, List.of(), List.of(), null);
      }
      boolean mutual = config.securityProfile() == 3;
      return new Identity(
          true,
          config.trustedCertificates(),
          mutual ? config.clientCertificateChain() : List.of(),
          mutual ? config.clientPrivateKey() : null);
    }
  }
}
