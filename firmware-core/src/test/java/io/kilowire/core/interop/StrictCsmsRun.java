package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A whole station driven by the ocpp-rpc peer in strict mode over 127.0.0.1: the peer sends the
 * CSMS CALLs it is given once the station is there, the run waits for their answers and for the
 * station's reports named, and fails when any frame broke the OCA schemas or a primitive rule, or
 * the peer got a CALLERROR.
 */
final class StrictCsmsRun {
  static final Duration WAIT = Duration.ofSeconds(15);

  private StrictCsmsRun() {}

  /**
   * Runs {@code calls} (the peer's JSON list of {action, params}) against a new station and returns
   * the peer's events.
   *
   * @param reports station CALLs (actions) that must reach the peer before the station closes
   */
  static List<JsonNode> drive(
      OcppVersion version,
      String stationId,
      String calls,
      UnaryOperator<TransportConfig.Builder> transport,
      String... reports) {
    int expected = countCalls(calls);
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", version.subprotocol(), "--csms-call", calls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      TransportConfig config =
          transport
              .apply(
                  TransportConfig.builder()
                      .csmsUrl(URI.create("ws://127.0.0.1:" + port))
                      .stationId(stationId)
                      .ocppVersions(version)
                      .securityProfile(0))
              .build();
      try (StationRuntime station = StationRuntime.builder(config, hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    csms.events().stream()
                            .filter(e -> e.path("event").asText().startsWith("csmsCall"))
                            .count()
                        == expected);
        for (String action : reports) {
          csms.await(
              e ->
                  e.path("event").asText().equals("call")
                      && e.path("action").asText().equals(action),
              WAIT);
        }
      }
      List<JsonNode> events = csms.events();
      assertThat(csms.primitiveViolations()).isEmpty();
      assertThat(events)
          .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
          .noneMatch(e -> e.path("event").asText().equals("badMessage"))
          .noneMatch(e -> e.path("event").asText().equals("csmsCallError"));
      return events;
    }
  }

  /** The answers to the CSMS's CALLs, in the order sent (each {action, result}). */
  static List<JsonNode> results(List<JsonNode> events) {
    return events.stream().filter(e -> e.path("event").asText().equals("csmsCallResult")).toList();
  }

  /** The station's CALLs of {@code action} the peer received (each with its params). */
  static List<JsonNode> stationCalls(List<JsonNode> events, String action) {
    return events.stream()
        .filter(
            e ->
                e.path("event").asText().equals("call") && e.path("action").asText().equals(action))
        .toList();
  }

  private static int countCalls(String calls) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(calls).size();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the CSMS calls are not JSON: " + e.getMessage(), e);
    }
  }
}
