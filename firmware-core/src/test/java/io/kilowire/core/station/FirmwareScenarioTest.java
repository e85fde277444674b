package io.kilowire.core.station;

import static io.kilowire.core.station.AvailabilityScenarioTest.lastStatus;
import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.testing.FakeFirmwareInstaller;
import io.kilowire.core.testing.FirmwareSigning;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.StationScenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Firmware updates (1.6 §5.19 and SignedUpdateFirmware, 2.0.1 L01/L02) in virtual time: every
 * status in the specification's order, the reboot into the new version, and each failure path.
 */
class FirmwareScenarioTest {
  private static final String LOCATION = "https://firmware.example/kw-2.0.bin";
  private static final byte[] IMAGE = "the new firmware".getBytes(StandardCharsets.UTF_8);
  private static final FirmwareSigning SIGNING = FirmwareSigning.around(StationScenario.T0);

  private static StationScenario scenario(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.firmwareInstaller(installer(sc));
    return sc;
  }

  private static FakeFirmwareInstaller installer(StationScenario sc) {
    return new FakeFirmwareInstaller(sc.clock).image(LOCATION, IMAGE).trust(SIGNING.root);
  }

  // ------------------------------------------------------------------------------ 2.0.1

  @Test
  void aSignedUpdateGoesThroughEveryStatusRebootsIntoTheNewVersionAndReportsItInstalled() {
    StationScenario sc = scenario(OcppVersion.V201);
    sc.startOnline();

    assertThat(update201(sc, 7, LOCATION, SIGNING.signer, SIGNING.sign(IMAGE), null, null))
        .isEqualTo("Accepted");
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses201(sc))
        .containsExactly(
            "7 Downloading",
            "7 Downloaded",
            "7 SignatureVerified",
            "7 Installing",
            "7 InstallRebooting",
            "7 Installed");
    List<ScriptedCsms.Call> boots = sc.csms.calls("BootNotification");
    io.kilowire.core.ocpp.v201.BootNotificationRequest reboot =
        (io.kilowire.core.ocpp.v201.BootNotificationRequest) boots.get(boots.size() - 1).request();
    assertThat(reboot.reason().value()).isEqualTo("FirmwareUpdate");
    assertThat(reboot.chargingStation().firmwareVersion()).isEqualTo("kw-2.0");
    assertThat(securityEvents201(sc)).containsExactly("FirmwareUpdated");
    // The reboot comes between InstallRebooting and Installed.
    List<String> order = sc.csms.actions();
    assertThat(order.lastIndexOf("BootNotification"))
        .isBetween(indexOfStatus(sc, "InstallRebooting"), indexOfStatus(sc, "Installed"));
  }

  @Test
  void anUnsignedUpdateSkipsTheSignatureStep() {
    StationScenario sc = scenario(OcppVersion.V201);
    sc.startOnline();

    assertThat(update201(sc, 8, LOCATION, null, null, null, null)).isEqualTo("Accepted");
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses201(sc))
        .containsExactly(
            "8 Downloading", "8 Downloaded", "8 Installing", "8 InstallRebooting", "8 Installed");
  }

  @Test
  void aFutureRetrieveTimeIsReportedScheduledAndDownloadsThen() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc);
    sc.firmwareInstaller(fw);
    sc.startOnline();
    Instant retrieve = sc.clock.now().plus(Duration.ofHours(2));

    update201(sc, 9, LOCATION, null, null, retrieve, null);
    sc.advance(Duration.ofHours(1));
    assertThat(statuses201(sc)).containsExactly("9 DownloadScheduled");
    assertThat(fw.downloads).isEmpty();

    sc.advance(Duration.ofHours(1).plusMinutes(1));
    assertThat(statuses201(sc)).startsWith("9 DownloadScheduled", "9 Downloading");
    assertThat(statuses201(sc)).last().isEqualTo("9 Installed");
  }

  @Test
  void aFailedDownloadIsRetriedAfterTheIntervalAndFailsWhenTheRetriesAreSpent() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc).failDownloads(3);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    sc.command(
        "UpdateFirmware",
        "{\"requestId\":10,\"retries\":2,\"retryInterval\":60,\"firmware\":{\"location\":\""
            + LOCATION
            + "\",\"retrieveDateTime\":\""
            + sc.clock.now()
            + "\"}}");
    sc.advance(Duration.ofSeconds(30));
    assertThat(fw.downloads).hasSize(1);
    sc.advance(Duration.ofSeconds(60));
    assertThat(fw.downloads).hasSize(2);
    sc.advance(Duration.ofMinutes(3));

    assertThat(fw.downloads).hasSize(3);
    assertThat(statuses201(sc)).containsExactly("10 Downloading", "10 DownloadFailed");
  }

  @Test
  void aDownloadThatSucceedsOnARetryGoesOn() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc).failDownloads(2);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    update201(sc, 11, LOCATION, null, null, null, null);
    sc.advance(Duration.ofMinutes(3));

    assertThat(fw.downloads).hasSize(3);
    assertThat(statuses201(sc)).contains("11 Downloaded").last().isEqualTo("11 Installed");
  }

  @Test
  void aSigningCertificateTheManufacturerDidNotIssueIsRefusedWithASecurityEvent() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    assertThat(
            update201(
                sc, 12, LOCATION, SIGNING.stranger, SIGNING.signAsStranger(IMAGE), null, null))
        .isEqualTo("InvalidCertificate");
    sc.advance(Duration.ofMinutes(1));

    assertThat(fw.downloads).isEmpty();
    assertThat(statuses201(sc)).isEmpty();
    assertThat(securityEvents201(sc)).containsExactly("InvalidFirmwareSigningCertificate");
  }

  @Test
  void anImageWhoseSignatureDoesNotVerifyEndsInvalidSignatureWithASecurityEvent() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    update201(sc, 13, LOCATION, SIGNING.signer, SIGNING.signAsStranger(IMAGE), null, null);
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses201(sc))
        .containsExactly("13 Downloading", "13 Downloaded", "13 InvalidSignature");
    assertThat(fw.installed).isEmpty();
    assertThat(securityEvents201(sc)).containsExactly("InvalidFirmwareSignature");
  }

  @Test
  void aFutureInstallTimeIsReportedScheduledAndInstallsThen() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    update201(sc, 14, LOCATION, null, null, null, sc.clock.now().plus(Duration.ofHours(1)));
    sc.advance(Duration.ofMinutes(30));
    assertThat(statuses201(sc))
        .containsExactly("14 Downloading", "14 Downloaded", "14 InstallScheduled");
    assertThat(fw.installed).isEmpty();

    sc.advance(Duration.ofMinutes(31));
    assertThat(fw.installed).containsExactly("kw-2.0");
    assertThat(statuses201(sc)).last().isEqualTo("14 Installed");
  }

  @Test
  void theInstallationWaitsForTheRunningTransactionAndClosesTheFreeEvsesMeanwhile() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc);
    sc.firmwareInstaller(fw);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    update201(sc, 15, LOCATION, null, null, null, null);
    sc.advance(Duration.ofMinutes(5));
    assertThat(fw.installed).isEmpty();
    assertThat(lastStatus(sc, 2)).isEqualTo("Unavailable");
    sc.startCharging(2, "OTHER-1", 16);
    assertThat(sc.station().transaction(2)).isEmpty();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.advance(Duration.ofMinutes(1));

    assertThat(fw.installed).containsExactly("kw-2.0");
    assertThat(statuses201(sc)).last().isEqualTo("15 Installed");
  }

  @Test
  void aFailedInstallationEndsAndReopensTheEvses() {
    StationScenario sc = scenario(OcppVersion.V201);
    sc.firmwareInstaller(installer(sc).failInstall(false));
    sc.startOnline();

    update201(sc, 16, LOCATION, null, null, null, null);
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses201(sc))
        .containsExactly(
            "16 Downloading", "16 Downloaded", "16 Installing", "16 InstallationFailed");
    assertThat(lastStatus(sc, 1)).isEqualTo("Available");
  }

  @Test
  void anImageTheInstallerCannotVerifyEndsInstallVerificationFailed() {
    StationScenario sc = scenario(OcppVersion.V201);
    sc.firmwareInstaller(installer(sc).failInstall(true));
    sc.startOnline();

    update201(sc, 17, LOCATION, null, null, null, null);
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses201(sc)).last().isEqualTo("17 InstallVerificationFailed");
  }

  @Test
  void aNewRequestCancelsTheUpdateInProgress() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc).image("https://firmware.example/kw-3.0.bin", IMAGE);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    update201(sc, 18, LOCATION, null, null, sc.clock.now().plus(Duration.ofHours(1)), null);
    assertThat(update201(sc, 19, "https://firmware.example/kw-3.0.bin", null, null, null, null))
        .isEqualTo("AcceptedCanceled");
    sc.advance(Duration.ofHours(2));

    assertThat(fw.installed).containsExactly("kw-3.0");
    assertThat(statuses201(sc))
        .filteredOn(s -> s.startsWith("18 "))
        .containsExactly("18 DownloadScheduled");
  }

  @Test
  void aTriggeredStatusIsIdleWithoutAnUpdateTheLastStatusDuringOneAndIdleAfterInstalled() {
    StationScenario sc = scenario(OcppVersion.V201);
    sc.startOnline();

    trigger201(sc);
    update201(sc, 20, LOCATION, null, null, sc.clock.now().plus(Duration.ofHours(1)), null);
    trigger201(sc);
    sc.advance(Duration.ofHours(2));
    trigger201(sc);

    assertThat(statuses201(sc))
        .containsSubsequence(
            "null Idle",
            "20 DownloadScheduled",
            "20 DownloadScheduled",
            "20 Installed",
            "null Idle");
  }

  @Test
  void aStationWithoutAnInstallerTakesNoUpdates() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    assertThat(
            sc.command("TriggerMessage", "{\"requestedMessage\":\"FirmwareStatusNotification\"}")
                .path("status")
                .asText())
        .isEqualTo("NotImplemented");
  }

  @Test
  void aPowerLossWhileRebootingIntoTheNewVersionStillReportsItInstalled() {
    StationScenario sc = scenario(OcppVersion.V201);
    FakeFirmwareInstaller fw = installer(sc);
    sc.firmwareInstaller(fw);
    sc.startOnline();
    update201(sc, 21, LOCATION, null, null, null, null);
    for (int i = 0; i < 3000 && !statuses201(sc).contains("21 InstallRebooting"); i++) {
      sc.advance(Duration.ofMillis(10));
    }
    assertThat(statuses201(sc)).last().isEqualTo("21 InstallRebooting");

    sc.powerLoss();
    sc.startOnline();
    sc.settle();

    assertThat(statuses201(sc)).last().isEqualTo("21 Installed");
  }

  // ------------------------------------------------------------------------------ 1.6

  @Test
  void aV16UpdateReportsThePlainStatusesAndBootsWithTheNewVersion() {
    StationScenario sc = scenario(OcppVersion.V16);
    sc.startOnline();

    sc.command(
        "UpdateFirmware",
        "{\"location\":\"" + LOCATION + "\",\"retrieveDate\":\"" + sc.clock.now() + "\"}");
    sc.advance(Duration.ofMinutes(1));

    assertThat(
            sc.csms.calls("FirmwareStatusNotification").stream()
                .map(
                    c ->
                        ((io.kilowire.core.ocpp.v16.FirmwareStatusNotificationRequest) c.request())
                            .status()
                            .value())
                .toList())
        .containsExactly("Downloading", "Downloaded", "Installing", "Installed");
    List<ScriptedCsms.Call> boots = sc.csms.calls("BootNotification");
    assertThat(
            ((io.kilowire.core.ocpp.v16.BootNotificationRequest)
                    boots.get(boots.size() - 1).request())
                .firmwareVersion())
        .isEqualTo("kw-2.0");
  }

  @Test
  void aV16SignedUpdateReportsSignedStatusesWithItsRequestId() {
    StationScenario sc = scenario(OcppVersion.V16).securityExtension(true);
    sc.startOnline();

    JsonNode answer =
        sc.command(
            "SignedUpdateFirmware",
            "{\"requestId\":30,\"firmware\":{\"location\":\""
                + LOCATION
                + "\",\"retrieveDateTime\":\""
                + sc.clock.now()
                + "\",\"signingCertificate\":"
                + quoted(FirmwareSigning.pem(SIGNING.signer))
                + ",\"signature\":\""
                + SIGNING.sign(IMAGE)
                + "\"}}");
    sc.advance(Duration.ofMinutes(1));

    assertThat(answer.path("status").asText()).isEqualTo("Accepted");
    assertThat(
            sc.csms.calls("SignedFirmwareStatusNotification").stream()
                .map(
                    c -> {
                      var r =
                          (io.kilowire.core.ocpp.v16.SignedFirmwareStatusNotificationRequest)
                              c.request();
                      return r.requestId() + " " + r.status().value();
                    })
                .toList())
        .containsExactly(
            "30 Downloading",
            "30 Downloaded",
            "30 SignatureVerified",
            "30 Installing",
            "30 InstallRebooting",
            "30 Installed");
    assertThat(sc.csms.calls("SecurityEventNotification")).isNotEmpty();
  }

  @Test
  void aV16LocationWithoutSchemeAndHostIsRefusedNamingTheField() {
    StationScenario sc = scenario(OcppVersion.V16);
    sc.startOnline();

    var reply =
        sc.link
            .csmsSession()
            .call(
                io.kilowire.core.ocpp.v16.UpdateFirmwareRequest.of(
                    "urn:kilowire:kw-2.0", sc.clock.now()),
                io.kilowire.core.ocpp.v16.UpdateFirmwareResponse.class);
    sc.settle();

    assertThat(reply).isCompletedExceptionally();
    assertThat(reply.handle((r, failure) -> failure).join()).hasMessageContaining("location");
  }

  // ------------------------------------------------------------------------------ helpers

  private static String update201(
      StationScenario sc,
      int requestId,
      String location,
      java.security.cert.@Nullable X509Certificate certificate,
      @Nullable String signature,
      @Nullable Instant retrieve,
      @Nullable Instant install) {
    String json =
        "{\"requestId\":"
            + requestId
            + ",\"firmware\":{\"location\":\""
            + location
            + "\",\"retrieveDateTime\":\""
            + (retrieve == null ? sc.clock.now() : retrieve)
            + "\""
            + (install == null ? "" : ",\"installDateTime\":\"" + install + "\"")
            + (certificate == null
                ? ""
                : ",\"signingCertificate\":" + quoted(FirmwareSigning.pem(certificate)))
            + (signature == null ? "" : ",\"signature\":\"" + signature + "\"")
            + "}}";
    return sc.command("UpdateFirmware", json).path("status").asText();
  }

  private static void trigger201(StationScenario sc) {
    sc.command("TriggerMessage", "{\"requestedMessage\":\"FirmwareStatusNotification\"}");
    sc.settle();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\r", "").replace("\n", "\\n") + "\"";
  }

  private static List<String> statuses201(StationScenario sc) {
    return sc.csms.calls("FirmwareStatusNotification").stream()
        .map(c -> (io.kilowire.core.ocpp.v201.FirmwareStatusNotificationRequest) c.request())
        .map(r -> r.requestId() + " " + r.status().value())
        .toList();
  }

  private static List<String> securityEvents201(StationScenario sc) {
    return sc.csms.calls("SecurityEventNotification").stream()
        .map(ScriptedCsms.Call::request)
        .map(
            (OcppMessage m) ->
                ((io.kilowire.core.ocpp.v201.SecurityEventNotificationRequest) m).type())
        .toList();
  }

  private static int indexOfStatus(StationScenario sc, String status) {
    List<ScriptedCsms.Call> calls = sc.csms.calls();
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).request()
              instanceof io.kilowire.core.ocpp.v201.FirmwareStatusNotificationRequest r
          && r.status().value().equals(status)) {
        return i;
      }
    }
    return -1;
  }
}
