package io.kilowire.emulator.control;

import static io.kilowire.emulator.control.StrictAnswers.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.testing.NodePeer;
import io.kilowire.emulator.control.ControlClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 2.1 K29 end to end: a third-party CSMS (ocpp-rpc strict, 2.1 schemas, real WebSocket on
 * 127.0.0.1) installs a station maximum of 20 A, a fallback TxDefaultProfile of 16 A and a Dynamic
 * TxDefaultProfile of 10 A with a 4 s duration; the site's local system then updates the Dynamic
 * profile over the emulator's control API. What EVSE 1 offers (and its EV draws) follows the local
 * updates, never above the station's maximum; without an update for the duration the station falls
 * back to the 16 A profile, and the next update brings the Dynamic one back. Bad input is refused
 * naming the field.
 */
class LocalDynamicUpdateIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String START = "\"startSchedule\":\"2020-01-01T00:00:00Z\",";

  @TempDir Path dir;

  private static String profile(int evse, String body) {
    return "{\"action\":\"SetChargingProfile\",\"params\":{\"evseId\":"
        + evse
        + ",\"chargingProfile\":"
        + body
        + "}}";
  }

  private static final String CSMS_CALLS =
      "["
          + profile(
              0,
              "{\"id\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargingStationMaxProfile\","
                  + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                  + START
                  + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                  + "\"limit\":20}]}]}")
          + ","
          + profile(
              1,
              "{\"id\":2,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                  + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":[{\"id\":1,"
                  + START
                  + "\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,"
                  + "\"limit\":16}]}]}")
          + ","
          + profile(
              1,
              "{\"id\":9,\"stackLevel\":1,\"chargingProfilePurpose\":\"TxDefaultProfile\","
                  + "\"chargingProfileKind\":\"Dynamic\",\"chargingSchedule\":[{\"id\":1,"
                  + "\"duration\":4,\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":["
                  + "{\"startPeriod\":0,\"limit\":10}]}]}")
          + "]";

  @Test
  void aLocalSystemsUpdatesReachTheEvseWithinTheStationsLimitsAndLapseAfterTheDuration()
      throws Exception {
    try (NodePeer csms =
        NodePeer.start("server.js", "--protocol", "ocpp2.1", "--csms-call", CSMS_CALLS)) {
      int port = csms.awaitEvent("ready", WAIT).get("port").asInt();
      try (EmulatorProcess emulator =
          EmulatorProcess.start(
              dir,
              "run",
              "--csms",
              "ws://127.0.0.1:" + port,
              "--protocol",
              "ocpp2.1",
              "--id-prefix",
              "K29-",
              "--connectors",
              "1",
              "--control-port",
              "0",
              "--ev-mode",
              "none")) {
        ControlClient api = new ControlClient(emulator.controlUri(), null);
        String base = "/stations/K29-001";
        Predicate<JsonNode> setAnswered =
            e ->
                e.path("event").asText().startsWith("csmsCall")
                    && e.path("action").asText().equals("SetChargingProfile");
        await().atMost(WAIT).until(() -> csms.events().stream().filter(setAnswered).count() >= 3);
        assertThat(csms.events().stream().filter(setAnswered))
            .allSatisfy(
                e ->
                    assertThat(e.path("result").path("status").asText())
                        .as(e.toString())
                        .isEqualTo("Accepted"));

        api.ok(
            api.post(
                base + "/evses/1/plug", "{\"model\":\"suv\",\"soc\":40,\"idToken\":\"DEADBEEF\"}"));
        await()
            .atMost(WAIT)
            .untilAsserted(
                () ->
                    assertThat(api.ok(api.get(base)).at("/evses/0/transaction/id").asText())
                        .isNotEmpty());

        // Above the station's maximum: the EVSE is offered the maximum, no more.
        assertThat(update(api, base, 9, "{\"limit\":40}").path("status").asText())
            .isEqualTo("Accepted");
        awaitOffer(api, base, 20);
        assertThat(update(api, base, 9, "{\"limit\":6}").path("status").asText())
            .isEqualTo("Accepted");
        awaitOffer(api, base, 6);

        // No update for the schedule's 4 s: the profile lapses, the 16 A fallback applies
        // (K29.FR.07); the next update makes it valid again (K29.FR.08).
        awaitOffer(api, base, 16);
        update(api, base, 9, "{\"limit\":7}");
        awaitOffer(api, base, 7);

        assertField(api.post(base + "/dynamic-profiles/9", "{\"limit\":-1}"), 400, "limit");
        assertField(
            api.post(base + "/dynamic-profiles/9", "{\"dischargeLimit\":3}"),
            400,
            "dischargeLimit");
        assertField(api.post(base + "/dynamic-profiles/9", "{}"), 400, "limit");
        assertField(api.post(base + "/dynamic-profiles/9", "{\"limt\":5}"), 400, "limt");
        assertField(api.post(base + "/dynamic-profiles/x", "{\"limit\":5}"), 400, "profileId");
        assertField(api.post(base + "/dynamic-profiles/77", "{\"limit\":5}"), 404, "profileId");
        Answer notDynamic = api.post(base + "/dynamic-profiles/2", "{\"limit\":5}");
        assertThat(notDynamic.status()).as(notDynamic.toString()).isEqualTo(409);

        StrictAnswers.assertNoComplaints(csms);
      }
    }
  }

  private static JsonNode update(ControlClient api, String base, int profileId, String body) {
    return api.ok(api.post(base + "/dynamic-profiles/" + profileId, body));
  }

  /** EVSE 1 comes to offer {@code amps}, and its EV never draws more than it is offered. */
  private static void awaitOffer(ControlClient api, String base, double amps) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode evse = api.ok(api.get(base)).at("/evses/0");
              assertThat(evse.path("pilot").path("offeredA").asDouble())
                  .as(evse.toString())
                  .isEqualTo(amps);
              assertThat(evse.path("drawA").asDouble())
                  .as(evse.toString())
                  .isLessThanOrEqualTo(amps + 1e-9);
            });
  }
}
