package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 2.1 Reset ImmediateAndResume (B13) between the full {@link StationRuntime} and ocpp-rpc in
 * strict mode with the 2.1 schemas, over a real WebSocket: Rejected while TxCtrlr.ResumptionTimeout
 * is 0; once the CSMS set it, the station reboots on a new connection without ending its
 * transaction and reports it resumed (TxResumed, same transactionId), SuspendedEVSE and no energy
 * at the output while AllowEnergyTransferResumption is false, Charging with energy once it is true.
 */
class ResumingResetOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TOKEN = "04A1B2C3";

  private static final String RESUME =
      "{\"action\":\"Reset\",\"params\":{\"type\":\"ImmediateAndResume\"}}";

  /** A CSMS CALL setting TxCtrlr.{@code variable} to {@code value}. */
  static String txCtrlr(String variable, String value) {
    return "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"component\":"
        + "{\"name\":\"TxCtrlr\"},\"variable\":{\"name\":\""
        + variable
        + "\"},\"attributeValue\":\""
        + value
        + "\"}]}}";
  }

  @Test
  void aTransactionOutlivesAResumingResetAndComesBackAsTheSettingsSay() {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "[" + RESUME + "," + txCtrlr("ResumptionTimeout", "60") + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();

        // ResumptionTimeout 0 (the default): the station cannot resume, so it refuses.
        assertThat(result(csms, "Reset", 1).path("status").asText()).isEqualTo("Rejected");
        assertThat(
                result(csms, "SetVariables", 1).at("/setVariableResult/0/attributeStatus").asText())
            .isEqualTo("Accepted");

        String id = startCharging(csms, station, hardware);
        awaitCall(
            csms,
            "TransactionEvent",
            p -> p.at("/transactionInfo/chargingState").asText().equals("Charging"));
        await().atMost(WAIT).until(() -> hardware.fake.read(1).currentA().l1() == 16.0);

        // Energy transfer not allowed to resume: the transaction comes back suspended.
        csms.send(RESUME);
        assertThat(result(csms, "Reset", 2).path("status").asText()).isEqualTo("Accepted");
        awaitCall(csms, "BootNotification", p -> p.path("reason").asText().equals("RemoteReset"));
        JsonNode suspended = awaitResumed(csms, id, 1);
        assertThat(suspended.at("/params/transactionInfo/chargingState").asText())
            .isEqualTo("SuspendedEVSE");
        assertThat(suspended.at("/params/customData").isMissingNode()).isTrue();
        assertThat(hardware.fake.offered(1)).isFalse();
        assertThat(hardware.fake.read(1).currentA().l1()).isZero();

        // Allowed now: after the next resuming reset the EV draws again.
        csms.send(txCtrlr("AllowEnergyTransferResumption", "true"));
        result(csms, "SetVariables", 2);
        csms.send(RESUME);
        JsonNode charging = awaitResumed(csms, id, 2);
        assertThat(charging.at("/params/transactionInfo/chargingState").asText())
            .isEqualTo("Charging");
        await().atMost(WAIT).until(() -> hardware.fake.read(1).currentA().l1() == 16.0);
        assertThat(
                calls(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended")))
            .isZero();
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * B13 with evseId: only that EVSE resets, in place; its transaction goes on (TxResumed, Charging,
   * the EV draws again) and the station neither reboots nor registers again. An unknown EVSE is
   * Rejected.
   */
  @Test
  void oneEvseResetsAloneAndItsTransactionGoesOn() {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "["
                + txCtrlr("ResumptionTimeout", "60")
                + ","
                + txCtrlr("AllowEnergyTransferResumption", "true")
                + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station = StationRuntime.builder(config(port), hardware).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        result(csms, "SetVariables", 2);

        String id = startCharging(csms, station, hardware);
        await().atMost(WAIT).until(() -> hardware.fake.read(1).currentA().l1() == 16.0);

        csms.send(
            "{\"action\":\"Reset\",\"params\":{\"type\":\"ImmediateAndResume\",\"evseId\":9}}");
        assertThat(result(csms, "Reset", 1).path("status").asText()).isEqualTo("Rejected");
        csms.send(
            "{\"action\":\"Reset\",\"params\":{\"type\":\"ImmediateAndResume\",\"evseId\":1}}");
        assertThat(result(csms, "Reset", 2).path("status").asText()).isEqualTo("Accepted");
        JsonNode resumed = awaitResumed(csms, id, 1);
        assertThat(resumed.at("/params/transactionInfo/chargingState").asText())
            .isEqualTo("Charging");
        await().atMost(WAIT).until(() -> hardware.fake.read(1).currentA().l1() == 16.0);
        assertThat(calls(csms, "BootNotification", p -> true)).isEqualTo(1);
        assertThat(
                calls(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended")))
            .isZero();
      }
      assertNoComplaints(csms);
    }
  }

  /**
   * E17: the station dies mid-transaction (its state directory as a power cut leaves it: copied
   * while it runs, the station itself then cut off) and a new one starts on that state: within
   * ResumptionTimeout the transaction goes on (TxResumed, Charging) and the EV draws again.
   */
  @Test
  void aTransactionAPowerCutInterruptedGoesOnAfterTheRestart(@TempDir Path dir) throws Exception {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "["
                + txCtrlr("ResumptionTimeout", "60")
                + ","
                + txCtrlr("AllowEnergyTransferResumption", "true")
                + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      Path before = dir.resolve("before");
      Path after = dir.resolve("after");
      String id;
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware).stateDir(before).build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        result(csms, "SetVariables", 2);
        id = startCharging(csms, station, hardware);
        awaitCall(
            csms,
            "TransactionEvent",
            p -> p.at("/transactionInfo/chargingState").asText().equals("Charging"));
        // What a power cut leaves on disk: the state as it is, written by the station's thread.
        station.call(() -> copy(before, after));
        // This station is gone: nothing more of it reaches the CSMS.
        csms.send("{\"offline\":true}");
        csms.awaitEvent("closed", WAIT);
      }
      csms.send("{\"offline\":false}");

      LazyHardware restarted = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), restarted).stateDir(after).build()) {
        restarted.fake = new FakeHardware(station.scheduler());
        restarted.fake.draw(1, 16);
        station.start();
        JsonNode resumed = awaitResumed(csms, id, 1);
        assertThat(resumed.at("/params/transactionInfo/chargingState").asText())
            .isEqualTo("Charging");
        await().atMost(WAIT).until(() -> restarted.fake.read(1).currentA().l1() == 16.0);
        assertThat(
                calls(
                    csms,
                    "TransactionEvent",
                    p ->
                        p.path("eventType").asText().equals("Ended")
                            && p.at("/transactionInfo/transactionId").asText().equals(id)))
            .isZero();
      }
      assertNoComplaints(csms);
    }
  }

  /** Copies a state directory as a power cut leaves it (call on the station's thread). */
  static void copy(Path from, Path to) {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A driver's token, the EV plugged in drawing 16 A and charging on EVSE 1; its transaction id.
   */
  private static String startCharging(
      NodePeer csms, StationRuntime station, LazyHardware hardware) {
    station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
    awaitCall(csms, "Authorize", p -> true);
    station.call(() -> station.station().plugIn(1));
    station.call(() -> hardware.fake.draw(1, 16));
    String id =
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"))
            .at("/params/transactionInfo/transactionId")
            .asText();
    station.call(() -> station.station().evCharging(1, true));
    return id;
  }

  /** Waits for the {@code nth} TxResumed of {@code id}; returns it. */
  private static JsonNode awaitResumed(NodePeer csms, String id, int nth) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                calls(
                        csms,
                        "TransactionEvent",
                        p ->
                            p.path("triggerReason").asText().equals("TxResumed")
                                && p.path("eventType").asText().equals("Updated")
                                && p.at("/transactionInfo/transactionId").asText().equals(id))
                    >= nth);
    return csms.events().stream()
        .filter(
            e ->
                e.path("event").asText().equals("call")
                    && e.path("action").asText().equals("TransactionEvent")
                    && e.at("/params/triggerReason").asText().equals("TxResumed"))
        .skip(nth - 1)
        .findFirst()
        .orElseThrow();
  }

  /** The answer to the {@code nth} CSMS CALL of {@code action}; fails on a CALLERROR. */
  private static JsonNode result(NodePeer csms, String action, int nth) {
    java.util.function.Predicate<JsonNode> answer =
        e ->
            e.path("event").asText().startsWith("csmsCall")
                && e.path("action").asText().equals(action);
    await().atMost(WAIT).until(() -> OcppRpcCsms.count(csms, answer) >= nth);
    JsonNode done = csms.events().stream().filter(answer).skip(nth - 1).findFirst().orElseThrow();
    assertThat(done.path("event").asText()).as(done.toString()).isEqualTo("csmsCallResult");
    return done.path("result");
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-V21-RESUME")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }
}
