package io.kilowire.emulator.control;

import static io.kilowire.emulator.control.StrictAnswers.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.NodePeer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 2.1 ExternalSetpoint from the site's local system over the emulator's control API: a
 * bidirectional wallbox (template ac-v2g-v21) with a V2G EV under a third-party CSMS (ocpp-rpc
 * strict, 2.1 schemas, real WebSocket on 127.0.0.1) whose TxProfile runs the mode with 16 A
 * charging and 10 A discharging. The EV follows the local setpoint, held within the CSMS's limits;
 * bad input is refused naming the field.
 */
class LocalSetpointIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void theEvFollowsTheLocalSetpointWithinTheCsmsLimits() throws Exception {
    try (NodePeer csms = NodePeer.start("server.js", "--protocol", "ocpp2.1")) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatorProcess emulator =
          EmulatorProcess.start(
              dir,
              "run",
              "--csms",
              "ws://127.0.0.1:" + port,
              "--template",
              "ac-v2g-v21",
              "--id-prefix",
              "EXSP-",
              "--control-port",
              "0",
              "--ev-mode",
              "none")) {
        ControlClient api = new ControlClient(emulator.controlUri(), null);
        String base = "/stations/EXSP-001";
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> assertThat(api.ok(api.get(base)).path("accepted").asBoolean()).isTrue());
        api.ok(
            api.post(
                base + "/evses/1/plug",
                "{\"model\":\"v2g\",\"hlc\":true,\"soc\":70,\"idToken\":\"DEADBEEF\"}"));
        String[] tx = new String[1];
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  tx[0] = api.ok(api.get(base)).at("/evses/0/transaction/id").asText();
                  assertThat(tx[0]).isNotEmpty();
                });
        // 11040 W charging, 6900 W discharging: 16 A and 10 A on three phases at 230 V.
        csms.send(
            "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":1,\"chargingProfile\":{"
                + "\"id\":21,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                + "\"chargingProfileKind\":\"Absolute\",\"transactionId\":\""
                + tx[0]
                + "\",\"chargingSchedule\":[{\"id\":1,\"startSchedule\":\"2020-01-01T00:00:00Z\","
                + "\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                + "\"limit\":11040,\"dischargeLimit\":-6900,"
                + "\"operationMode\":\"ExternalSetpoint\"}]}]}}}");
        JsonNode set = csms.awaitEvent("csmsCallResult", WAIT);
        assertThat(set.path("result").path("status").asText())
            .as(set.toString())
            .isEqualTo("Accepted");

        String setpoint = base + "/evses/1/external-setpoint";
        api.ok(api.put(setpoint, "{\"amps\":-8}"));
        drawsAbout(api, base, -8);
        // More than the CSMS allows: held at its 10 A discharge limit.
        api.ok(api.put(setpoint, "{\"amps\":-25}"));
        drawsAbout(api, base, -10);
        api.ok(api.put(setpoint, "{\"amps\":12}"));
        drawsAbout(api, base, 12);

        assertField(api.put(setpoint, "{}"), 400, "amps");
        assertField(api.put(setpoint, "{\"amps\":\"-8\"}"), 400, "amps");
        assertField(api.put(setpoint, "{\"amps\":5000}"), 400, "amps");
        assertField(api.put(setpoint, "{\"ampere\":5}"), 400, "ampere");
        assertField(api.put(base + "/evses/7/external-setpoint", "{\"amps\":5}"), 404, "evse");

        StrictAnswers.assertNoComplaints(csms);
      }
    }
  }

  /** EVSE 1's EV comes to draw about {@code amps} (negative: it feeds back). */
  private static void drawsAbout(ControlClient api, String base, double amps) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode evse = api.ok(api.get(base)).at("/evses/0");
              assertThat(evse.path("drawA").asDouble())
                  .as(evse.toString())
                  .isCloseTo(amps, org.assertj.core.data.Offset.offset(0.5));
            });
  }
}
