package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.on;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lossless offline on OCPP 2.1, between the full {@link StationRuntime} (journal and snapshots in a
 * state directory) and ocpp-rpc in strict mode with the 2.1 schemas, over a real WebSocket on
 * 127.0.0.1, which checks every frame. The CSMS sets an energy limit (E16) and goes away; offline
 * the transaction's EV stops and starts and the limit is reached; then the power is cut (the state
 * directory as it was, the station gone) and a new station starts on it within ResumptionTimeout.
 * Every TransactionEvent reaches the CSMS once, in order, seqNo gap-free, those of the outage with
 * offline true; the limit reached offline is reported in 2.1's words (EnergyLimitReached, the
 * limit, SuspendedEVSE), the transaction resumes (TxResumed), and its limit still holds: no
 * current.
 */
class LosslessOfflineOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TOKEN = "04A1B2C3";
  private static final double AMPS = 16;

  @Test
  void whatHappenedOfflineReachesTheCsmsInOrderAndInItsOwnWordsAfterAPowerCut(@TempDir Path dir)
      throws Exception {
    String reply = "{\"TransactionEvent\":{\"transactionLimit\":{\"maxEnergy\":500}}}";
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            reply,
            "--csms-call",
            "["
                + ResumingResetOcpp21IT.txCtrlr("ResumptionTimeout", "120")
                + ","
                + ResumingResetOcpp21IT.txCtrlr("AllowEnergyTransferResumption", "true")
                + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      Path before = dir.resolve("before");
      Path after = dir.resolve("after");
      String id;
      double register;
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware).stateDir(before).build()) {
        FakeHardware fake = followingThePilot(hardware, station);
        station.start();
        await()
            .atMost(WAIT)
            .until(() -> OcppRpcCsms.count(csms, e -> isCallResult(e, "SetVariables")) == 2);
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        station.call(() -> station.station().plugIn(1));
        station.call(() -> station.station().evCharging(1, true));
        id =
            awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"))
                .at("/params/transactionInfo/transactionId")
                .asText();
        awaitCall(csms, "TransactionEvent", p -> trigger(p, "LimitSet"));

        csms.send("{\"offline\":true}");
        csms.awaitEvent("closed", WAIT);
        // Offline: the EV pauses and goes on, then the meter passes the limit.
        station.call(() -> station.station().evCharging(1, false));
        station.call(() -> station.station().evCharging(1, true));
        station.call(() -> fake.meterAt(1, fake.read(1).energyWh() + 600));
        await().atMost(WAIT).until(() -> on(station, () -> fake.offeredCurrent(1)) == 0);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    on(station, () -> station.station().transactionLimits().reachedBy(id))
                        .isPresent());
        // What a power cut leaves on disk: the state as it is, written by the station's thread.
        AtomicReference<Double> meter = new AtomicReference<>();
        station.call(
            () -> {
              meter.set(fake.read(1).energyWh());
              ResumingResetOcpp21IT.copy(before, after);
            });
        register = meter.get();
      }
      csms.send("{\"offline\":false}");

      LazyHardware restarted = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), restarted).stateDir(after).build()) {
        FakeHardware fake = followingThePilot(restarted, station);
        fake.meterAt(1, register); // the meter kept its register through the outage
        station.start();
        JsonNode resumed = awaitCall(csms, "TransactionEvent", p -> trigger(p, "TxResumed"));
        assertThat(resumed.at("/params/transactionInfo/transactionId").asText()).isEqualTo(id);

        List<JsonNode> events = transactionEvents(csms, id);
        List<Integer> seqNos = events.stream().map(e -> e.path("seqNo").asInt()).toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < seqNos.size(); i++) {
          expected.add(i);
        }
        assertThat(seqNos).as("every event once, in order, gap-free").isEqualTo(expected);
        JsonNode reached =
            events.stream()
                .filter(e -> trigger(e, "EnergyLimitReached"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no EnergyLimitReached in " + events));
        assertThat(reached.path("offline").asBoolean()).isTrue();
        assertThat(reached.at("/transactionInfo/chargingState").asText())
            .isEqualTo("SuspendedEVSE");
        assertThat(reached.at("/transactionInfo/transactionLimit/maxEnergy").asDouble())
            .isEqualTo(500.0);
        List<JsonNode> offline =
            events.subList(
                events.indexOf(
                        events.stream().filter(e -> trigger(e, "LimitSet")).findFirst().get())
                    + 1,
                events.indexOf(resumed.path("params")));
        assertThat(offline)
            .as("the events of the outage")
            .hasSizeGreaterThanOrEqualTo(2)
            .allMatch(e -> e.path("offline").asBoolean());
        assertThat(events).allMatch(e -> e.path("customData").isMissingNode());
        // The CSMS's limit again is no news: the station kept it through the power cut.
        assertThat(events.stream().filter(e -> trigger(e, "LimitSet"))).hasSize(1);
        assertThat(on(station, () -> station.station().transaction(1).isPresent())).isTrue();
        assertThat(on(station, () -> fake.offeredCurrent(1))).isZero();
      }
      assertNoComplaints(csms);
    }
  }

  /** The fake hardware of {@code station}, its EV drawing what the pilot offers, up to 16 A. */
  private static FakeHardware followingThePilot(LazyHardware hardware, StationRuntime station) {
    hardware.fake = new FakeHardware(station.scheduler());
    hardware.fake.onOutputChange(
        h -> h.draw(1, h.offeredCurrent(1) < 6 ? 0 : Math.min(AMPS, h.offeredCurrent(1))));
    return hardware.fake;
  }

  /** The TransactionEvents of {@code id} as the CSMS received them, in order. */
  private static List<JsonNode> transactionEvents(NodePeer csms, String id) {
    return csms.events().stream()
        .filter(
            e ->
                e.path("event").asText().equals("call")
                    && e.path("action").asText().equals("TransactionEvent")
                    && e.at("/params/transactionInfo/transactionId").asText().equals(id))
        .map(e -> e.path("params"))
        .toList();
  }

  private static boolean isCallResult(JsonNode event, String action) {
    return event.path("event").asText().equals("csmsCallResult")
        && event.path("action").asText().equals(action);
  }

  private static boolean trigger(JsonNode params, String reason) {
    return params.path("triggerReason").asText().equals(reason);
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-V21-LOSSLESS")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
