package io.kilowire.conformance.wire;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.ConnectionUrl;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.TlsContexts;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.core.transport.WebSocketTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Reaches a CSMS over WebSockets, as a station of the lab configuration: the core's {@link
 * WebSocketTransport} for the cases' connections (subprotocol, HTTP Basic, TLS), and the JDK's
 * WebSocket client for probing an upgrade with credentials no station would send (a user name other
 * than its id).
 */
public final class WebSocketConnector implements CsmsConnector {
  private final URI csms;
  private final OcppVersion version;
  private final TaskScheduler scheduler;
  private final Duration connectTimeout;

  public WebSocketConnector(
      URI csms, OcppVersion version, TaskScheduler scheduler, Duration connectTimeout) {
    this.csms = csms;
    this.version = version;
    this.scheduler = scheduler;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public OcppTransport transport(LabConfiguration.Station station, @Nullable String password) {
    return new WebSocketTransport(config(station, password), scheduler);
  }

  private TransportConfig config(LabConfiguration.Station station, @Nullable String password) {
    int profile = station.securityProfile();
    TransportConfig.Builder b =
        TransportConfig.builder()
            .csmsUrl(csms)
            .stationId(station.id())
            .ocppVersions(version)
            .securityProfile(password == null && profile == 1 ? 0 : profile)
            .basicAuthPassword(profile == 3 ? null : password)
            .pingInterval(Duration.ZERO)
            .connectTimeout(connectTimeout);
    if (station.caCertificate() != null) {
      b.trustedCertificates(station.caCertificate());
    }
    if (profile == 3 && station.clientCertificate() != null && station.clientKey() != null) {
      b.clientCertificate(station.clientCertificate(), station.clientKey());
    }
    return b.build();
  }

  @Override
  public TlsInspector.@Nullable Report inspectTls(
      LabConfiguration.Station station, Duration within) {
    if (!"wss".equalsIgnoreCase(csms.getScheme())) {
      return null;
    }
    return TlsInspector.inspect(
        csms,
        TlsContexts.forStation(
            config(
                station.onProfile(station.securityProfile() == 3 ? 3 : 2),
                "not sent during an inspection")),
        within);
  }

  @Override
  public @Nullable String negotiate(
      LabConfiguration.Station station,
      String user,
      @Nullable String password,
      java.util.List<String> subprotocols,
      Duration within) {
    HttpClient.Builder clientBuilder = HttpClient.newBuilder().connectTimeout(within);
    if ("wss".equalsIgnoreCase(csms.getScheme())) {
      // The station's own trust and client certificate; the Basic header is set below by hand.
      clientBuilder.sslContext(
          TlsContexts.forStation(
              config(
                  station.onProfile(station.securityProfile() == 3 ? 3 : 2),
                  "the header is set by hand")));
    }
    HttpClient client = clientBuilder.build();
    WebSocket.Builder builder =
        client
            .newWebSocketBuilder()
            .subprotocols(
                subprotocols.get(0),
                subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
    if (password != null) {
      String token =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.header("Authorization", "Basic " + token);
    }
    CompletableFuture<Void> closed = new CompletableFuture<>();
    CompletableFuture<WebSocket> attempt =
        builder.buildAsync(
            ConnectionUrl.of(csms, station.id()),
            new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.complete(null);
                return null;
              }

              @Override
              public void onError(WebSocket ws, Throwable error) {
                closed.complete(null);
              }
            });
    try {
      WebSocket socket = attempt.get(within.toMillis(), TimeUnit.MILLISECONDS);
      String selected = socket.getSubprotocol();
      // Close with the handshake and wait for the CSMS's answer: it has then seen this probe
      // open and close, and cannot take the station's next connection for the older one.
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "subprotocol probe");
      try {
        closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // a CSMS that never answers the close: the probe's verdict stands
      } finally {
        socket.abort();
      }
      // Completing the upgrade without a subprotocol and closing is how a CSMS refuses one.
      return subprotocols.contains(selected) ? selected : null;
    } catch (ExecutionException | TimeoutException e) {
      attempt.cancel(true);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
