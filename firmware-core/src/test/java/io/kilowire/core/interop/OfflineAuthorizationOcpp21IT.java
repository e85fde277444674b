package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.configuration.V21TxVariables;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 2.1's authorization rules between the full {@link StationRuntime} and ocpp-rpc in strict mode
 * with the 2.1 schemas, over a real WebSocket: a transaction started offline for an unknown token
 * (OfflineTxForUnknownIdEnabled), reported with offline true once the CSMS is back and judged
 * Invalid there, loses its energy at the output (StopTxOnInvalidId false) and ends with the token
 * that started it; a cached token that is not Accepted is asked about again unless the CSMS set
 * AuthCacheCtrlr.DisablePostAuthorize, after which it is refused without an Authorize; with
 * TxCtrlr.MaxEnergyOnInvalidId an invalid token's transaction takes that much energy first.
 */
class OfflineAuthorizationOcpp21IT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  // ISO14443 tokens are a card's UID in hex (the peer checks the format).
  private static final String UNKNOWN = "0A1B2C3D";
  private static final String BLOCKED = "0B0B0B0B";
  private static final String OTHER = "0C0C0C0C";

  /** A CSMS that finds every transaction's token Invalid. */
  private static final String INVALID_TOKENS =
      "{\"TransactionEvent\":{\"idTokenInfo\":{\"status\":\"Invalid\"}}}";

  /** The settings of both offline cases: unknown tokens start offline, Invalid suspends. */
  private static io.kilowire.core.configuration.DeviceModel.Builder offlineRules(
      io.kilowire.core.configuration.DeviceModel.Builder d) {
    return d.initial(V201Variables.AuthCtrlr.OFFLINE_TX_FOR_UNKNOWN_ID_ENABLED, true)
        .initial(V201Variables.TxCtrlr.STOP_TX_ON_INVALID_ID, false);
  }

  /** The CSMS goes away; an unknown token starts a session there and the EV draws 16 A. */
  private static void startOffline(NodePeer csms, StationRuntime station, LazyHardware hardware) {
    csms.send("{\"offline\":true}");
    csms.awaitEvent("closed", WAIT);
    station.call(() -> station.station().presentToken(1, UNKNOWN, "ISO14443"));
    station.call(() -> station.station().plugIn(1));
    station.call(() -> hardware.fake.draw(1, 16));
    station.call(() -> station.station().evCharging(1, true));
    await().atMost(WAIT).until(() -> hardware.fake.read(1).currentA().l1() == 16.0);
  }

  @Test
  void aTransactionStartedOfflineForAnUnknownTokenIsSuspendedWhenTheCsmsSaysInvalid() {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", INVALID_TOKENS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, "KW-RPC-V21-OFFLINE"), hardware)
              .v201DeviceModel(OfflineAuthorizationOcpp21IT::offlineRules)
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        awaitCall(csms, "BootNotification", p -> true);
        awaitCall(csms, "StatusNotification", p -> true);

        // The CSMS goes away: the station starts the session on its own.
        startOffline(csms, station, hardware);
        assertThat(calls(csms, "Authorize", p -> true)).isZero();

        // Back online: the queued start goes out marked offline; the CSMS calls the token Invalid.
        csms.send("{\"offline\":false}");
        JsonNode started =
            awaitCall(
                csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        assertThat(started.at("/params/offline").asBoolean()).isTrue();
        assertThat(started.at("/params/idToken/idToken").asText()).isEqualTo(UNKNOWN);
        String id = started.at("/params/transactionInfo/transactionId").asText();
        // StopTxOnInvalidId false: the transaction stays, without energy at the output.
        await().atMost(WAIT).until(() -> !hardware.fake.offered(1));
        assertThat(hardware.fake.read(1).currentA().l1()).isZero();
        assertThat(
                calls(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended")))
            .isZero();

        // The outage's entry and exit reached the CSMS as 2.1 NotifyEvents.
        awaitCall(
            csms,
            "NotifyEvent",
            p ->
                p.at("/eventData/0/techCode").asText().equals("CsmsOffline")
                    && p.at("/eventData/0/actualValue").asText().equals("true"));
        awaitCall(
            csms,
            "NotifyEvent",
            p ->
                p.at("/eventData/0/techCode").asText().equals("CsmsOffline")
                    && p.at("/eventData/0/actualValue").asText().equals("false"));

        // The token that started it ends it.
        station.call(() -> station.station().presentToken(1, UNKNOWN, "ISO14443"));
        JsonNode ended =
            awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        assertThat(ended.at("/params/transactionInfo/transactionId").asText()).isEqualTo(id);
        assertThat(ended.at("/params/triggerReason").asText()).isEqualTo("StopAuthorized");
      }
      assertNoComplaints(csms);
    }
  }

  @Test
  void aCachedTokenThatIsNotAcceptedIsRefusedWithoutAuthorizeOnceThePostAuthorizeIsDisabled() {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--reply",
            "{\"Authorize\":{\"idTokenInfo\":{\"status\":\"Blocked\"}}}")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, "KW-RPC-V21-POSTAUTH"), hardware)
              .v201DeviceModel(d -> d.initial(V201Variables.AuthCtrlr.LOCAL_PRE_AUTHORIZE, true))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        awaitCall(csms, "StatusNotification", p -> true);

        // Asked once: Blocked, and cached so.
        present(station, BLOCKED);
        await().atMost(WAIT).until(() -> authorizations(csms, BLOCKED) == 1);
        // Post-authorization on (the default): the cached Blocked is asked about again.
        present(station, BLOCKED);
        await().atMost(WAIT).until(() -> authorizations(csms, BLOCKED) == 2);

        csms.send(
            "{\"action\":\"SetVariables\",\"params\":{\"setVariableData\":[{\"component\":"
                + "{\"name\":\"AuthCacheCtrlr\"},\"variable\":{\"name\":\"DisablePostAuthorize\"},"
                + "\"attributeValue\":\"true\"}]}}");
        JsonNode set =
            csms.await(
                e ->
                    e.path("event").asText().startsWith("csmsCall")
                        && e.path("action").asText().equals("SetVariables"),
                WAIT);
        assertThat(set.at("/result/setVariableResult/0/attributeStatus").asText())
            .as(set.toString())
            .isEqualTo("Accepted");

        // Now refused at once; the next token's Authorize shows the station got that far.
        present(station, BLOCKED);
        present(station, OTHER);
        await().atMost(WAIT).until(() -> authorizations(csms, OTHER) == 1);
        assertThat(authorizations(csms, BLOCKED)).isEqualTo(2);
        assertThat(station.station().transaction(1)).isEmpty();
        assertThat(hardware.fake.offered(1)).isFalse();
      }
      assertNoComplaints(csms);
    }
  }

  @Test
  void anInvalidTokensTransactionTakesMaxEnergyOnInvalidIdBeforeItsEnergyStops() {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--reply", INVALID_TOKENS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, "KW-RPC-V21-MAXENERGY"), hardware)
              .v201DeviceModel(
                  d -> offlineRules(d).initial(V21TxVariables.MAX_ENERGY_ON_INVALID_ID, 500))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();
        awaitCall(csms, "StatusNotification", p -> true);
        hardware.fake.meterAt(1, 10_000);
        startOffline(csms, station, hardware);

        csms.send("{\"offline\":false}");
        awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        // Invalid, but 500 Wh may still flow: the EV keeps drawing.
        await()
            .during(Duration.ofSeconds(2))
            .atMost(WAIT)
            .until(() -> hardware.fake.offered(1) && hardware.fake.read(1).currentA().l1() > 0);
        // The allowance is used up: the energy stops, the transaction stays.
        hardware.fake.meterAt(1, 10_500);
        await().atMost(WAIT).until(() -> !hardware.fake.offered(1));
        assertThat(hardware.fake.read(1).currentA().l1()).isZero();
        assertThat(station.station().transaction(1)).isPresent();
      }
      assertNoComplaints(csms);
    }
  }

  private static void present(StationRuntime station, String token) {
    station.call(() -> station.station().presentToken(1, token, "ISO14443"));
  }

  private static int authorizations(NodePeer csms, String token) {
    return calls(csms, "Authorize", p -> p.at("/idToken/idToken").asText().equals(token));
  }

  private static TransportConfig config(int port, String stationId) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId(stationId)
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 2)
        .refusalBackOffLimit(Duration.ofSeconds(1))
        .build();
  }
}
