package io.kilowire.core.interop;

import static io.kilowire.core.interop.ReservationOcppRpcIT.assertNoComplaints;
import static io.kilowire.core.interop.ReservationOcppRpcIT.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Log uploads over real sockets on 127.0.0.1: ocpp-rpc in strict mode as the CSMS asks for the
 * diagnostics (1.6 GetDiagnostics, 2.0.1 GetLog), the station PUTs the file to an HTTP server in
 * the test and reports each step; a server that refuses ends in the failure status it named.
 */
class LogUploadOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private HttpServer server;
  private final Map<String, String> stored = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void acceptLogs() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(exchange.getRequestMethod() + " " + path);
          byte[] body = exchange.getRequestBody().readAllBytes();
          boolean allowed = path.startsWith("/logs/");
          if (allowed) {
            stored.put(path, new String(body, StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(allowed ? 201 : 403, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theDiagnosticsLogIsUploadedUnderOcppRpcStrictMode(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    String location = "http://127.0.0.1:" + server.getAddress().getPort() + "/logs/";
    try (NodePeer csms =
            NodePeer.start(
                "server.js",
                "--protocol",
                version.subprotocol(),
                "--csms-call",
                call(v16, location));
        StationRuntime station = station(csms, version)) {
      String action = v16 ? "DiagnosticsStatusNotification" : "LogStatusNotification";
      awaitCall(csms, action, p -> p.path("status").asText().equals("Uploading"));
      awaitCall(csms, action, p -> p.path("status").asText().equals("Uploaded"));

      assertThat(requests).hasSize(1);
      assertThat(requests.get(0)).startsWith("PUT /logs/diagnostics-");
      String file = stored.values().iterator().next();
      // The frames of the session are in the file, BootNotification first among them.
      assertThat(file).contains("sent [2,").contains("BootNotification");
      assertThat(station.station().uploadsLogs()).isTrue();
      assertNoComplaints(csms);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aServerThatRefusesEndsInTheFailureItNamed(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    String location = "http://127.0.0.1:" + server.getAddress().getPort() + "/forbidden/";
    try (NodePeer csms =
            NodePeer.start(
                "server.js",
                "--protocol",
                version.subprotocol(),
                "--csms-call",
                call(v16, location));
        StationRuntime station = station(csms, version)) {
      String action = v16 ? "DiagnosticsStatusNotification" : "LogStatusNotification";
      String failure = v16 ? "UploadFailed" : "PermissionDenied";
      awaitCall(csms, action, p -> p.path("status").asText().equals(failure));

      assertThat(requests).hasSize(2); // the first attempt and the one retry asked for
      assertThat(stored).isEmpty();
      assertThat(station.station().uploadsLogs()).isTrue();
      assertNoComplaints(csms);
    }
  }

  private static String call(boolean v16, String location) {
    return v16
        ? "{\"action\":\"GetDiagnostics\",\"params\":{\"location\":\""
            + location
            + "\",\"retries\":1,\"retryInterval\":1}}"
        : "{\"action\":\"GetLog\",\"params\":{\"logType\":\"DiagnosticsLog\",\"requestId\":4,"
            + "\"retries\":1,\"retryInterval\":1,\"log\":{\"remoteLocation\":\""
            + location
            + "\"}}}";
  }

  private StationRuntime station(NodePeer csms, OcppVersion version) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    LazyHardware hardware = new LazyHardware();
    StationRuntime station =
        StationRuntime.builder(
                TransportConfig.builder()
                    .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                    .stationId("KW-LOG-" + version.name())
                    .ocppVersions(version)
                    .securityProfile(0)
                    .build(),
                hardware)
            .logUploader(new HttpLogUploader(FileTransfers.shared()))
            .build();
    hardware.fake = new io.kilowire.core.testing.FakeHardware(station.scheduler());
    station.start();
    return station;
  }
}
