package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.awaitOutcomes;
import static io.kilowire.core.interop.OcppRpcCsms.awaitResult;
import static io.kilowire.core.interop.OcppRpcCsms.config21;
import static io.kilowire.core.interop.OcppRpcCsms.outcomes;
import static io.kilowire.core.interop.OcppRpcCsms.started;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.hal.FirmwarePublisher;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FirmwareSigning;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transport.Pem;
import io.kilowire.core.transport.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firmware on a 2.1 station beyond the plain update ({@link ReservationFirmwareLogOcpp21IT}) and
 * DownloadFailed ({@link FirmwareUpdateOcppRpcIT}), against ocpp-rpc in strict mode with the 2.1
 * schemas over real sockets on 127.0.0.1, the images from an HTTP server in the test: a signed
 * image from a server that fails first, fetched again after retryInterval, verified and installed;
 * that image and the published one come from locations longer than 2.0.1's 512 characters (2.1
 * allows 2000); a signing certificate the manufacturer did not issue (InvalidCertificate), a
 * signature that does not verify (InvalidSignature), each with its security event;
 * InstallationFailed and InstallVerificationFailed; PublishFirmware / UnpublishFirmware as a local
 * controller that serves the image over HTTP, and a checksum that does not match (InvalidChecksum);
 * an image over HTTPS from a server whose CA the station trusts (a local TLS server with a minted
 * certificate), DownloadFailed from one it does not; with AllowNewSessionsPendingFirmwareUpdate set
 * over the wire, the free EVSE stays Available and starts a session while the installation waits.
 */
class FirmwareOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final byte[] IMAGE = "firmware 2.1, signed".getBytes(StandardCharsets.UTF_8);
  private static final FirmwareSigning SIGNING = FirmwareSigning.around(Instant.now());

  /** An image's path on the test's server: over 2.0.1's 512 characters, within 2.1's 2000. */
  private static final String LONG_PATH = "/" + "d".repeat(622) + "/kw-2.1.bin";

  private HttpServer files;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Long> requestNanos = new CopyOnWriteArrayList<>();
  private final AtomicInteger flakyFailuresLeft = new AtomicInteger(1);
  private final Map<String, byte[]> published = new ConcurrentHashMap<>();

  @BeforeEach
  void serveFiles() throws IOException {
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext("/", this::serve);
    files.start();
  }

  /** The images, the published files, a missing one, and a server failing first under /flaky/. */
  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path);
    requestNanos.add(System.nanoTime());
    byte[] body =
        path.startsWith("/published/")
            ? published.get(path.substring("/published/".length()))
            : path.equals("/missing.bin") ? null : IMAGE;
    if (path.startsWith("/flaky/") && flakyFailuresLeft.getAndDecrement() > 0) {
      exchange.sendResponseHeaders(503, -1);
    } else if (body == null) {
      exchange.sendResponseHeaders(404, -1);
    } else {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  @AfterEach
  void stopServing() {
    files.stop(0);
  }

  @Test
  void aSignedImageFromAServerThatFailsFirstAtALongLocationIsFetchedAgainAndInstalled() {
    String call = update(5, "/flaky" + LONG_PATH, SIGNING.signer, SIGNING.sign(IMAGE), 2, 2);
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    try (NodePeer csms = peer(call);
        StationRuntime station = station(csms, "KW-FW-RETRY-V21", running)) {
      awaitRebootedInto(csms, 5);

      assertThat(statuses(csms, 5))
          .containsSubsequence(
              "Downloading",
              "Downloaded",
              "SignatureVerified",
              "Installing",
              "InstallRebooting",
              "Installed")
          .doesNotContain("DownloadFailed");
      assertThat(requests).containsExactly("/flaky" + LONG_PATH, "/flaky" + LONG_PATH);
      assertThat(Duration.ofNanos(requestNanos.get(1) - requestNanos.get(0)))
          .as("the second attempt waits retryInterval")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      assertThat(outcomes(csms)).containsExactly("Accepted");
      assertThat(station.station().takesFirmwareUpdates()).isTrue();
      assertNoComplaints(csms);
    }
  }

  @Test
  void aForeignCertificateABadSignatureAndFailedInstallationsEndAsOn201() {
    String first =
        update(1, "/kw-2.1.bin", SIGNING.stranger, SIGNING.signAsStranger(IMAGE), 0, 0).toString();
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    try (NodePeer csms = peer(first);
        StationRuntime station = station(csms, "KW-FW-FAIL-V21", running)) {
      awaitCall(
          csms,
          "SecurityEventNotification",
          p -> p.path("type").asText().equals("InvalidFirmwareSigningCertificate"));

      csms.send(update(2, "/kw-2.1.bin", SIGNING.signer, SIGNING.signAsStranger(IMAGE), 0, 0));
      awaitStatus(csms, 2, "InvalidSignature");
      awaitCall(
          csms,
          "SecurityEventNotification",
          p -> p.path("type").asText().equals("InvalidFirmwareSignature"));

      csms.send(update(3, "/install-fails.bin", null, null, 0, 0));
      awaitStatus(csms, 3, "InstallationFailed");
      csms.send(update(4, "/unverifiable.bin", null, null, 0, 0));
      awaitStatus(csms, 4, "InstallVerificationFailed");

      assertThat(outcomes(csms))
          .containsExactly("InvalidCertificate", "Accepted", "Accepted", "Accepted");
      assertThat(statuses(csms, 1)).isEmpty();
      assertThat(statuses(csms, 2))
          .containsExactly("Downloading", "Downloaded", "InvalidSignature");
      assertThat(statuses(csms, 3))
          .containsExactly("Downloading", "Downloaded", "Installing", "InstallationFailed");
      assertThat(statuses(csms, 4)).last().isEqualTo("InstallVerificationFailed");
      assertThat(requests)
          .containsExactly("/kw-2.1.bin", "/install-fails.bin", "/unverifiable.bin");
      assertThat(running.get()).isEqualTo("kw-2.0");
      assertThat(station.station().takesFirmwareUpdates()).isTrue();
      assertNoComplaints(csms);
    }
  }

  @Test
  void anImageIsPublishedOverHttpUnpublishedAndAWrongChecksumPublishesNothing() throws Exception {
    String location = "http://127.0.0.1:" + files.getAddress().getPort() + LONG_PATH;
    try (NodePeer csms = peer(publish(8, location, "00000000000000000000000000000000"));
        StationRuntime station = publishingStation(csms)) {
      awaitPublishStatus(csms, 8, "InvalidChecksum");
      assertThat(station.station().publishesFirmware()).isTrue();

      csms.send(publish(9, location, md5(IMAGE)));
      JsonNode done = awaitPublishStatus(csms, 9, "Published");
      URI served = URI.create(done.path("params").path("location").path(0).asText());
      assertThat(get(served).body()).isEqualTo(IMAGE);

      csms.send(unpublish(md5(IMAGE)));
      csms.send(unpublish(md5(IMAGE)));
      awaitOutcomes(csms, 4);
      assertThat(get(served).statusCode()).isEqualTo(404);

      assertThat(publishStatuses(csms, 8))
          .containsExactly("Downloading", "Downloaded", "InvalidChecksum");
      assertThat(publishStatuses(csms, 9))
          .containsExactly("Downloading", "Downloaded", "ChecksumVerified", "Published");
      assertThat(outcomes(csms))
          .containsExactly("Accepted", "Accepted", "Unpublished", "NoFirmware");
      assertNoComplaints(csms);
    }
  }

  @Test
  void aScheduledUpdateWaitsForItsTimesAndForTheRunningTransactionWithTheFreeEvseClosed() {
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    try (NodePeer csms = peer(null);
        StationRuntime station = station(csms, "KW-FW-WAIT-V21", running)) {
      // Registered: the statuses follow the accepted boot.
      awaitCall(csms, "StatusNotification", p -> p.path("evseId").asInt() == 2);
      station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
      station.call(() -> station.station().plugIn(1));
      awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));

      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      csms.send(update(6, "/kw-2.1.bin", null, null, 0, 0, now.plusSeconds(3), now.plusSeconds(6)));
      awaitStatus(csms, 6, "InstallScheduled");
      awaitCall(
          csms,
          "StatusNotification",
          p ->
              p.path("evseId").asInt() == 2
                  && p.path("connectorStatus").asText().equals("Unavailable"));
      assertThat(statuses(csms, 6))
          .as("the installation waits for the transaction")
          .containsExactly("DownloadScheduled", "Downloading", "Downloaded", "InstallScheduled");

      station.call(() -> station.station().unplug(1));
      awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
      awaitRebootedInto(csms, 6);

      assertThat(statuses(csms, 6))
          .containsExactly(
              "DownloadScheduled",
              "Downloading",
              "Downloaded",
              "InstallScheduled",
              "Installing",
              "InstallRebooting",
              "Installed");
      assertThat(
              indexOf(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended")))
          .isLessThan(
              indexOf(
                  csms,
                  "FirmwareStatusNotification",
                  p -> p.path("status").asText().equals("Installing")));
      assertThat(requests).containsExactly("/kw-2.1.bin");
      assertNoComplaints(csms);
    }
  }

  @Test
  void overHttpsAServerTheStationTrustsGivesTheImageAndAnUntrustedOneDownloadFailed(
      @TempDir Path dir) {
    TestPki pki = TestPki.create(dir, "KW-FW-HTTPS-V21");
    HttpsServer trusted = https(pki.serverContext(pki.server()));
    HttpsServer untrusted = https(pki.serverContext(pki.untrustedServer()));
    // The maker's trust for its file servers: the test CA, as a charger maker gives its own.
    FileTransfers transfers =
        new FileTransfers(WAIT, TlsContexts.trusting(Pem.readCertificates(pki.caCertificate())));
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    try (NodePeer csms = peer(update(10, location(untrusted), null, null, 1, 1));
        StationRuntime station = station(csms, "KW-FW-HTTPS-V21", running, transfers)) {
      awaitStatus(csms, 10, "DownloadFailed");
      assertThat(requests).as("no image leaves a server the station does not trust").isEmpty();

      csms.send(update(11, location(trusted), SIGNING.signer, SIGNING.sign(IMAGE), 0, 0));
      awaitRebootedInto(csms, 11);

      assertThat(statuses(csms, 10)).containsExactly("Downloading", "DownloadFailed");
      assertThat(statuses(csms, 11))
          .containsExactly(
              "Downloading",
              "Downloaded",
              "SignatureVerified",
              "Installing",
              "InstallRebooting",
              "Installed");
      assertThat(requests).containsExactly("/kw-2.1.bin");
      assertThat(outcomes(csms)).containsExactly("Accepted", "Accepted");
      assertThat(station.station().takesFirmwareUpdates()).isTrue();
      assertNoComplaints(csms);
    } finally {
      trusted.stop(0);
      untrusted.stop(0);
    }
  }

  @Test
  void withNewSessionsAllowedTheFreeEvseStaysAvailableAndStartsOneWhileTheInstallationWaits() {
    String allow =
        "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"component\":"
            + "{\"name\":\"ChargingStation\"},\"variable\":"
            + "{\"name\":\"AllowNewSessionsPendingFirmwareUpdate\"},\"attributeValue\":\"true\"}]}}";
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    try (NodePeer csms = peer(allow);
        StationRuntime station = station(csms, "KW-FW-ALLOW-V21", running)) {
      JsonNode set = awaitResult(csms, "SetVariables");
      assertThat(
              set.path("result").path("setVariableResult").path(0).path("attributeStatus").asText())
          .isEqualTo("Accepted");
      awaitCall(csms, "StatusNotification", p -> p.path("evseId").asInt() == 2);
      station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
      station.call(() -> station.station().plugIn(1));
      awaitCall(csms, "TransactionEvent", p -> startedOn(p, 1));

      csms.send(update(12, "/kw-2.1.bin", null, null, 0, 0));
      // Downloaded: the installation waits for the running transaction from then on (the station
      // takes the next command only after that step).
      awaitStatus(csms, 12, "Downloaded");
      station.call(() -> station.station().presentToken(2, "04D5E6F7", "ISO14443"));
      station.call(() -> station.station().plugIn(2));
      awaitCall(csms, "TransactionEvent", p -> startedOn(p, 2));
      assertThat(statuses(csms, 12))
          .as("the installation waits for both transactions")
          .containsExactly("Downloading", "Downloaded");

      station.call(() -> station.station().unplug(1));
      awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
      // The station answers after the first end has been handled: its status is still Downloaded.
      csms.send(TRIGGER_FIRMWARE_STATUS);
      awaitOutcomes(csms, 3);
      assertThat(awaitTriggeredStatus(csms))
          .as("the installation waits for the second transaction")
          .isEqualTo("Downloaded");

      station.call(() -> station.station().unplug(2));
      awaitRebootedInto(csms, 12);

      int installing =
          indexOf(
              csms,
              "FirmwareStatusNotification",
              p -> p.path("status").asText().equals("Installing"));
      assertThat(indexOf(csms, "TransactionEvent", p -> startedOn(p, 2)))
          .isGreaterThan(
              indexOf(
                  csms,
                  "FirmwareStatusNotification",
                  p -> p.path("status").asText().equals("Downloaded")));
      assertThat(
              csms.events().subList(0, installing).stream()
                  .filter(e -> e.path("action").asText().equals("StatusNotification"))
                  .map(e -> e.path("params").path("connectorStatus").asText()))
          .as("no EVSE closed while the installation waited")
          .doesNotContain("Unavailable");
      assertThat(statuses(csms, 12))
          .containsExactly(
              "Downloading",
              "Downloaded",
              "Downloaded", // the triggered one
              "Installing",
              "InstallRebooting",
              "Installed");
      assertNoComplaints(csms);
    }
  }

  // ------------------------------------------------------------------------------ the CSMS

  private static final String TRIGGER_FIRMWARE_STATUS =
      "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":"
          + "\"FirmwareStatusNotification\"}}";

  /**
   * The status the trigger asked for: the third report of update 12 (the station answers first).
   */
  private static String awaitTriggeredStatus(NodePeer csms) {
    csms.await(e -> statuses(csms, 12).size() >= 3, WAIT);
    return statuses(csms, 12).get(2);
  }

  private String update(
      int requestId,
      String path,
      @Nullable X509Certificate certificate,
      @Nullable String signature,
      int retries,
      int retryInterval) {
    return update(
        requestId,
        path,
        certificate,
        signature,
        retries,
        retryInterval,
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        null);
  }

  private String update(
      int requestId,
      String path,
      @Nullable X509Certificate certificate,
      @Nullable String signature,
      int retries,
      int retryInterval,
      Instant retrieve,
      @Nullable Instant install) {
    return "{\"action\":\"UpdateFirmware\",\"params\":{\"requestId\":"
        + requestId
        + (retries > 0 ? ",\"retries\":" + retries + ",\"retryInterval\":" + retryInterval : "")
        + ",\"firmware\":{\"location\":\""
        + (path.startsWith("https://")
            ? path
            : "http://127.0.0.1:" + files.getAddress().getPort() + path)
        + "\",\"retrieveDateTime\":\""
        + retrieve
        + "\""
        + (install == null ? "" : ",\"installDateTime\":\"" + install + "\"")
        + (certificate == null
            ? ""
            : ",\"signingCertificate\":\""
                + FirmwareSigning.pem(certificate).replace("\r", "").replace("\n", "\\n")
                + "\"")
        + (signature == null ? "" : ",\"signature\":\"" + signature + "\"")
        + "}}}";
  }

  /** An HTTPS server on 127.0.0.1 serving the test's files under {@code tls}'s certificate. */
  private HttpsServer https(SSLContext tls) {
    return FirmwareUpdateOcppRpcIT.https(tls, this::serve);
  }

  private static String location(HttpsServer server) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/kw-2.1.bin";
  }

  private static boolean startedOn(JsonNode params, int evse) {
    return params.path("eventType").asText().equals("Started")
        && params.path("evse").path("id").asInt() == evse;
  }

  private static String publish(int requestId, String location, String checksum) {
    return "{\"action\":\"PublishFirmware\",\"params\":{\"requestId\":"
        + requestId
        + ",\"location\":\""
        + location
        + "\",\"checksum\":\""
        + checksum
        + "\"}}";
  }

  private static String unpublish(String checksum) {
    return "{\"action\":\"UnpublishFirmware\",\"params\":{\"checksum\":\"" + checksum + "\"}}";
  }

  private static NodePeer peer(@Nullable String call) {
    return call == null
        ? NodePeer.start("server.js", "--protocol", "ocpp2.1")
        : NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", call);
  }

  private static JsonNode awaitStatus(NodePeer csms, int requestId, String status) {
    return awaitCall(
        csms,
        "FirmwareStatusNotification",
        p -> p.path("requestId").asInt() == requestId && p.path("status").asText().equals(status));
  }

  /** Update {@code requestId} Installed and the station booted again with kw-2.1. */
  private static void awaitRebootedInto(NodePeer csms, int requestId) {
    awaitStatus(csms, requestId, "Installed");
    awaitCall(
        csms,
        "BootNotification",
        p -> p.path("chargingStation").path("firmwareVersion").asText().equals("kw-2.1"));
  }

  private static JsonNode awaitPublishStatus(NodePeer csms, int requestId, String status) {
    return awaitCall(
        csms,
        "PublishFirmwareStatusNotification",
        p -> p.path("requestId").asInt() == requestId && p.path("status").asText().equals(status));
  }

  /** The position of the station's first matching CALL among the peer's events. */
  private static int indexOf(
      NodePeer csms, String action, java.util.function.Predicate<JsonNode> params) {
    List<JsonNode> events = csms.events();
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      if (e.path("event").asText().equals("call")
          && e.path("action").asText().equals(action)
          && params.test(e.path("params"))) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> statuses(NodePeer csms, int requestId) {
    return notifications(csms, "FirmwareStatusNotification", requestId);
  }

  private static List<String> publishStatuses(NodePeer csms, int requestId) {
    return notifications(csms, "PublishFirmwareStatusNotification", requestId);
  }

  private static List<String> notifications(NodePeer csms, String action, int requestId) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().equals("call"))
        .filter(e -> e.path("action").asText().equals(action))
        .map(e -> e.path("params"))
        .filter(p -> p.path("requestId").asInt() == requestId)
        .map(p -> p.path("status").asText())
        .toList();
  }

  // ------------------------------------------------------------------------------ the station

  /** A 2-EVSE 2.1 station installing over HTTP what the test's manufacturer root signed. */
  private static StationRuntime station(NodePeer csms, String id, AtomicReference<String> running) {
    return station(csms, id, running, FileTransfers.shared());
  }

  /** As above, fetching with {@code transfers}. */
  private static StationRuntime station(
      NodePeer csms, String id, AtomicReference<String> running, FileTransfers transfers) {
    LazyHardware hardware = new LazyHardware();
    return started(
        hardware,
        StationRuntime.builder(config21(csms, id), hardware)
            .evses(2)
            .firmwareInstaller(
                FirmwareUpdateOcppRpcIT.installerNamingVersionsByFile(
                    running, List.of(SIGNING.root), transfers)));
  }

  /** A 2.1 station that is a local controller: it serves what it publishes at /published/md5. */
  private StationRuntime publishingStation(NodePeer csms) {
    String id = "KW-FW-PUBLISH-V21";
    FirmwarePublisher publisher =
        new FirmwarePublisher() {
          @Override
          public CompletableFuture<List<URI>> publish(FirmwareInstaller.Image image, String md5) {
            try (InputStream in = image.open()) {
              published.put(md5, in.readAllBytes());
            } catch (IOException e) {
              return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.completedFuture(
                List.of(
                    URI.create(
                        "http://127.0.0.1:" + files.getAddress().getPort() + "/published/" + md5)));
          }

          @Override
          public boolean unpublish(String md5) {
            return published.remove(md5) != null;
          }
        };
    LazyHardware hardware = new LazyHardware();
    return started(
        hardware,
        StationRuntime.builder(config21(csms, id), hardware)
            .firmwareInstaller(
                FirmwareUpdateOcppRpcIT.installerNamingVersionsByFile(
                    new AtomicReference<>("kw-2.0")))
            .firmwarePublisher(publisher));
  }

  private static HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
