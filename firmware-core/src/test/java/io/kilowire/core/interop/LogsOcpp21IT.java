package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transfer.HttpLogUploader;
import io.kilowire.core.transport.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log uploads (N01) on a 2.1 station against ocpp-rpc in strict mode with the 2.1 schemas, over
 * 127.0.0.1, to an HTTP server in the test: the security log (with the security event a foreign
 * certificate raised) uploaded; each failure the server names ends in its status (PermissionDenied,
 * BadMessage, UploadFailure; an FTP location NotSupportedOperation); a second request while an
 * upload runs is answered AcceptedCanceled and the first reported AcceptedCanceled.
 */
class LogsOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PASSWORD = "0123456789abcdef0123";

  private HttpServer server;
  private ExecutorService threads;
  private final Map<String, String> stored = new ConcurrentHashMap<>();
  private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CountDownLatch slowReached = new CountDownLatch(1);
  private final CountDownLatch slowReleased = new CountDownLatch(1);

  @BeforeEach
  void acceptLogs() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    threads = Executors.newCachedThreadPool(); // a held upload must not hold the next one
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body = exchange.getRequestBody().readAllBytes();
          requests.add(path);
          int status =
              path.startsWith("/forbidden/")
                  ? 403
                  : path.startsWith("/bad/") ? 400 : path.startsWith("/broken/") ? 500 : 201;
          if (path.startsWith("/slow/")) {
            slowReached.countDown();
            try {
              slowReleased.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if (status == 201) {
            stored.put(path, new String(body, StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    slowReleased.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void theSecurityLogIsUploadedFailuresAreNamedAndASecondRequestCancelsTheFirst() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Instant now = Instant.now();
    // A certificate from an unknown authority: refused with a security event (the log's entry).
    String calls =
        "[{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":"
            + "\"SignChargingStationCertificate\"}},"
            + "{\"action\":\"CertificateSigned\",\"params\":{\"certificateChain\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                SecurityOcpp21IT.foreignChain(now))
            + "}}]";
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(
                  TransportConfig.builder()
                      .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                      .stationId("KW-LOG-21")
                      .ocppVersions(OcppVersion.V21)
                      .securityProfile(1)
                      .basicAuthPassword(PASSWORD)
                      .build(),
                  hardware)
              .logUploader(new HttpLogUploader(FileTransfers.shared()))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        JsonNode event =
            awaitCall(
                csms,
                "SecurityEventNotification",
                p -> p.path("type").asText().equals("InvalidChargingStationCertificate"));
        assertThat(event).isNotNull();

        JsonNode security = getLog(csms, "SecurityLog", 10, base + "/logs/");
        assertThat(security.path("status").asText()).isEqualTo("Accepted");
        assertThat(security.path("filename").asText()).startsWith("security-");
        assertThat(statuses(csms, 10, "Uploaded")).containsExactly("Uploading", "Uploaded");
        assertThat(stored).containsOnlyKeys("/logs/" + security.path("filename").asText());
        assertThat(stored.values().iterator().next())
            .contains("InvalidChargingStationCertificate")
            .doesNotContain("BootNotification"); // the diagnostics log's frames are not in it

        getLog(
            csms,
            "DiagnosticsLog",
            11,
            ",\"retries\":1,\"retryInterval\":1",
            base + "/forbidden/",
            "");
        assertThat(statuses(csms, 11, "PermissionDenied"))
            .containsExactly("Uploading", "PermissionDenied");
        assertThat(requests)
            .as("the first attempt and the one retry asked for")
            .filteredOn(r -> r.startsWith("/forbidden/"))
            .hasSize(2);
        // N01.FR.05: nothing in the window asked for (it starts tomorrow), nothing to upload.
        assertThat(
                getLog(
                        csms,
                        "DiagnosticsLog",
                        9,
                        ",\"retries\":0",
                        base + "/logs/",
                        ",\"oldestTimestamp\":\""
                            + now.plus(Duration.ofDays(1))
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + "\"")
                    .path("status")
                    .asText())
            .isEqualTo("Rejected");
        getLog(csms, "DiagnosticsLog", 12, base + "/bad/");
        assertThat(statuses(csms, 12, "BadMessage")).containsExactly("Uploading", "BadMessage");
        getLog(csms, "DiagnosticsLog", 13, base + "/broken/");
        assertThat(statuses(csms, 13, "UploadFailure"))
            .containsExactly("Uploading", "UploadFailure");
        getLog(csms, "DiagnosticsLog", 14, "ftp://127.0.0.1/logs/");
        assertThat(statuses(csms, 14, "NotSupportedOperation"))
            .containsExactly("Uploading", "NotSupportedOperation");

        // N01.FR.12: a new request while an upload runs cancels it.
        assertThat(getLog(csms, "DiagnosticsLog", 15, base + "/slow/").path("status").asText())
            .isEqualTo("Accepted");
        await().atMost(WAIT).until(() -> slowReached.getCount() == 0);
        assertThat(getLog(csms, "DiagnosticsLog", 16, base + "/logs/").path("status").asText())
            .isEqualTo("AcceptedCanceled");
        assertThat(statuses(csms, 15, "AcceptedCanceled"))
            .containsExactly("Uploading", "AcceptedCanceled");
        assertThat(statuses(csms, 16, "Uploaded")).containsExactly("Uploading", "Uploaded");
        // N01.FR.13: asked for its upload status with none running, the station says Idle.
        csms.send(
            "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":"
                + "\"LogStatusNotification\"}}");
        JsonNode idle =
            awaitCall(csms, "LogStatusNotification", p -> p.path("status").asText().equals("Idle"));
        assertThat(idle.at("/params/requestId").isMissingNode()).isTrue();
      }
      OcppRpcCsms.assertNoComplaints(csms);
    }
  }

  /** Asks for a log over the peer's stdin with no retries; returns the station's answer. */
  private static JsonNode getLog(NodePeer csms, String logType, int requestId, String location) {
    return getLog(csms, logType, requestId, ",\"retries\":0", location, "");
  }

  /**
   * Asks for a log with {@code retries} (the request's retry fields, after a comma) and {@code
   * window} (the log's timestamp fields, after a comma); returns the station's answer.
   */
  private static JsonNode getLog(
      NodePeer csms,
      String logType,
      int requestId,
      String retries,
      String location,
      String window) {
    int before = OcppRpcCsms.count(csms, LogsOcpp21IT::getLogAnswer);
    csms.send(
        "{\"action\":\"GetLog\",\"params\":{\"logType\":\""
            + logType
            + "\",\"requestId\":"
            + requestId
            + retries
            + ",\"log\":{\"remoteLocation\":\""
            + location
            + "\""
            + window
            + "}}}");
    await().atMost(WAIT).until(() -> OcppRpcCsms.count(csms, LogsOcpp21IT::getLogAnswer) > before);
    return csms.events().stream()
        .filter(LogsOcpp21IT::getLogAnswer)
        .skip(before)
        .findFirst()
        .orElseThrow()
        .path("result");
  }

  private static boolean getLogAnswer(JsonNode e) {
    return e.path("event").asText().equals("csmsCallResult")
        && e.path("action").asText().equals("GetLog");
  }

  /** The statuses reported for {@code requestId}, once {@code last} is among them. */
  private static List<String> statuses(NodePeer csms, int requestId, String last) {
    awaitCall(
        csms,
        "LogStatusNotification",
        p -> p.path("requestId").asInt() == requestId && p.path("status").asText().equals(last));
    return csms.events().stream()
        .filter(
            e ->
                e.path("event").asText().equals("call")
                    && e.path("action").asText().equals("LogStatusNotification")
                    && e.at("/params/requestId").asInt() == requestId)
        .map(e -> e.at("/params/status").asText())
        .toList();
  }
}
