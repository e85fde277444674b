package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.hal.FirmwarePublisher;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v201.PublishFirmwareStatusNotificationRequest;
import io.kilowire.core.testing.FakeFirmwareInstaller;
import io.kilowire.core.testing.StationScenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The station as a local controller (2.0.1 L03 PublishFirmware, L04 UnpublishFirmware). */
class FirmwarePublishingScenarioTest {
  private static final String LOCATION = "https://firmware.example/kw-2.0.bin";
  private static final byte[] IMAGE = "the new firmware".getBytes(StandardCharsets.UTF_8);

  /** Serves images at http://local-controller/firmware/&lt;md5&gt;. */
  private static final class Served implements FirmwarePublisher {
    final Map<String, FirmwareInstaller.Image> images = new HashMap<>();
    boolean fails;

    @Override
    public CompletableFuture<List<URI>> publish(FirmwareInstaller.Image image, String md5) {
      if (fails) {
        return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
      }
      images.put(md5, image);
      return CompletableFuture.completedFuture(
          List.of(
              URI.create("http://local-controller/firmware/" + md5),
              URI.create("ftp://local-controller/firmware/" + md5)));
    }

    @Override
    public boolean unpublish(String md5) {
      return images.remove(md5) != null;
    }
  }

  private final StationScenario sc = new StationScenario(OcppVersion.V201);
  private final FakeFirmwareInstaller fetcher =
      new FakeFirmwareInstaller(sc.clock).image(LOCATION, IMAGE);
  private final Served served = new Served();

  private void start() {
    sc.firmwareInstaller(fetcher).firmwarePublisher(served);
    sc.startOnline();
  }

  @Test
  void anImageWithTheRightChecksumIsPublishedAtEveryLocationAndUnpublishedOnRequest() {
    start();

    assertThat(publish(40, md5(IMAGE))).isEqualTo("Accepted");
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses())
        .containsExactly("40 Downloading", "40 Downloaded", "40 ChecksumVerified", "40 Published");
    List<PublishFirmwareStatusNotificationRequest> calls = requests();
    assertThat(calls.get(calls.size() - 1).location())
        .containsExactly(
            "http://local-controller/firmware/" + md5(IMAGE),
            "ftp://local-controller/firmware/" + md5(IMAGE));
    assertThat(unpublish(md5(IMAGE))).isEqualTo("Unpublished");
    assertThat(served.images).isEmpty();
    assertThat(unpublish(md5(IMAGE))).isEqualTo("NoFirmware");
  }

  @Test
  void aChecksumThatDoesNotMatchEndsInvalidChecksumAndPublishesNothing() {
    start();

    publish(41, "00000000000000000000000000000000");
    sc.advance(Duration.ofMinutes(1));

    assertThat(statuses()).containsExactly("41 Downloading", "41 Downloaded", "41 InvalidChecksum");
    assertThat(served.images).isEmpty();
  }

  @Test
  void aDownloadThatKeepsFailingEndsDownloadFailedAndUnpublishMeanwhileSaysDownloadOngoing() {
    fetcher.failDownloads(10);
    start();

    sc.command(
        "PublishFirmware",
        "{\"requestId\":42,\"location\":\""
            + LOCATION
            + "\",\"checksum\":\""
            + md5(IMAGE)
            + "\",\"retries\":1,\"retryInterval\":30}");
    assertThat(unpublish(md5(IMAGE))).isEqualTo("DownloadOngoing");
    sc.advance(Duration.ofMinutes(2));

    assertThat(statuses()).containsExactly("42 Downloading", "42 DownloadFailed");
    assertThat(fetcher.downloads).hasSize(2);
  }

  @Test
  void aPublisherThatCannotServeEndsPublishFailedAndATriggerRepeatsTheLastStatus() {
    served.fails = true;
    start();

    publish(43, md5(IMAGE));
    sc.advance(Duration.ofMinutes(1));
    sc.command("TriggerMessage", "{\"requestedMessage\":\"PublishFirmwareStatusNotification\"}");
    sc.settle();

    assertThat(statuses()).endsWith("43 PublishFailed", "43 PublishFailed");
  }

  @Test
  void aStationThatIsNoLocalControllerDoesNotKnowPublishFirmware() {
    sc.firmwareInstaller(fetcher);
    sc.startOnline();

    assertThat(
            sc.command(
                    "TriggerMessage",
                    "{\"requestedMessage\":\"PublishFirmwareStatusNotification\"}")
                .path("status")
                .asText())
        .isEqualTo("NotImplemented");
  }

  private String publish(int requestId, String checksum) {
    return sc.command(
            "PublishFirmware",
            "{\"requestId\":"
                + requestId
                + ",\"location\":\""
                + LOCATION
                + "\",\"checksum\":\""
                + checksum
                + "\"}")
        .path("status")
        .asText();
  }

  private String unpublish(String checksum) {
    return sc.command("UnpublishFirmware", "{\"checksum\":\"" + checksum + "\"}")
        .path("status")
        .asText();
  }

  private List<PublishFirmwareStatusNotificationRequest> requests() {
    return sc.csms.calls("PublishFirmwareStatusNotification").stream()
        .map(c -> (PublishFirmwareStatusNotificationRequest) c.request())
        .toList();
  }

  private List<String> statuses() {
    return requests().stream().map(r -> r.requestId() + " " + r.status().value()).toList();
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
