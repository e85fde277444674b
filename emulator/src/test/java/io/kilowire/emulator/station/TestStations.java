package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Emulated stations on a {@link TestCsms} for the integration tests of this package. */
final class TestStations {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TestStations() {}

  /**
   * One EVSE on {@code csms}, no EV coming by itself ({@link #arriveOnceAccepted}), its tokens of
   * {@code tokenType}; its state in {@code stateDir} (null: in memory).
   */
  static EmulatedStation oneEvse(
      TestCsms csms,
      String id,
      OcppVersion version,
      @Nullable Path stateDir,
      EmulatedToken.Type tokenType) {
    return new EmulatedStation(
        TransportConfig.builder()
            .csmsUrl(csms.uri())
            .stationId(id)
            .ocppVersions(version)
            .securityProfile(0)
            .build(),
        1,
        new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
        null,
        null,
        stateDir,
        Duration.ofSeconds(60),
        null,
        false,
        7,
        EmulatedStation.Timebase.realTime(),
        tokenType);
  }

  /**
   * One EVSE on the station end of {@code link} (an in-memory sandbox on the other), in {@code
   * clock}'s virtual time; no EV coming by itself.
   */
  static EmulatedStation inMemory(
      String id,
      OcppVersion version,
      Console console,
      io.kilowire.core.scheduling.VirtualScheduler clock,
      io.kilowire.core.transport.InMemoryTransport.Link link) {
    return new EmulatedStation(
        TransportConfig.builder()
            .csmsUrl(java.net.URI.create("ws://127.0.0.1/in-memory"))
            .stationId(id)
            .ocppVersions(version)
            .build(),
        1,
        console,
        null,
        null,
        null,
        Duration.ofSeconds(60),
        null,
        false,
        1,
        new EmulatedStation.Timebase(
            clock.clock(), new VirtualStationThread(clock), t -> link.station()),
        EmulatedToken.Type.ISO14443);
  }

  /** The EV comes once the CSMS accepted the station (a token before that is refused offline). */
  static void arriveOnceAccepted(TestCsms csms, String id, EmulatedStation station) {
    csms.awaitCall(id, "BootNotification", WAIT);
    await().atMost(WAIT).until(station::isAccepted);
    assertThat(station.arriveEv(1, EvModel.of(60_000, 16, 3), 40)).isTrue();
  }
}
