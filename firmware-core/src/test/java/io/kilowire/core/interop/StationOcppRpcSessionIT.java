package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static io.kilowire.core.interop.OcppRpcCsms.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.StationRuntime;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole station session, the full {@link StationRuntime} with its own messages, against a
 * third-party CSMS: ocpp-rpc in strict mode checks every CALL the station sends and every answer it
 * gives against the OCA schemas. Boot, status, a CSMS's configuration queries (with the 2.0.1 base
 * report's NotifyReport pages), authorization, a transaction with meter values, its end: not one
 * schema complaint and not one CALLERROR on either side.
 */
class StationOcppRpcSessionIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** An ISO14443 token as OCPP 2.0.1 defines it: a 4-byte card UID in hex. */
  private static final String TOKEN = "04A1B2C3";

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aFullStationSessionPassesOcppRpcStrictModeWithoutASingleComplaint(OcppVersion version) {
    boolean v16 = version == OcppVersion.V16;
    String csmsCalls =
        v16
            ? "[{\"action\":\"GetConfiguration\",\"params\":{}},"
                + "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":\"MeterValues\",\"connectorId\":1}}]"
            : "[{\"action\":\"GetBaseReport\",\"params\":{\"requestId\":1,\"reportBase\":\"FullInventory\"}},"
                + "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}},"
                + "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":\"MeterValues\",\"evse\":{\"id\":1}}}]";
    try (NodePeer csms =
        NodePeer.start(
            "server.js", "--protocol", version.subprotocol(), "--csms-call", csmsCalls)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port, version), hardware)
              .v16Configuration(c -> c.initial(V16Keys.METER_VALUE_SAMPLE_INTERVAL, 1))
              .v201DeviceModel(
                  d -> d.initial(V201Variables.SampledDataCtrlr.TX_UPDATED_INTERVAL, 1))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();

        awaitCall(csms, "BootNotification", p -> true);
        awaitCall(csms, "StatusNotification", p -> true);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    count(csms, e -> e.path("event").asText().startsWith("csmsCall"))
                        == (v16 ? 2 : 3));
        if (!v16) {
          awaitCall(csms, "NotifyReport", p -> !p.path("tbc").asBoolean());
        }

        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        awaitCall(csms, "Authorize", p -> true);
        station.call(() -> station.station().plugIn(1));
        station.call(() -> hardware.fake.draw(1, 16));
        station.call(() -> station.station().evCharging(1, true));
        if (v16) {
          awaitCall(csms, "StartTransaction", p -> true);
          await()
              .atMost(WAIT)
              .until(
                  () -> calls(csms, "MeterValues", p -> p.path("transactionId").asInt() == 1) >= 2);
        } else {
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      calls(
                              csms,
                              "TransactionEvent",
                              p ->
                                  p.path("eventType").asText().equals("Updated")
                                      && p.has("meterValue"))
                          >= 2);
        }
        station.call(() -> station.station().presentToken(1, TOKEN, "ISO14443"));
        if (v16) {
          awaitCall(csms, "StopTransaction", p -> p.path("transactionId").asInt() == 1);
        } else {
          awaitCall(csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Ended"));
        }
        station.call(() -> station.station().unplug(1));
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  int[] queued = new int[1];
                  station.call(() -> queued[0] = station.station().queuedTransactionMessages());
                  return queued[0] == 0;
                });
        String statusField = v16 ? "status" : "connectorStatus";
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  List<JsonNode> statuses =
                      csms.events().stream()
                          .filter(e -> e.path("event").asText().equals("call"))
                          .filter(e -> e.path("action").asText().equals("StatusNotification"))
                          .toList();
                  return statuses.size() > 2
                      && statuses
                          .get(statuses.size() - 1)
                          .path("params")
                          .path(statusField)
                          .asText()
                          .equals("Available");
                });
      }

      assertNoComplaints(csms);
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("csmsCallResult"))
          .hasSize(v16 ? 2 : 3)
          .allMatch(e -> !e.path("result").path("status").asText().equals("Rejected"));
    }
  }

  private static TransportConfig config(int port, OcppVersion version) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-" + version.name())
        .ocppVersions(version)
        .securityProfile(0)
        .build();
  }
}
