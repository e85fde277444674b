package io.kilowire.hardware.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.metering.MeterReading.PerPhase;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.hardware.board.CoapGridMeter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CoAP site meter as the HAL's SiteMeter, against a grid server on 127.0.0.1. */
class CoapGridMeterTest {
  private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

  private TestGridServer server;
  private CoapSiteMeter meter;

  @AfterEach
  void shutDown() {
    if (meter != null) {
      meter.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aCurrentReadingCarriesTheMetersTimestampAndAStaleOneIsNoReading() throws Exception {
    server = new TestGridServer(TestGridServer.reading(T0.toString(), 31, 28, 30, 20650)).start();
    meter =
        new CoapSiteMeter(
            CoapSiteMeter.Settings.of(server.uri())
                .withStaleAfter(Duration.ofMillis(800))
                .withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withLocalAddress(new InetSocketAddress("127.0.0.1", 0)),
            new RecordingListener());
    CoapGridMeter site = new CoapGridMeter(meter);
    assertThatThrownBy(site::read).isInstanceOf(IllegalStateException.class);
    meter.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> meter.latest().isPresent());
    SiteReading r = site.read();
    assertThat(r.at()).isEqualTo(T0);
    assertThat(r.currentA()).isEqualTo(new PerPhase(31, 28, 30));
    assertThat(r.powerW()).isEqualTo(20650);

    // The meter falls silent: after staleAfter there is no reading, not the old one.
    server.stop();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThatThrownBy(site::read)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no current reading"));
  }
}
