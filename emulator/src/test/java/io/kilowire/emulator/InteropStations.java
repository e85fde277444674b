package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EmulatedToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Emulated stations against a third-party CSMS on 127.0.0.1, for this package's interop ITs. */
final class InteropStations {
  private InteropStations() {}

  /** A real-time station of {@code evses} EVSEs speaking {@code version} to 127.0.0.1:port. */
  static EmulatedStation realTime(
      int port,
      String id,
      OcppVersion version,
      int evses,
      EmulatedStation.@Nullable EvBehaviour behaviour) {
    return new EmulatedStation(
        TransportConfig.builder()
            .csmsUrl(URI.create("ws://127.0.0.1:" + port))
            .stationId(id)
            .ocppVersions(version)
            .securityProfile(0)
            .build(),
        evses,
        new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
        null,
        null,
        null,
        Duration.ofSeconds(10),
        behaviour,
        false,
        3,
        EmulatedStation.Timebase.realTime(),
        EmulatedToken.Type.ISO14443);
  }

  /**
   * The strict peer had nothing to say: no bad message, no schema failure, and no CALL breaking a
   * Part 2 primitive rule (dateTime fraction, decimal places, token formats).
   */
  static void assertNoComplaints(NodePeer csms) {
    assertThat(csms.events())
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
    assertThat(csms.primitiveViolations()).isEmpty();
  }
}
