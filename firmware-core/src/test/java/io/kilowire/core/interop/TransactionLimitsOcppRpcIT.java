package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * 2.1 transaction limits (E16) against ocpp-rpc in strict mode with the 2.1 schemas, over a real
 * WebSocket on 127.0.0.1: the CSMS answers the station's TransactionEvents with a transactionLimit;
 * the station confirms it (LimitSet, the limit in transactionInfo), and when the meter or the clock
 * passes it, offers the EV no more current and reports EnergyLimitReached / TimeLimitReached with
 * chargingState SuspendedEVSE; the transaction stays open until the EV leaves. Not one schema or
 * primitive-rule complaint on either side.
 */
class TransactionLimitsOcppRpcIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final double AMPS = 16;

  @Test
  void anEnergyLimitFromTheCsmsStopsTheEnergyOnceTheMeterPassesIt() {
    String reply = "{\"TransactionEvent\":{\"transactionLimit\":{\"maxEnergy\":500}}}";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", reply)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        FakeHardware fake = charging(csms, station, hardware);

        JsonNode set = awaitCall(csms, "TransactionEvent", p -> trigger(p, "LimitSet"));
        assertThat(limit(set).path("maxEnergy").asDouble()).isEqualTo(500.0);
        assertThat(fake.offeredCurrent(1)).isGreaterThanOrEqualTo(AMPS);

        station.call(() -> fake.meterAt(1, fake.read(1).energyWh() + 499));
        station.call(() -> fake.meterAt(1, fake.read(1).energyWh() + 2)); // 501 Wh delivered

        JsonNode reached =
            awaitCall(csms, "TransactionEvent", p -> trigger(p, "EnergyLimitReached"));
        assertThat(reached.path("params").path("eventType").asText()).isEqualTo("Updated");
        assertThat(reached.path("params").path("transactionInfo").path("chargingState").asText())
            .isEqualTo("SuspendedEVSE");
        assertThat(limit(reached).path("maxEnergy").asDouble()).isEqualTo(500.0);
        assertThat(on(station, () -> fake.offeredCurrent(1))).isZero();
        assertThat(on(station, () -> station.station().transaction(1).isPresent())).isTrue();

        station.call(() -> station.station().unplug(1));
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        assertNoComplaints(csms);
      }
    }
  }

  @Test
  void aTimeLimitFromTheCsmsStopsTheEnergyWhenItRunsOut() {
    String reply = "{\"TransactionEvent\":{\"transactionLimit\":{\"maxTime\":2}}}";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", reply)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        FakeHardware fake = charging(csms, station, hardware);
        Instant startedAt =
            on(station, () -> station.station().transaction(1).orElseThrow().startedAt());

        JsonNode set = awaitCall(csms, "TransactionEvent", p -> trigger(p, "LimitSet"));
        assertThat(limit(set).path("maxTime").asInt()).isEqualTo(2);
        JsonNode reached = awaitCall(csms, "TransactionEvent", p -> trigger(p, "TimeLimitReached"));

        Instant reportedAt = Instant.parse(reached.path("params").path("timestamp").asText());
        // Timestamps on the wire are cut to milliseconds.
        assertThat(reportedAt)
            .isAfterOrEqualTo(startedAt.plusSeconds(2).truncatedTo(ChronoUnit.MILLIS));
        assertThat(reached.path("params").path("transactionInfo").path("chargingState").asText())
            .isEqualTo("SuspendedEVSE");
        assertThat(on(station, () -> fake.offeredCurrent(1))).isZero();
        assertNoComplaints(csms);
      }
    }
  }

  @Test
  void aCostLimitIsReachedOnTheCostTheCsmsTells() {
    // No tariff at the station: the CSMS's totalCost (3.00) is the cost, over the limit (2.50).
    String reply =
        "{\"TransactionEvent\":{\"totalCost\":3.00,\"transactionLimit\":{\"maxCost\":2.50}}}";
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", reply)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        FakeHardware fake = charging(csms, station, hardware);

        JsonNode reached = awaitCall(csms, "TransactionEvent", p -> trigger(p, "CostLimitReached"));
        assertThat(limit(reached).path("maxCost").decimalValue())
            .isEqualByComparingTo(new java.math.BigDecimal("2.50"));
        assertThat(on(station, () -> fake.offeredCurrent(1))).isZero();
        assertNoComplaints(csms);
      }
    }
  }

  @Test
  void withTxStopPointEnergyTransferALimitReachedEndsTheTransaction() {
    String stopPoint =
        "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"attributeValue\":"
            + "\"EVConnected,Authorized,EnergyTransfer\",\"component\":{\"name\":\"TxCtrlr\"},"
            + "\"variable\":{\"name\":\"TxStopPoint\"}}]}}";
    String reply = "{\"TransactionEvent\":{\"transactionLimit\":{\"maxEnergy\":500}}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js", "--protocol", "ocpp2.1", "--reply", reply, "--csms-call", stopPoint)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        FakeHardware fake = hardware.fake;
        station.start();
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(
                set.path("result")
                    .path("setVariableResult")
                    .get(0)
                    .path("attributeStatus")
                    .asText())
            .isEqualTo("Accepted");
        station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
        station.call(() -> station.station().plugIn(1));
        station.call(() -> station.station().evCharging(1, true));
        awaitCall(csms, "TransactionEvent", p -> trigger(p, "LimitSet"));

        station.call(() -> fake.meterAt(1, fake.read(1).energyWh() + 600));

        JsonNode ended =
            awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        assertThat(ended.path("params").path("triggerReason").asText())
            .isEqualTo("EnergyLimitReached");
        assertThat(ended.path("params").path("transactionInfo").path("stoppedReason").asText())
            .isEqualTo("EnergyLimitReached");
        assertThat(on(station, () -> fake.offered(1))).isFalse();
        assertNoComplaints(csms);
      }
    }
  }

  /** Token, plug, the EV draws what the pilot offers: a transaction runs on EVSE 1. */
  private static FakeHardware charging(
      NodePeer csms, StationRuntime station, LazyHardware hardware) {
    hardware.fake = new FakeHardware(station.scheduler());
    FakeHardware fake = hardware.fake;
    fake.onOutputChange(
        h -> {
          double offered = h.offeredCurrent(1);
          h.draw(1, offered < 6 ? 0 : Math.min(AMPS, offered));
        });
    station.start();
    awaitCall(csms, "StatusNotification", p -> true);
    station.call(() -> station.station().presentToken(1, "04A1B2C3", "ISO14443"));
    awaitCall(csms, "Authorize", p -> true);
    station.call(() -> station.station().plugIn(1));
    station.call(() -> station.station().evCharging(1, true));
    awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
    return fake;
  }

  /** {@code read} on the station's thread. */
  private static <T> T on(StationRuntime station, Supplier<T> read) {
    AtomicReference<T> value = new AtomicReference<>();
    station.call(() -> value.set(read.get()));
    return value.get();
  }

  private static boolean trigger(JsonNode params, String reason) {
    return params.path("triggerReason").asText().equals(reason);
  }

  private static JsonNode limit(JsonNode call) {
    return call.path("params").path("transactionInfo").path("transactionLimit");
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-LIMITS")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
