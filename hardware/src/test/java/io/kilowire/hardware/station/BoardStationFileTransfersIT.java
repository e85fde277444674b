package io.kilowire.hardware.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The board station ({@code kilowire-station.jar}) uploads its logs over HTTP and, with a {@code
 * firmware} section, installs firmware through the maker's install command, so it advertises what
 * it does (1.6 FirmwareManagement, 2.0.1 FileTransferProtocols): an HTTP server on 127.0.0.1 takes
 * the log and serves the image; the command's output is the version the station boots with.
 */
class BoardStationFileTransfersIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ID = "KW-BOARD-FILES";
  private static final byte[] IMAGE = "board image kw-9.9".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  private <T extends AutoCloseable> T push(T closeable) {
    cleanup.push(closeable);
    return closeable;
  }

  /** Serves the image at /kw-9.9.bin and keeps what is PUT or POSTed elsewhere. */
  private String fileServer() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          if (exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(200, IMAGE.length);
            exchange.getResponseBody().write(IMAGE);
          } else {
            uploads.put(
                exchange.getRequestURI().getPath(), exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    server.start();
    push(() -> server.stop(0));
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The maker's install command: keeps the image beside it and prints the version it carries. */
  private Path installScript() throws Exception {
    Path script = dir.resolve("install.sh");
    Files.writeString(
        script, "#!/bin/sh\ncp \"$1\" \"" + dir.resolve("installed.bin") + "\" && echo kw-9.9\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theBoardStationAdvertisesUploadsItsLogAndInstallsFirmware(OcppVersion version)
      throws Exception {
    boolean v16 = version == OcppVersion.V16;
    String files = fileServer();
    BoardRig rig = push(BoardRig.start(dir));
    TestCsms csms = push(TestCsms.start(version));
    rig.station(
        """
        {"contactorTimeoutMs": 1000, "meterPollMs": 200, "evses": [%s],
         "firmware": {"installCommand": ["%s"]}}
        """
            .formatted(rig.evse(), installScript()),
        csms,
        ID,
        version);
    csms.awaitCall(ID, "StatusNotification", WAIT);

    if (v16) {
      assertThat(
              csms.call(ID, "GetConfiguration", "{\"key\":[\"SupportedFeatureProfiles\"]}")
                  .at("/configurationKey/0/value")
                  .asText())
          .contains("FirmwareManagement");
    } else {
      assertThat(
              csms.call(
                      ID,
                      "GetVariables",
                      "{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                          + "\"variable\":{\"name\":\"FileTransferProtocols\"}}]}")
                  .at("/getVariableResult/0/attributeStatus")
                  .asText())
          .isEqualTo("Accepted");
    }

    // The log goes to the server.
    if (v16) {
      csms.call(ID, "GetDiagnostics", "{\"location\":\"" + files + "/logs/\"}");
    } else {
      assertThat(
              csms.call(
                      ID,
                      "GetLog",
                      "{\"logType\":\"DiagnosticsLog\",\"requestId\":4,"
                          + "\"log\":{\"remoteLocation\":\""
                          + files
                          + "/logs/\"}}")
                  .at("/status")
                  .asText())
          .isEqualTo("Accepted");
    }
    await().atMost(WAIT).until(() -> !uploads.isEmpty());
    assertThat(new String(uploads.values().iterator().next(), StandardCharsets.UTF_8))
        .contains("BootNotification");

    // The firmware goes through the install command, and the station boots with its version.
    String retrieve = Instant.now().minusSeconds(1).toString();
    csms.call(
        ID,
        "UpdateFirmware",
        v16
            ? "{\"location\":\"" + files + "/kw-9.9.bin\",\"retrieveDate\":\"" + retrieve + "\"}"
            : "{\"requestId\":5,\"firmware\":{\"location\":\""
                + files
                + "/kw-9.9.bin\",\"retrieveDateTime\":\""
                + retrieve
                + "\"}}");
    csms.awaitCall(
        ID,
        "BootNotification",
        p ->
            (v16 ? p.at("/firmwareVersion") : p.at("/chargingStation/firmwareVersion"))
                .asText()
                .equals("kw-9.9"),
        WAIT);
    assertThat(Files.readAllBytes(dir.resolve("installed.bin"))).isEqualTo(IMAGE);
  }
}
