package io.kilowire.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSMS can be tested against a station whose firmware download fails and whose log upload fails
 * or never ends: the emulator jar in its own JVM, set up by its CLI flag and then by the control
 * API, against a CSMS on 127.0.0.1; the logs go to an HTTP server on 127.0.0.1.
 */
class FileTransferFaultsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void theCliFailsFirmwareDownloadsAndTheControlApiSwitchesLogUploads() throws Exception {
    List<String> uploads = new CopyOnWriteArrayList<>();
    HttpServer logs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    logs.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          uploads.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    logs.start();
    String location = "http://127.0.0.1:" + logs.getAddress().getPort() + "/logs/";
    try (TestCsms csms = TestCsms.start(OcppVersion.V201);
        EmulatorProcess emulator =
            EmulatorProcess.start(
                dir,
                "run",
                "--csms",
                csms.uri().toString(),
                "--protocol",
                "ocpp2.0.1",
                "--id-prefix",
                "XFER-",
                "--control-port",
                "0",
                "--ev-mode",
                "none",
                "--firmware-download",
                "fail")) {
      ControlClient api = new ControlClient(emulator.controlUri(), null);
      String id = "XFER-001";
      csms.awaitCall(id, "BootNotification", WAIT);

      // --firmware-download fail: the update ends DownloadFailed.
      csms.call(
          id,
          "UpdateFirmware",
          "{\"requestId\":1,\"retries\":0,\"firmware\":{\"location\":\"https://fw.example/x.bin\","
              + "\"retrieveDateTime\":\""
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + "\"}}");
      csms.awaitCall(
          id,
          "FirmwareStatusNotification",
          p -> p.path("status").asText().equals("DownloadFailed"),
          WAIT);

      // By default the log goes to the CSMS's server.
      getLog(csms, id, 2, location);
      csms.awaitCall(id, "LogStatusNotification", p -> is(p, 2, "Uploaded"), WAIT);
      assertThat(uploads).hasSize(1);

      // The control API makes uploads fail...
      api.ok(api.put("/stations/" + id + "/file-transfers", "{\"logUpload\":\"fail\"}"));
      getLog(csms, id, 3, location);
      csms.awaitCall(id, "LogStatusNotification", p -> is(p, 3, "UploadFailure"), WAIT);

      // ... or never end: the upload stays Uploading (the station's own limit ends it later).
      api.ok(api.put("/stations/" + id + "/file-transfers", "{\"logUpload\":\"timeout\"}"));
      getLog(csms, id, 4, location);
      csms.awaitCall(id, "LogStatusNotification", p -> is(p, 4, "Uploading"), WAIT);
      csms.call(id, "TriggerMessage", "{\"requestedMessage\":\"LogStatusNotification\"}");
      csms.awaitCall(
          id,
          "LogStatusNotification",
          p ->
              is(p, 4, "Uploading")
                  && csms.calls(id, "LogStatusNotification").stream()
                          .filter(c -> is(c.payload(), 4, "Uploading"))
                          .count()
                      == 2,
          WAIT);
      assertThat(uploads).hasSize(1);

      // Bad input is refused naming the field.
      ControlClient.Answer bad =
          api.put("/stations/" + id + "/file-transfers", "{\"logUpload\":\"slow\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body().toString()).contains("logUpload").contains("timeout");
    } finally {
      logs.stop(0);
    }
  }

  private static void getLog(TestCsms csms, String id, int requestId, String location) {
    JsonNode answer =
        csms.call(
            id,
            "GetLog",
            "{\"logType\":\"DiagnosticsLog\",\"requestId\":"
                + requestId
                + ",\"retries\":0,\"log\":{\"remoteLocation\":\""
                + location
                + "\"}}");
    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
  }

  private static boolean is(JsonNode p, int requestId, String status) {
    return p.path("requestId").asInt() == requestId && p.path("status").asText().equals(status);
  }
}
