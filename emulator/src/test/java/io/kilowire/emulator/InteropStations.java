package io.kilowire.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.Predicate;
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
  /**
   * The CSMS's {@code n}-th outcome (from 1) of a CALL of {@code action} it made: its result or its
   * error, waited for up to 20 s.
   */
  static JsonNode answerTo(NodePeer csms, String action, int n) {
    Predicate<JsonNode> outcome =
        e ->
            e.path("event").asText().startsWith("csmsCall")
                && e.path("action").asText().equals(action);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> csms.events().stream().filter(outcome).count() >= n);
    return csms.events().stream().filter(outcome).skip(n - 1).findFirst().orElseThrow();
  }

  static void assertNoComplaints(NodePeer csms) {
    assertThat(csms.events())
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"));
    assertThat(csms.primitiveViolations()).isEmpty();
  }
}
