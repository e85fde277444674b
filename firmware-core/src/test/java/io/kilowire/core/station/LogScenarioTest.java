package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.station.logs.LogUploader;
import io.kilowire.core.station.logs.LogUploads;
import io.kilowire.core.testing.FakeLogUploader;
import io.kilowire.core.testing.StationScenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log uploads (1.6 GetDiagnostics and the security extension's GetLog, 2.0.1 N01) in virtual time:
 * the file holds the station's events within the window, every status in order, retries, the
 * failure the server names, an upload that never ends, a second request cancelling the first, the
 * trigger, and statuses kept while the CSMS is unreachable.
 */
class LogScenarioTest {
  private static final String LOCATION = "https://logs.example/upload";

  private static StationScenario scenario(OcppVersion version, FakeLogUploader[] uploader) {
    StationScenario sc = new StationScenario(version);
    uploader[0] = new FakeLogUploader(sc.clock);
    sc.logUploader(uploader[0]);
    return sc;
  }

  private static JsonNode getLog201(StationScenario sc, int requestId, String extra) {
    return sc.command(
        "GetLog",
        "{\"logType\":\"DiagnosticsLog\",\"requestId\":"
            + requestId
            + extra
            + ",\"log\":{\"remoteLocation\":\""
            + LOCATION
            + "\"}}");
  }

  private static List<String> statuses201(StationScenario sc) {
    return sc.csms.calls("LogStatusNotification").stream()
        .map(c -> (io.kilowire.core.ocpp.v201.LogStatusNotificationRequest) c.request())
        .map(r -> r.requestId() + " " + r.status().value())
        .toList();
  }

  @Test
  void getLogUploadsTheStationsEventsAndReportsUploadingThenUploaded() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    sc.plugIn(1, 16);
    sc.settle();

    JsonNode answer = getLog201(sc, 3, "");
    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    String file = answer.path("filename").asText();
    assertThat(file).startsWith("diagnostics-").endsWith(".log");
    sc.advance(Duration.ofSeconds(10));

    assertThat(statuses201(sc)).containsExactly("3 Uploading", "3 Uploaded");
    assertThat(up[0].received).hasSize(1);
    FakeLogUploader.Upload u = up[0].received.get(0);
    assertThat(u.location()).isEqualTo(URI.create(LOCATION));
    assertThat(u.fileName()).isEqualTo(file);
    assertThat(u.content()).contains("registration").contains("EVSE 1 PREPARING");
    // The frames the station exchanged are not the core's to see; its own events are.
    assertThat(u.content().lines()).allMatch(l -> Instant.parse(l.split(" ")[0]) != null);
  }

  @Test
  void theTimeWindowLeavesOutEarlierEntries() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    sc.advance(Duration.ofHours(1));
    Instant from = sc.clock.now();
    sc.plugIn(2, 16);
    sc.settle();

    getLog201(sc, 4, "");
    sc.command(
        "GetLog",
        "{\"logType\":\"DiagnosticsLog\",\"requestId\":5,\"log\":{\"remoteLocation\":\""
            + LOCATION
            + "\",\"oldestTimestamp\":\""
            + from
            + "\"}}");
    sc.advance(Duration.ofSeconds(10));

    String windowed = up[0].received.get(up[0].received.size() - 1).content();
    assertThat(windowed).contains("EVSE 2 PREPARING").doesNotContain("registration");
  }

  @Test
  void failedAttemptsAreRetriedAndTheLastFailureIsReportedAsTheServerNamedIt() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    up[0].fail(5, LogUploader.Failure.Kind.PERMISSION_DENIED);

    getLog201(sc, 6, ",\"retries\":2,\"retryInterval\":30");
    sc.advance(Duration.ofSeconds(20));
    assertThat(up[0].attempts).hasSize(1);
    sc.advance(Duration.ofSeconds(30));
    assertThat(up[0].attempts).hasSize(2);
    sc.advance(Duration.ofMinutes(2));

    assertThat(up[0].attempts).hasSize(3);
    assertThat(statuses201(sc)).containsExactly("6 Uploading", "6 PermissionDenied");
  }

  @Test
  void anUploadThatNeverEndsFailsAfterTheTimeLimit() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    up[0].hang();

    getLog201(sc, 7, ",\"retries\":0");
    sc.advance(LogUploads.UPLOAD_TIME_LIMIT.minusSeconds(5));
    assertThat(statuses201(sc)).containsExactly("7 Uploading");
    sc.advance(Duration.ofSeconds(10));

    assertThat(statuses201(sc)).containsExactly("7 Uploading", "7 UploadFailure");
  }

  @Test
  void aSecondRequestCancelsTheUploadInProgress() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    up[0].hang();
    getLog201(sc, 8, "");
    sc.settle();

    JsonNode second = getLog201(sc, 9, "");

    assertThat(second.path("status").asText()).isEqualTo("AcceptedCanceled");
    assertThat(statuses201(sc)).containsExactly("8 Uploading", "8 AcceptedCanceled", "9 Uploading");
  }

  @Test
  void aTriggerAnswersUploadingWhileAnUploadRunsAndIdleOtherwise() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    String trigger = "{\"requestedMessage\":\"LogStatusNotification\"}";

    assertThat(sc.command("TriggerMessage", trigger).path("status").asText()).isEqualTo("Accepted");
    sc.settle();
    up[0].hang();
    getLog201(sc, 10, "");
    sc.settle();
    sc.command("TriggerMessage", trigger);
    sc.settle();

    assertThat(statuses201(sc)).containsExactly("null Idle", "10 Uploading", "10 Uploading");
  }

  @Test
  void statusesWaitForTheCsmsWhenItIsUnreachable() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    getLog201(sc, 11, "");
    sc.drop();
    sc.advance(Duration.ofSeconds(30));
    assertThat(up[0].received).hasSize(1);

    sc.connect();
    sc.advance(Duration.ofSeconds(5));

    assertThat(statuses201(sc)).containsExactly("11 Uploading", "11 Uploaded");
  }

  @Test
  void theSecurityLogHoldsTheSecurityEvents() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V201, up);
    sc.startOnline();
    sc.station().log().security(sc.clock.now(), "SettingSystemTime", "by test");

    sc.command(
        "GetLog",
        "{\"logType\":\"SecurityLog\",\"requestId\":12,\"log\":{\"remoteLocation\":\""
            + LOCATION
            + "\"}}");
    sc.advance(Duration.ofSeconds(10));

    assertThat(up[0].received.get(0).fileName()).startsWith("security-");
    assertThat(up[0].received.get(0).content())
        .contains("SettingSystemTime: by test")
        .doesNotContain("registration");
  }

  @Test
  void withoutAnUploaderGetLogIsNotImplemented() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    assertThat(sc.station().uploadsLogs()).isFalse();
    assertThat(
            sc.command("TriggerMessage", "{\"requestedMessage\":\"LogStatusNotification\"}")
                .path("status")
                .asText())
        .isEqualTo("NotImplemented");
  }

  // ------------------------------------------------------------------------------ OCPP 1.6

  @Test
  void getDiagnosticsNamesTheFileAndReportsWithDiagnosticsStatusNotification() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V16, up);
    sc.startOnline();

    JsonNode answer =
        sc.command("GetDiagnostics", "{\"location\":\"" + LOCATION + "\",\"retries\":0}");
    sc.advance(Duration.ofSeconds(10));

    assertThat(answer.path("fileName").asText()).startsWith("diagnostics-");
    assertThat(diagnostics16(sc)).containsExactly("Uploading", "Uploaded");
    assertThat(up[0].received.get(0).content()).contains("registration");
  }

  @Test
  void aFailedGetDiagnosticsIsUploadFailed() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V16, up);
    sc.startOnline();
    up[0].fail(2, LogUploader.Failure.Kind.BAD_MESSAGE);

    sc.command(
        "GetDiagnostics", "{\"location\":\"" + LOCATION + "\",\"retries\":1,\"retryInterval\":5}");
    sc.advance(Duration.ofSeconds(30));

    assertThat(up[0].attempts).hasSize(2);
    assertThat(diagnostics16(sc)).containsExactly("Uploading", "UploadFailed");
  }

  @Test
  void theSecurityExtensionsGetLogReportsWithItsRequestId() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V16, up).securityExtension(true);
    sc.startOnline();

    JsonNode answer =
        sc.command(
            "GetLog",
            "{\"logType\":\"DiagnosticsLog\",\"requestId\":21,\"log\":{\"remoteLocation\":\""
                + LOCATION
                + "\"}}");
    sc.advance(Duration.ofSeconds(10));

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(
            sc.csms.calls("LogStatusNotification").stream()
                .map(c -> (io.kilowire.core.ocpp.v16.LogStatusNotificationRequest) c.request())
                .map(r -> r.requestId() + " " + r.status().value())
                .toList())
        .containsExactly("21 Uploading", "21 Uploaded");
    assertThat(sc.csms.calls("DiagnosticsStatusNotification")).isEmpty();
  }

  @Test
  void oneSixTriggersAnswerIdleWithTheMessageOfTheirKind() {
    FakeLogUploader[] up = new FakeLogUploader[1];
    StationScenario sc = scenario(OcppVersion.V16, up).securityExtension(true);
    sc.startOnline();

    assertThat(
            sc.command("TriggerMessage", "{\"requestedMessage\":\"DiagnosticsStatusNotification\"}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    assertThat(
            sc.command("ExtendedTriggerMessage", "{\"requestedMessage\":\"LogStatusNotification\"}")
                .path("status")
                .asText())
        .isEqualTo("Accepted");
    sc.settle();

    assertThat(diagnostics16(sc)).containsExactly("Idle");
    assertThat(sc.csms.calls("LogStatusNotification")).hasSize(1);
  }

  private static List<String> diagnostics16(StationScenario sc) {
    return sc.csms.calls("DiagnosticsStatusNotification").stream()
        .map(c -> (io.kilowire.core.ocpp.v16.DiagnosticsStatusNotificationRequest) c.request())
        .map(r -> r.status().value())
        .toList();
  }
}
