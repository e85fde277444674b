package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.testing.TestPki;
import io.kilowire.core.transfer.DownloadingFirmwareInstaller;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transport.Pem;
import io.kilowire.core.transport.TlsContexts;
import io.kilowire.core.transport.TransportConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A firmware update over real sockets on 127.0.0.1: ocpp-rpc in strict mode as the CSMS asks for
 * it, the image comes from an HTTP server in the test, the station downloads it, installs it,
 * reboots into it (a new connection, BootNotification with the new version) and reports every step,
 * also from an HTTPS server whose CA the station trusts (1.6, 2.0.1; 2.1 in {@link
 * FirmwareOcpp21IT}); a missing image is fetched as often as the request allows and ends
 * DownloadFailed.
 */
class FirmwareUpdateOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final byte[] IMAGE = "firmware 2.1".getBytes(StandardCharsets.UTF_8);

  private HttpServer files;
  private final List<String> fetched = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serveTheImage() throws IOException {
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext("/", this::serve);
    files.start();
  }

  /** The image at /kw-2.1.bin, nothing elsewhere. */
  private void serve(HttpExchange exchange) throws IOException {
    fetched.add(exchange.getRequestURI().getPath());
    boolean found = exchange.getRequestURI().getPath().equals("/kw-2.1.bin");
    exchange.sendResponseHeaders(found ? 200 : 404, found ? IMAGE.length : -1);
    if (found) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(IMAGE);
      }
    }
    exchange.close();
  }

  /**
   * An HTTPS server on 127.0.0.1 answering with {@code handler} under {@code tls}'s certificate.
   */
  static HttpsServer https(SSLContext tls, HttpHandler handler) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.createContext("/", handler);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stopServing() {
    files.stop(0);
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void anUpdateIsDownloadedInstalledAndRebootedIntoUnderOcppRpcStrictMode(OcppVersion version) {
    updates(
        version,
        "http://127.0.0.1:" + files.getAddress().getPort() + "/kw-2.1.bin",
        FileTransfers.shared());
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void anUpdateFromAnHttpsServerTheStationTrustsIsInstalled(
      OcppVersion version, @TempDir Path dir) {
    TestPki pki = TestPki.create(dir, "KW-FW-HTTPS");
    HttpsServer server = https(pki.serverContext(pki.server()), this::serve);
    try {
      updates(
          version,
          "https://127.0.0.1:" + server.getAddress().getPort() + "/kw-2.1.bin",
          new FileTransfers(WAIT, TlsContexts.trusting(Pem.readCertificates(pki.caCertificate()))));
    } finally {
      server.stop(0);
    }
  }

  /**
   * {@code version}'s UpdateFirmware for {@code location}: downloaded, installed, rebooted into.
   */
  private void updates(OcppVersion version, String location, FileTransfers transfers) {
    boolean v16 = version == OcppVersion.V16;
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String call =
        v16
            ? "{\"action\":\"UpdateFirmware\",\"params\":{\"location\":\""
                + location
                + "\",\"retrieveDate\":\""
                + now
                + "\"}}"
            : "{\"action\":\"UpdateFirmware\",\"params\":{\"requestId\":5,\"firmware\":"
                + "{\"location\":\""
                + location
                + "\",\"retrieveDateTime\":\""
                + now
                + "\"}}}";
    try (NodePeer csms =
            NodePeer.start("server.js", "--protocol", version.subprotocol(), "--csms-call", call);
        StationRuntime station = station(csms, version, transfers)) {
      for (String status :
          v16
              ? List.of("Downloading", "Downloaded", "Installing", "Installed")
              : List.of(
                  "Downloading", "Downloaded", "Installing", "InstallRebooting", "Installed")) {
        awaitCall(
            csms,
            "FirmwareStatusNotification",
            p ->
                p.path("status").asText().equals(status)
                    && (v16 || p.path("requestId").asInt() == 5));
      }
      awaitCall(
          csms,
          "BootNotification",
          p ->
              (v16 ? p.path("firmwareVersion") : p.path("chargingStation").path("firmwareVersion"))
                  .asText()
                  .equals("kw-2.1"));
      assertThat(fetched).containsExactly("/kw-2.1.bin");
      assertThat(station.station().takesFirmwareUpdates()).isTrue();
      assertNoComplaints(csms);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V201", "V21"})
  void aMissingImageIsTriedAsOftenAsAskedAndEndsDownloadFailed(OcppVersion version) {
    String location = "http://127.0.0.1:" + files.getAddress().getPort() + "/missing.bin";
    String call =
        "{\"action\":\"UpdateFirmware\",\"params\":{\"requestId\":6,\"retries\":1,"
            + "\"retryInterval\":1,\"firmware\":{\"location\":\""
            + location
            + "\",\"retrieveDateTime\":\""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\"}}}";
    try (NodePeer csms =
            NodePeer.start("server.js", "--protocol", version.subprotocol(), "--csms-call", call);
        StationRuntime station = station(csms, version)) {
      awaitCall(
          csms,
          "FirmwareStatusNotification",
          p -> p.path("status").asText().equals("DownloadFailed"));
      assertThat(fetched).containsExactly("/missing.bin", "/missing.bin");
      assertThat(station.station().takesFirmwareUpdates()).isTrue();
      List<String> statuses =
          csms.events().stream()
              .filter(e -> e.path("action").asText().equals("FirmwareStatusNotification"))
              .filter(e -> e.path("event").asText().equals("call"))
              .map(e -> e.path("params").path("status").asText())
              .toList();
      assertThat(statuses).containsExactly("Downloading", "DownloadFailed");
      assertNoComplaints(csms);
    }
  }

  private StationRuntime station(NodePeer csms, OcppVersion version) {
    return station(csms, version, FileTransfers.shared());
  }

  private StationRuntime station(NodePeer csms, OcppVersion version, FileTransfers transfers) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    LazyHardware hardware = new LazyHardware();
    StationRuntime station =
        StationRuntime.builder(
                TransportConfig.builder()
                    .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                    .stationId("KW-FW-" + version.name())
                    .ocppVersions(version)
                    .securityProfile(0)
                    .build(),
                hardware)
            .firmwareInstaller(installerNamingVersionsByFile(running, List.of(), transfers))
            .build();
    hardware.fake = new io.kilowire.core.testing.FakeHardware(station.scheduler());
    station.start();
    return station;
  }

  /** Downloads over HTTP; the image's file name, without ".bin", is the version it installs. */
  static DownloadingFirmwareInstaller installerNamingVersionsByFile(
      AtomicReference<String> running) {
    return installerNamingVersionsByFile(running, List.of());
  }

  /**
   * As {@link #installerNamingVersionsByFile(AtomicReference)}, trusting {@code roots} for the
   * signing certificates; an image named install-fails.bin cannot be written (InstallationFailed)
   * and one named unverifiable.bin fails the installer's own check (InstallVerificationFailed).
   */
  static DownloadingFirmwareInstaller installerNamingVersionsByFile(
      AtomicReference<String> running, List<X509Certificate> roots) {
    return installerNamingVersionsByFile(running, roots, FileTransfers.shared());
  }

  /**
   * As {@link #installerNamingVersionsByFile(AtomicReference, List)}, fetching with {@code
   * transfers}.
   */
  static DownloadingFirmwareInstaller installerNamingVersionsByFile(
      AtomicReference<String> running, List<X509Certificate> roots, FileTransfers transfers) {
    return new DownloadingFirmwareInstaller(
        transfers,
        running::get,
        roots,
        (bytes, from) -> {
          String path = from.getPath();
          String version = path.substring(path.lastIndexOf('/') + 1).replace(".bin", "");
          if (version.equals("install-fails") || version.equals("unverifiable")) {
            return CompletableFuture.failedFuture(
                new FirmwareInstaller.InstallFailure(
                    version + " was not installed", version.equals("unverifiable")));
          }
          running.set(version);
          return CompletableFuture.completedFuture(version);
        });
  }
}
