package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.transport.JdkWebSocketTransport;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stations as the emulator runs them by the thousand: on {@link SharedStationThreads} over {@link
 * JdkWebSocketTransport}, closed all at once with {@link StationRuntime#closeAsync()}.
 */
class SharedStationsIT {
  private static final int STATIONS = 20;
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private final SharedStationThreads threads = new SharedStationThreads(2);
  private TestCsms csms;

  @AfterEach
  void tearDown() {
    if (csms != null) {
      csms.close();
    }
    threads.close();
  }

  private StationRuntime station(URI csmsUrl, String id) {
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl(csmsUrl)
            .stationId(id)
            .ocppVersions(OcppVersion.V16)
            .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 0)
            .build();
    LazyHardware hardware = new LazyHardware();
    StationRuntime station =
        StationRuntime.builder(config, hardware)
            .thread(threads.thread(id))
            .transportFactory(scheduler -> new JdkWebSocketTransport(config, scheduler))
            .stateDir(dir.resolve(id))
            .build();
    hardware.fake = new FakeHardware(station.scheduler());
    return station;
  }

  @Test
  void stationsClosedTogetherEndTheirTransactionsAndKeepNothingUnconfirmed() throws Exception {
    csms = TestCsms.start(OcppVersion.V16);
    List<StationRuntime> stations = new ArrayList<>();
    for (int i = 0; i < STATIONS; i++) {
      StationRuntime station = station(csms.uri(), "CP-" + i);
      station.start();
      stations.add(station);
    }
    for (int i = 0; i < STATIONS; i++) {
      String id = "CP-" + i;
      csms.awaitCall(id, "StatusNotification", WAIT);
      stations
          .get(i)
          .execute(
              () -> {
                stationOf(stations, id).plugIn(1);
                stationOf(stations, id).presentToken(1, "TAG-" + id, "ISO14443");
              });
    }
    for (int i = 0; i < STATIONS; i++) {
      csms.awaitCall("CP-" + i, "StartTransaction", WAIT);
    }

    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (StationRuntime station : stations) {
      closing.add(station.closeAsync());
    }
    CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    for (int i = 0; i < STATIONS; i++) {
      String id = "CP-" + i;
      assertThat(csms.calls(id, "StopTransaction"))
          .singleElement()
          .satisfies(stop -> assertThat(stop.at("/reason").asText()).isEqualTo("Reboot"));
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                csms.events().stream().filter(e -> e.contains("disconnected")).count() >= STATIONS);

    // What the stations persisted: no open transaction, nothing the CSMS did not confirm. They
    // start again without a CSMS, so nothing can be delivered in the meantime.
    csms.stop();
    for (int i = 0; i < STATIONS; i += 5) {
      StationRuntime again = station(csms.uri(), "CP-" + i);
      again.start();
      int[] queued = {-1};
      boolean[] open = {true};
      again.call(
          () -> {
            queued[0] = again.station().queuedTransactionMessages();
            open[0] = again.station().transaction(1).isPresent();
          });
      again.close();
      assertThat(queued[0]).as("CP-%d queued", i).isZero();
      assertThat(open[0]).as("CP-%d open transaction", i).isFalse();
    }
  }

  private static io.kilowire.core.station.Station stationOf(
      List<StationRuntime> stations, String id) {
    return stations.get(Integer.parseInt(id.substring(3))).station();
  }
}
