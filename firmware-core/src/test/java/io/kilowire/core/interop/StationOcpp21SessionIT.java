package io.kilowire.core.interop;

import static io.kilowire.core.interop.OcppRpcCsms.assertNoComplaints;
import static io.kilowire.core.interop.OcppRpcCsms.awaitCall;
import static io.kilowire.core.interop.OcppRpcCsms.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.V201Variables;
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
 * A whole OCPP 2.1 session, the full {@link StationRuntime} negotiating {@code ocpp2.1}, against
 * ocpp-rpc in strict mode with the 2.1 schemas: boot, status, a charging profile in 2.1's shape,
 * the device model (GetBaseReport with its NotifyReport pages, GetVariables), TriggerMessage, a
 * remote start with its Authorize, a transaction with meter values, a remote stop, a reset and the
 * boot after it. Every CALL and answer on both sides passes the 2.1 schemas and the primitive
 * rules, and the profile's limit reaches the EVSE.
 */
class StationOcpp21SessionIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TOKEN = "04A1B2C3";

  /** A TxDefaultProfile as a 2.1 CSMS writes it: operationMode and 2.1's period layout. */
  private static final String TX_DEFAULT_10A =
      "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
          + "\"id\":7,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
          + "\"chargingProfileKind\":\"Relative\",\"chargingSchedule\":[{\"id\":1,"
          + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
          + "\"limit\":10,\"numberPhases\":3,\"operationMode\":\"ChargingOnly\"}]}]}}}";

  /** The device model and a trigger, as in the 2.0.1 session. */
  private static final String DEVICE_MODEL_CALLS =
      "{\"action\":\"GetBaseReport\",\"params\":{\"requestId\":1,\"reportBase\":\"FullInventory\"}},"
          + "{\"action\":\"GetVariables\",\"params\":{\"getVariableData\":[{\"component\":"
          + "{\"name\":\"OCPPCommCtrlr\"},\"variable\":{\"name\":\"HeartbeatInterval\"}}]}},"
          + "{\"action\":\"TriggerMessage\",\"params\":{\"requestedMessage\":\"StatusNotification\","
          + "\"evse\":{\"id\":1,\"connectorId\":1}}}";

  @Test
  void aFull21SessionPassesOcppRpcStrictModeWithoutASingleComplaint() {
    try (NodePeer csms =
        NodePeer.start(
            "server.js",
            "--protocol",
            "ocpp2.1",
            "--csms-call",
            "[" + TX_DEFAULT_10A + "," + DEVICE_MODEL_CALLS + "]")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      LazyHardware hardware = new LazyHardware();
      try (StationRuntime station =
          StationRuntime.builder(config(port), hardware)
              .v201DeviceModel(
                  d ->
                      d.initial(V201Variables.SampledDataCtrlr.TX_UPDATED_INTERVAL, 1)
                          .initial(V201Variables.AuthCtrlr.AUTHORIZE_REMOTE_START, true))
              .build()) {
        hardware.fake = new FakeHardware(station.scheduler());
        station.start();

        assertThat(csms.awaitEvent("connected", WAIT).path("protocol").asText())
            .isEqualTo("ocpp2.1");
        awaitCall(csms, "BootNotification", p -> true);
        awaitCall(csms, "StatusNotification", p -> true);
        awaitResult(csms, "SetChargingProfile", "Accepted");
        awaitResult(csms, "GetBaseReport", "Accepted");
        awaitCall(csms, "NotifyReport", p -> !p.path("tbc").asBoolean());
        JsonNode variables =
            csms.await(
                e ->
                    e.path("event").asText().startsWith("csmsCall")
                        && e.path("action").asText().equals("GetVariables"),
                WAIT);
        assertThat(variables.at("/result/getVariableResult/0/attributeStatus").asText())
            .as(variables.toString())
            .isEqualTo("Accepted");
        awaitResult(csms, "TriggerMessage", "Accepted");

        csms.send(
            "{\"action\":\"RequestStartTransaction\",\"params\":{\"evseId\":1,\"remoteStartId\":3,"
                + "\"idToken\":{\"idToken\":\""
                + TOKEN
                + "\",\"type\":\"ISO14443\"}}}");
        awaitResult(csms, "RequestStartTransaction", "Accepted");
        // AuthorizeRemoteStart: the station asks the CSMS about the remote start's token.
        awaitCall(csms, "Authorize", p -> p.path("idToken").path("idToken").asText().equals(TOKEN));
        station.call(() -> station.station().plugIn(1));
        station.call(() -> hardware.fake.draw(1, 10));
        station.call(() -> station.station().evCharging(1, true));
        JsonNode started =
            awaitCall(
                csms, "TransactionEvent", p -> p.path("eventType").asText().equals("Started"));
        String transactionId =
            started.path("params").path("transactionInfo").path("transactionId").asText();
        assertThat(started.path("params").path("transactionInfo").path("remoteStartId").asInt())
            .isEqualTo(3);
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
        // The 2.1 TxDefaultProfile of 10 A is the limit in force on the EVSE.
        await()
            .atMost(WAIT)
            .untilAsserted(() -> assertThat(hardware.fake.offeredCurrent(1)).isEqualTo(10.0));

        // A TxProfile in another operation mode: the mode in force changes, the station says so
        // (2.1 OperationModeChanged), and again when the profile is cleared.
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":8,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Relative\",\"transactionId\":\""
                + transactionId
                + "\",\"chargingSchedule\":[{\"id\":2,\"chargingRateUnit\":\"A\","
                + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":8,"
                + "\"operationMode\":\"ExternalLimits\"}]}]}}}");
        awaitResult(csms, "SetChargingProfile", "Accepted");
        awaitModeChange(csms, transactionId, "ExternalLimits");
        csms.send("{\"action\":\"ClearChargingProfile\",\"params\":{\"chargingProfileId\":8}}");
        awaitResult(csms, "ClearChargingProfile", "Accepted");
        awaitModeChange(csms, transactionId, "ChargingOnly");

        csms.send(
            "{\"action\":\"RequestStopTransaction\",\"params\":{\"transactionId\":\""
                + transactionId
                + "\"}}");
        awaitResult(csms, "RequestStopTransaction", "Accepted");
        awaitCall(
            csms,
            "TransactionEvent",
            p ->
                p.path("eventType").asText().equals("Ended")
                    && p.path("triggerReason").asText().equals("RemoteStop"));
        station.call(() -> station.station().unplug(1));

        csms.send("{\"action\":\"Reset\",\"params\":{\"type\":\"OnIdle\"}}");
        awaitResult(csms, "Reset", "Accepted");
        awaitCall(csms, "BootNotification", p -> p.path("reason").asText().equals("RemoteReset"));
        awaitCall(csms, "StatusNotification", p -> true);
      }

      assertNoComplaints(csms);
      assertThat(csms.events())
          .filteredOn(e -> e.path("event").asText().equals("connected"))
          .as("the station negotiated 2.1 again after the reset")
          .hasSizeGreaterThanOrEqualTo(2)
          .allMatch(e -> e.path("protocol").asText().equals("ocpp2.1"));
    }
  }

  private static TransportConfig config(int port) {
    return TransportConfig.builder()
        .csmsUrl(URI.create("ws://127.0.0.1:" + port))
        .stationId("KW-RPC-V21")
        .ocppVersions(OcppVersion.V21)
        .securityProfile(0)
        .build();
  }

  private static void awaitModeChange(NodePeer csms, String transactionId, String mode) {
    awaitCall(
        csms,
        "TransactionEvent",
        p ->
            p.path("eventType").asText().equals("Updated")
                && p.path("triggerReason").asText().equals("OperationModeChanged")
                && p.at("/transactionInfo/transactionId").asText().equals(transactionId)
                && p.at("/transactionInfo/operationMode").asText().equals(mode));
  }

  private static void awaitResult(NodePeer csms, String action, String status) {
    JsonNode done =
        csms.await(
            e ->
                e.path("event").asText().startsWith("csmsCall")
                    && e.path("action").asText().equals(action),
            WAIT);
    assertThat(done.path("event").asText()).as(done.toString()).isEqualTo("csmsCallResult");
    assertThat(done.path("result").path("status").asText()).as(done.toString()).isEqualTo(status);
  }
}
