package io.kilowire.core.runtime;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.transport.TransportConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Whole stations ({@link StationRuntime} on a {@link FakeHardware}) against {@link TestCsms}es on
 * 127.0.0.1, for integration tests; {@link #close} stops everything it started, newest first.
 */
final class RuntimeStations implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  private final Deque<Runnable> started = new ArrayDeque<>();
  private final Map<StationRuntime, LazyHardware> hardware = new IdentityHashMap<>();

  TestCsms csms(OcppVersion version) {
    TestCsms csms = TestCsms.start(version);
    started.push(csms::close);
    return csms;
  }

  /** A station that connects to {@code csms} and has reported its connectors. */
  StationRuntime station(TestCsms csms, OcppVersion version, String id) {
    return station(csms, version, id, t -> t, b -> b);
  }

  /**
   * A station whose transport and runtime the test adjusts; started, and waited for until it has
   * reported its connectors.
   */
  StationRuntime station(
      TestCsms csms,
      OcppVersion version,
      String id,
      UnaryOperator<TransportConfig.Builder> transport,
      UnaryOperator<StationRuntime.Builder> runtime) {
    TransportConfig config =
        transport
            .apply(
                TransportConfig.builder()
                    .csmsUrl(csms.uri())
                    .stationId(id)
                    .ocppVersions(version)
                    .securityProfile(0)
                    .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 0))
            .build();
    LazyHardware lazy = new LazyHardware();
    StationRuntime station = runtime.apply(StationRuntime.builder(config, lazy)).build();
    lazy.fake = new FakeHardware(station.scheduler());
    hardware.put(station, lazy);
    station.start();
    started.push(station::close);
    csms.awaitCall(id, "StatusNotification", WAIT);
    return station;
  }

  /** The fake hardware of a station this made. */
  FakeHardware hardware(StationRuntime station) {
    return hardware.get(station).fake;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      started.pop().run();
    }
  }
}
