package io.kilowire.emulator.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An emulated station whose CSMS answers slowly: an EV that plugs in before the station is
 * registered still gets its session (the driver presents the card once the station is accepted),
 * and a station id longer than the 25 characters a serial number may have still registers.
 */
class EarlyArrivalTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anEvArrivingBeforeTheBootIsAcceptedChargesOnceItIs(OcppVersion version) {
    VirtualScheduler clock = new VirtualScheduler(START);
    Console console = new Console(new PrintStream(OutputStream.nullOutputStream()), clock.clock());
    SandboxCsms sandbox =
        SandboxCsms.inMemory(console, new VirtualStationThread(clock), clock.clock(), false);
    // 39 characters: longer than a serial number may be
    String id = "KW-A-RATHER-LONG-STATION-IDENTITY-00001";
    // Every frame takes 3 s: the BootNotification is answered 6 s after the station connects.
    InMemoryTransport.Link link =
        InMemoryTransport.pair(version, task -> clock.schedule(Duration.ofSeconds(3), task));
    sandbox.accept(link.csms(), id, version);
    EmulatedStation station = TestStations.inMemory(id, version, console, clock, link);
    try {
      station.start();
      clock.advance(Duration.ofMillis(100));
      assertThat(station.isAccepted()).isFalse();
      assertThat(station.arriveEv(1, EvModel.of(40_000, 16, 3), 30)).isTrue();

      clock.advance(Duration.ofSeconds(60));

      assertThat(station.everAccepted()).isTrue();
      assertThat(station.transactionsStarted()).isEqualTo(1);
      assertThat(station.hardware().drawA(1)).isEqualTo(16.0);
    } finally {
      station.close();
      clock.advance(Duration.ofSeconds(10));
      sandbox.close();
    }
  }

  @org.junit.jupiter.api.Test
  void aSerialNumberKeepsTheLast25CharactersOfALongerStationId() {
    assertThat(EmulatedStation.serialNumber("KW-EMU-001")).isEqualTo("KW-EMU-001");
    assertThat(EmulatedStation.serialNumber("KW-A-RATHER-LONG-STATION-IDENTITY-00001"))
        .isEqualTo("LONG-STATION-IDENTITY-00001".substring(2))
        .hasSize(25);
  }
}
