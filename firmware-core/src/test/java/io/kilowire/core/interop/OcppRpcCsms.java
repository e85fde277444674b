package io.kilowire.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.NodePeer;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reading the event lines of {@code tools/ocpp-peer/server.js}, the ocpp-rpc CSMS in strict mode.
 */
final class OcppRpcCsms {
  static final Duration WAIT = Duration.ofSeconds(15);

  private OcppRpcCsms() {}

  /** Waits for the station's CALL of {@code action} whose payload matches; returns its event. */
  static JsonNode awaitCall(NodePeer csms, String action, Predicate<JsonNode> params) {
    return csms.await(
        e ->
            e.path("event").asText().equals("call")
                && e.path("action").asText().equals(action)
                && params.test(e.path("params")),
        WAIT);
  }

  /** Waits for the station's answer to the CSMS's CALL of {@code action}; returns its event. */
  static JsonNode awaitResult(NodePeer csms, String action) {
    return csms.await(
        e ->
            e.path("event").asText().equals("csmsCallResult")
                && e.path("action").asText().equals(action),
        WAIT);
  }

  /** How many CALLs of {@code action} with a matching payload the station has made. */
  static int calls(NodePeer csms, String action, Predicate<JsonNode> params) {
    return count(
        csms,
        e ->
            e.path("event").asText().equals("call")
                && e.path("action").asText().equals(action)
                && params.test(e.path("params")));
  }

  static int count(NodePeer csms, Predicate<JsonNode> match) {
    return (int) csms.events().stream().filter(match).count();
  }

  /**
   * No schema complaint from ocpp-rpc, no broken primitive-datatype rule and no CALLERROR,
   * whichever side would have sent it; and frames there were.
   */
  static void assertNoComplaints(NodePeer csms) {
    assertThat(csms.primitiveViolations()).as("primitive-datatype rules broken").isEmpty();
    List<JsonNode> events = csms.events();
    assertThat(events)
        .as("ocpp-rpc's view of the session")
        .noneMatch(e -> e.path("event").asText().equals("badMessage"))
        .noneMatch(e -> e.path("event").asText().equals("strictValidationFailure"))
        .noneMatch(e -> e.path("event").asText().equals("csmsCallError"))
        .noneMatch(e -> e.path("event").asText().equals("unparsed"))
        .noneMatch(
            e ->
                e.path("event").asText().equals("frame")
                    && e.path("frame").asText().startsWith("[4,"))
        .anyMatch(e -> e.path("event").asText().equals("frame"));
  }

  /**
   * A 2.0.1 station on a fake hardware, built to connect to the peer listening on {@code port} on
   * 127.0.0.1; not started.
   */
  static io.kilowire.core.runtime.StationRuntime station201(
      int port, String stationId, io.kilowire.core.testing.LazyHardware hardware) {
    io.kilowire.core.runtime.StationRuntime station =
        io.kilowire.core.runtime.StationRuntime.builder(
                io.kilowire.core.transport.TransportConfig.builder()
                    .csmsUrl(java.net.URI.create("ws://127.0.0.1:" + port))
                    .stationId(stationId)
                    .ocppVersions(io.kilowire.core.ocpp.OcppVersion.V201)
                    .securityProfile(0)
                    .build(),
                hardware)
            .build();
    hardware.fake = new io.kilowire.core.testing.FakeHardware(station.scheduler());
    return station;
  }

  /** {@code read} on the station's thread. */
  static <T> T on(
      io.kilowire.core.runtime.StationRuntime station, java.util.function.Supplier<T> read) {
    java.util.concurrent.atomic.AtomicReference<T> value =
        new java.util.concurrent.atomic.AtomicReference<>();
    station.call(() -> value.set(read.get()));
    return value.get();
  }

  /**
   * The outcomes of the CSMS's own calls, in order: each answer's status (empty for an answer
   * without one), or the CALLERROR's code and text.
   */
  static List<String> outcomes(NodePeer csms) {
    return csms.events().stream()
        .filter(e -> e.path("event").asText().startsWith("csmsCall"))
        .map(
            e ->
                e.has("result")
                    ? e.path("result").path("status").asText()
                    : e.path("code").asText() + ": " + e.path("error").asText())
        .toList();
  }

  /** Waits until the CSMS's own calls have had {@code n} outcomes. */
  static void awaitOutcomes(NodePeer csms, int n) {
    csms.await(e -> outcomes(csms).size() >= n, WAIT);
  }

  /** A 2.1 connection, security profile 0, as {@code stationId} to the peer on 127.0.0.1. */
  static io.kilowire.core.transport.TransportConfig config21(NodePeer csms, String stationId) {
    int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
    return io.kilowire.core.transport.TransportConfig.builder()
        .csmsUrl(java.net.URI.create("ws://127.0.0.1:" + port))
        .stationId(stationId)
        .ocppVersions(io.kilowire.core.ocpp.OcppVersion.V21)
        .securityProfile(0)
        .build();
  }

  /** {@code builder}'s station on {@code hardware}, given its fake board, started. */
  static io.kilowire.core.runtime.StationRuntime started(
      io.kilowire.core.testing.LazyHardware hardware,
      io.kilowire.core.runtime.StationRuntime.Builder builder) {
    io.kilowire.core.runtime.StationRuntime station = builder.build();
    hardware.fake = new io.kilowire.core.testing.FakeHardware(station.scheduler());
    station.start();
    return station;
  }
}
