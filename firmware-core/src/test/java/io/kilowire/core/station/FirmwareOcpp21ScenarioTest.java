package io.kilowire.core.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.hal.FirmwareInstaller;
import io.kilowire.core.hal.FirmwarePublisher;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.FakeFirmwareInstaller;
import io.kilowire.core.testing.StationScenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * 2.1 lets a firmware location be 2000 characters long where 2.0.1 allowed 512 (UpdateFirmware,
 * PublishFirmware): such a location is fetched, not refused as a value 2.0.1 cannot hold.
 */
class FirmwareOcpp21ScenarioTest {
  /** 700 characters: over 2.0.1's 512, within 2.1's 2000. */
  private static final String LONG_LOCATION =
      "https://firmware.example/" + "d".repeat(660) + "/kw-2.1.bin";

  private static final byte[] IMAGE = "the new firmware".getBytes(StandardCharsets.UTF_8);

  @Test
  void anUpdateFromALocationLongerThan201AllowsIsDownloadedAndInstalled() {
    StationScenario sc = new StationScenario(OcppVersion.V21);
    FakeFirmwareInstaller fw = new FakeFirmwareInstaller(sc.clock).image(LONG_LOCATION, IMAGE);
    sc.firmwareInstaller(fw);
    sc.startOnline();

    String answer =
        sc.command(
                "UpdateFirmware",
                "{\"requestId\":3,\"firmware\":{\"location\":\""
                    + LONG_LOCATION
                    + "\",\"retrieveDateTime\":\""
                    + sc.clock.now()
                    + "\"}}")
            .path("status")
            .asText();
    sc.advance(Duration.ofMinutes(1));

    assertThat(answer).isEqualTo("Accepted");
    assertThat(fw.downloads).containsExactly(URI.create(LONG_LOCATION));
    assertThat(fw.installed).containsExactly("kw-2.1");
  }

  @Test
  void anImageFromALocationLongerThan201AllowsIsPublished() {
    StationScenario sc = new StationScenario(OcppVersion.V21);
    FakeFirmwareInstaller fw = new FakeFirmwareInstaller(sc.clock).image(LONG_LOCATION, IMAGE);
    List<String> published = new java.util.ArrayList<>();
    sc.firmwareInstaller(fw)
        .firmwarePublisher(
            new FirmwarePublisher() {
              @Override
              public CompletableFuture<List<URI>> publish(
                  FirmwareInstaller.Image image, String md5) {
                published.add(md5);
                return CompletableFuture.completedFuture(
                    List.of(URI.create("http://local-controller/firmware/" + md5)));
              }

              @Override
              public boolean unpublish(String md5) {
                return published.remove(md5);
              }
            });
    sc.startOnline();

    String answer =
        sc.command(
                "PublishFirmware",
                "{\"requestId\":4,\"location\":\""
                    + LONG_LOCATION
                    + "\",\"checksum\":\""
                    + md5(IMAGE)
                    + "\"}")
            .path("status")
            .asText();
    sc.advance(Duration.ofMinutes(1));

    assertThat(answer).isEqualTo("Accepted");
    assertThat(fw.downloads).containsExactly(URI.create(LONG_LOCATION));
    assertThat(published).containsExactly(md5(IMAGE));
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
