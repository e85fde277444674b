package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.testing.TestPki;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Servers and station configurations per security profile, and the handlers both sides use. */
public final class TransportFixtures {
  public static final String STATION = "CP-1";

  /** 2.0.1 passwordString: 16-40 characters. */
  public static final String PASSWORD = "kilowire-test-password-01";

  private TransportFixtures() {}

  /** The station transports; the transport tests run on each. */
  public enum Implementation {
    /** Java-WebSocket, threads per connection: a station on a controller. */
    JAVA_WEBSOCKET,
    /** The JDK's client, no thread per connection: the emulator's many stations. */
    JDK_WEBSOCKET;

    public OcppTransport create(TransportConfig config, TaskScheduler scheduler) {
      return this == JAVA_WEBSOCKET
          ? new WebSocketTransport(config, scheduler)
          : new JdkWebSocketTransport(config, scheduler);
    }

    /** For {@code OcppClient.Builder.transportFactory}. */
    public Function<TaskScheduler, OcppTransport> factory(TransportConfig config) {
      return scheduler -> create(config, scheduler);
    }
  }

  /** A CSMS for {@code profile}: Basic auth for 1-2, TLS for 2-3, client certificates for 3. */
  public static OcppWebSocketServer.Builder server(
      int profile, TestPki pki, TaskScheduler scheduler) {
    OcppWebSocketServer.Builder b =
        OcppWebSocketServer.builder(scheduler)
            .ocppVersions(OcppVersion.V201, OcppVersion.V16)
            .sessionInitializer(TransportFixtures::answerBootAndHeartbeat);
    if (profile == 1 || profile == 2) {
      b.basicAuth(OcppWebSocketServer.BasicAuthenticator.of(Map.of(STATION, PASSWORD)));
    }
    if (profile >= 2) {
      b.tls(pki.serverContext(pki.server()));
    }
    if (profile == 3) {
      b.requireClientCertificate(true);
    }
    return b;
  }

  /** A station configuration for {@code profile} against {@code server}, with short timings. */
  public static TransportConfig.Builder station(
      int profile, TestPki pki, URI server, OcppVersion... versions) {
    TransportConfig.Builder b =
        TransportConfig.builder()
            .csmsUrl(server)
            .stationId(STATION)
            .ocppVersions(versions.length == 0 ? List.of(OcppVersion.V201) : List.of(versions))
            .securityProfile(profile)
            .connectTimeout(Duration.ofSeconds(5))
            .retryBackOff(Duration.ofMillis(100), Duration.ofMillis(50), 2);
    if (profile == 1 || profile == 2) {
      b.basicAuthPassword(PASSWORD);
    }
    if (profile >= 2) {
      b.trustedCertificates(pki.caCertificate());
    }
    if (profile == 3) {
      b.clientCertificate(pki.client().certificate(), pki.client().privateKey());
    }
    return b;
  }

  /**
   * A {@link OcppWebSocketServer.SessionInitializer} installing {@link #answerBootAndHeartbeat}.
   */
  public static void answerBootAndHeartbeat(StationConnection connection, RpcSession session) {
    answerBootAndHeartbeat(session);
  }

  /** CSMS handlers: every BootNotification is accepted, every Heartbeat answered. */
  public static void answerBootAndHeartbeat(RpcSession session) {
    if (session.version() == OcppVersion.V16) {
      session.handle(
          io.kilowire.core.ocpp.v16.BootNotificationRequest.class,
          request ->
              new io.kilowire.core.ocpp.v16.BootNotificationResponse(
                  io.kilowire.core.ocpp.v16.RegistrationStatus.ACCEPTED, Instant.now(), 300));
      session.handle(
          io.kilowire.core.ocpp.v16.HeartbeatRequest.class,
          request -> new io.kilowire.core.ocpp.v16.HeartbeatResponse(Instant.now()));
    } else {
      session.handle(
          io.kilowire.core.ocpp.v201.BootNotificationRequest.class,
          request ->
              io.kilowire.core.ocpp.v201.BootNotificationResponse.of(
                  Instant.now(), 300, io.kilowire.core.ocpp.v201.RegistrationStatus.ACCEPTED));
      session.handle(
          io.kilowire.core.ocpp.v201.HeartbeatRequest.class,
          request -> io.kilowire.core.ocpp.v201.HeartbeatResponse.of(Instant.now()));
    }
  }
}
