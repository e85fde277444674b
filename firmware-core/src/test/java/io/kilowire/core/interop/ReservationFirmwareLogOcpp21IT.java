package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transfer.DownloadingFirmwareInstaller;
import io.kilowire.core.transfer.FileTransfers;
import io.kilowire.core.transfer.HttpLogUploader;
import io.kilowire.core.transport.TransportConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reservations, firmware updates and log uploads of a 2.1 station against ocpp-rpc in strict mode
 * with the 2.1 schemas, over real sockets on 127.0.0.1 (the files over HTTP from a server in the
 * test). 2.1's new GetLog kind, DataCollectorLog, which the station does not keep, is answered with
 * a CALLERROR NotSupported naming logType rather than an upload of something else.
 */
class ReservationFirmwareLogOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TOKEN = "04A1B2C3";
  private static final byte[] IMAGE = "firmware 2.1".getBytes(StandardCharsets.UTF_8);

  private HttpServer files;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> uploaded = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serveFiles() throws IOException {
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(exchange.getRequestMethod() + " " + path);
          if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/logs/")) {
            uploaded.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, -1);
          } else if (path.equals("/kw-2.1.bin")) {
            exchange.sendResponseHeaders(200, IMAGE.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(IMAGE);
            }
          } else {
            exchange.sendResponseHeaders(404, -1);
          }
          exchange.close();
        });
    files.start();
  }

  @AfterEach
  void stopServing() {
    files.stop(0);
  }

  @Test
  void reservationsAreHeldUsedCancelledAndExpire() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String calls =
        "[{\"action\":\"ReserveNow\",\"params\":{\"id\":1,\"expiryDateTime\":\""
            + now.plus(Duration.ofHours(1))
            + "\",\"idToken\":{\"idToken\":\""
            + TOKEN
            + "\",\"type\":\"ISO14443\"},\"evseId\":1}},"
            + "{\"action\":\"ReserveNow\",\"params\":{\"id\":2,\"expiryDateTime\":\""
            + now.plus(Duration.ofSeconds(4))
            + "\",\"idToken\":{\"idToken\":\"0A0B0C0D\",\"type\":\"ISO14443\"},\"evseId\":2}},"
            + "{\"action\":\"CancelReservation\",\"params\":{\"reservationId\":3}}]";
    try (NodePeer csms = peer(calls);
        StationRuntime station = station(csms, "KW-RESERVE-V21", null)) {
      await()
          .atMost(WAIT)
          .until(() -> count(csms, e -> e.path("event").asText().equals("csmsCallResult")) == 3);
      for (int evse : new int[] {1, 2}) {
        awaitCall(
            csms,
            "StatusNotification",
            p ->
                p.path("evseId").asInt() == evse
                    && p.path("connectorStatus").asText().equals("Reserved"));
      }

      station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
      awaitCall(csms, "Authorize", p -> true);
      station.call(() -> station.station().plugIn(1));
      awaitCall(
          csms,
          "TransactionEvent",
          p ->
              p.path("eventType").asText().equals("Started")
                  && p.path("reservationId").asInt() == 1);
      awaitCall(
          csms,
          "ReservationStatusUpdate",
          p ->
              p.path("reservationId").asInt() == 2
                  && p.path("reservationUpdateStatus").asText().equals("Expired"));
      awaitCall(
          csms,
          "StatusNotification",
          p ->
              p.path("evseId").asInt() == 2
                  && p.path("connectorStatus").asText().equals("Available"));
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("csmsCallResult"))
          .extracting(e -> e.path("result").path("status").asText())
          .containsExactly("Accepted", "Accepted", "Rejected");
      assertNoComplaints(csms);
    }
  }

  @Test
  void anUpdateIsDownloadedInstalledAndRebootedInto() {
    String call =
        "{\"action\":\"UpdateFirmware\",\"params\":{\"requestId\":5,\"firmware\":{\"location\":\""
            + "http://127.0.0.1:"
            + files.getAddress().getPort()
            + "/kw-2.1.bin\",\"retrieveDateTime\":\""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\"}}}";
    AtomicReference<String> running = new AtomicReference<>("kw-2.0");
    try (NodePeer csms = peer(call);
        StationRuntime station = station(csms, "KW-FW-V21", running)) {
      for (String status :
          List.of("Downloading", "Downloaded", "Installing", "InstallRebooting", "Installed")) {
        awaitCall(
            csms,
            "FirmwareStatusNotification",
            p -> p.path("status").asText().equals(status) && p.path("requestId").asInt() == 5);
      }
      awaitCall(
          csms,
          "BootNotification",
          p -> p.path("chargingStation").path("firmwareVersion").asText().equals("kw-2.1"));
      assertThat(requests).containsExactly("GET /kw-2.1.bin");
      assertThat(station.station().takesFirmwareUpdates()).isTrue();
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("csmsCallResult"))
          .extracting(e -> e.path("result").path("status").asText())
          .containsExactly("Accepted");
      assertNoComplaints(csms);
    }
  }

  @Test
  void theDiagnosticsLogIsUploadedAndADataCollectorLogIsNotSupported() {
    String location = "http://127.0.0.1:" + files.getAddress().getPort() + "/logs/";
    String calls =
        "["
            + getLog("DataCollectorLog", 3, location)
            + ","
            + getLog("DiagnosticsLog", 4, location)
            + "]";
    try (NodePeer csms = peer(calls);
        StationRuntime station = station(csms, "KW-LOG-V21", null)) {
      awaitCall(
          csms,
          "LogStatusNotification",
          p -> p.path("status").asText().equals("Uploading") && p.path("requestId").asInt() == 4);
      awaitCall(
          csms,
          "LogStatusNotification",
          p -> p.path("status").asText().equals("Uploaded") && p.path("requestId").asInt() == 4);

      JsonNode refused =
          csms.events().stream()
              .filter(e -> e.path("event").asText().equals("csmsCallError"))
              .findFirst()
              .orElseThrow();
      assertThat(refused.path("code").asText()).isEqualTo("NotSupported");
      assertThat(refused.path("error").asText()).contains("logType").contains("DataCollectorLog");
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("csmsCallResult"))
          .extracting(e -> e.path("result").path("status").asText())
          .containsExactly("Accepted");
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0)).startsWith("PUT /logs/diagnostics-");
      assertThat(uploaded.get(0)).contains("BootNotification");
      assertThat(station.station().uploadsLogs()).isTrue();
      assertThat(count(csms, e -> e.path("params").path("requestId").asInt() == 3)).isZero();
      // The refusal is the session's one CALLERROR; nothing else broke a schema or a rule.
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(csms.events())
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .filteredOn(
              e ->
                  e.path("event").asText().equals("frame")
                      && e.path("frame").asText().startsWith("[4,"))
          .hasSize(1);
    }
  }

  private static String getLog(String logType, int requestId, String location) {
    return "{\"action\":\"GetLog\",\"params\":{\"logType\":\""
        + logType
        + "\",\"requestId\":"
        + requestId
        + ",\"retries\":0,\"log\":{\"remoteLocation\":\""
        + location
        + "\"}}}";
  }

  private static NodePeer peer(String calls) {
    return NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", calls);
  }

  /** A 2-EVSE 2.1 station that uploads logs and, given the running version, installs firmware. */
  private static StationRuntime station(
      NodePeer csms, String id, @Nullable AtomicReference<String> running) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    LazyHardware hardware = new LazyHardware();
    StationRuntime.Builder builder =
        StationRuntime.builder(
                TransportConfig.builder()
                    .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                    .stationId(id)
                    .ocppVersions(OcppVersion.V21)
                    .securityProfile(0)
                    .build(),
                hardware)
            .evses(2)
            .logUploader(new HttpLogUploader(FileTransfers.shared()));
    if (running != null) {
      builder.firmwareInstaller(
          new DownloadingFirmwareInstaller(
              FileTransfers.shared(),
              running::get,
              List.of(),
              (bytes, from) -> {
                String path = from.getPath();
                String version = path.substring(path.lastIndexOf('/') + 1).replace(".bin", "");
                running.set(version);
                return CompletableFuture.completedFuture(version);
              }));
    }
    StationRuntime station = builder.build();
    hardware.fake = new FakeHardware(station.scheduler());
    station.start();
    return station;
  }
}
