package io.kilowire.emulator.control;

import static io.kilowire.emulator.control.StrictAnswers.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.emulator.control.ControlClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of the control API, over HTTP against the emulator jar in its own JVM, its
 * stations connected to a CSMS on 127.0.0.1 that records every CALL ({@link TestCsms}): what the
 * API is told to do must reach the CSMS as the station's own OCPP messages. The random EVs are off
 * ({@code --ev-mode none}), so every EV and token the CSMS sees is the test's.
 */
class ControlApiIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void everyOperationOfTheApiReachesTheCsmsAsAnOcpp16StationsOwnMessages() throws Exception {
    try (TestCsms csms = TestCsms.start(OcppVersion.V16);
        TestCsms other = TestCsms.start(OcppVersion.V16);
        EmulatorProcess emulator =
            EmulatorProcess.start(
                dir,
                "run",
                "--csms",
                csms.uri().toString(),
                "--protocol",
                "ocpp1.6",
                "--id-prefix",
                "CTL16-",
                "--connectors",
                "2",
                "--control-port",
                "0",
                "--ev-mode",
                "none")) {
      ControlClient api = new ControlClient(emulator.controlUri(), null);
      ControlClient.Events events = api.events("");
      String id = "CTL16-001";
      String base = "/stations/" + id;
      csms.awaitCall(id, "BootNotification", WAIT);

      // The document and the list
      assertThat(
              api.ok(api.get("/openapi.json")).at("/paths").has("/stations/{id}/evses/{evse}/plug"))
          .isTrue();
      JsonNode list = api.ok(api.get("/stations"));
      assertThat(list.get(0).path("id").asText()).isEqualTo(id);
      assertThat(list.get(0).path("running").asBoolean()).isTrue();
      assertThat(api.ok(api.get("/evs")).findValuesAsText("name")).contains("suv", "city");

      // An EV of a named model plugs in; nothing more happens until a token is presented
      api.ok(api.post(base + "/evses/1/plug", "{\"model\":\"suv\",\"soc\":40}"));
      csms.awaitCall(id, "StatusNotification", p -> status(p, 1, "Preparing"), WAIT);
      api.ok(api.post(base + "/evses/1/token", "{\"idToken\":\"CTLTAG0001\"}"));
      csms.awaitCall(
          id, "StartTransaction", p -> p.path("idTag").asText().equals("CTLTAG0001"), WAIT);
      csms.awaitCall(id, "StatusNotification", p -> status(p, 1, "Charging"), WAIT);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                JsonNode evse = api.ok(api.get(base)).at("/evses/0");
                assertThat(evse.at("/transaction/idToken").asText()).isEqualTo("CTLTAG0001");
                assertThat(evse.at("/ev/maxA").asDouble()).isEqualTo(32);
                assertThat(evse.at("/pilot/dutyPercent").asDouble()).isPositive();
                assertThat(evse.at("/drawA").asDouble()).isPositive();
                assertThat(evse.at("/compositeSchedule/status").asText()).isEqualTo("Accepted");
              });

      // The EV stops and resumes taking energy by itself
      api.ok(api.post(base + "/evses/1/ev", "{\"charging\":false}"));
      csms.awaitCall(id, "StatusNotification", p -> status(p, 1, "SuspendedEV"), WAIT);
      int chargingBefore = count(csms, id, 1, "Charging");
      api.ok(api.post(base + "/evses/1/ev", "{\"charging\":true}"));
      await().atMost(WAIT).until(() -> count(csms, id, 1, "Charging") > chargingBefore);

      // A configuration key, as ChangeConfiguration from the CSMS would set it
      assertThat(
              api.ok(
                      api.put(
                          base + "/configuration",
                          "{\"key\":\"MeterValueSampleInterval\",\"value\":\"2\"}"))
                  .path("status")
                  .asText())
          .isEqualTo("Accepted");
      assertThat(
              csms.call(id, "GetConfiguration", "{\"key\":[\"MeterValueSampleInterval\"]}")
                  .at("/configurationKey/0/value")
                  .asText())
          .isEqualTo("2");
      assertThat(api.ok(api.get(base + "/configuration")).path("configurationKey").toString())
          .contains("\"key\":\"MeterValueSampleInterval\"");
      csms.awaitCall(id, "MeterValues", WAIT);
      events.await("a meter reading", e -> type(e, "meter") && e.path("evse").asInt() == 1);

      // A fault the core names (the transaction ends), and one only 1.6 names
      api.ok(api.post(base + "/evses/1/fault", "{\"errorCode\":\"GroundFailure\"}"));
      csms.awaitCall(
          id,
          "StatusNotification",
          p -> status(p, 1, "Faulted") && p.path("errorCode").asText().equals("GroundFailure"),
          WAIT);
      csms.awaitCall(id, "StopTransaction", WAIT);
      api.ok(api.delete(base + "/evses/1/fault"));
      api.ok(api.post(base + "/evses/2/fault", "{\"errorCode\":\"OverVoltage\"}"));
      csms.awaitCall(
          id,
          "StatusNotification",
          p -> status(p, 2, "Faulted") && p.path("errorCode").asText().equals("OverVoltage"),
          WAIT);
      api.ok(api.delete(base + "/evses/2/fault"));
      csms.awaitCall(id, "StatusNotification", p -> status(p, 2, "Available"), WAIT);

      // The EV leaves
      api.ok(api.post(base + "/evses/1/unplug", ""));
      await()
          .atMost(WAIT)
          .until(() -> api.ok(api.get(base)).at("/evses/0/status").asText().equals("Available"));

      // Any action the station may send, checked against the schema, answered by the CSMS
      Answer sent =
          api.post(
              base + "/ocpp/DataTransfer", "{\"vendorId\":\"kilowire\",\"messageId\":\"ctl\"}");
      assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
      assertThat(sent.at("/response/status").asText()).isEqualTo("UnknownVendorId");
      csms.awaitCall(id, "DataTransfer", p -> p.path("messageId").asText().equals("ctl"), WAIT);
      assertField(api.post(base + "/ocpp/DataTransfer", "{\"vendorId\":5}"), 400, "vendorId");
      assertField(
          api.post(base + "/ocpp/RemoteStartTransaction", "{\"idTag\":\"X\"}"), 400, "action");
      assertField(api.post(base + "/ocpp/NoSuchAction", "{}"), 404, "action");

      // A raw frame goes out as it is; the CSMS's answer shows on the event stream
      api.ok(api.post(base + "/frames", "[2,\"raw-ctl-1\",\"Heartbeat\",{}]"));
      events.await(
          "the answer to the raw frame",
          e ->
              type(e, "frame")
                  && e.path("dir").asText().equals("rx")
                  && e.path("id").asText().equals("raw-ctl-1"));

      // A frame the CSMS refuses: its CALLERROR shows on the stream and in the metrics
      api.ok(api.post(base + "/frames", "[2,\"raw-ctl-2\",\"Heartbeat\",{\"unexpected\":1}]"));
      JsonNode refused =
          events.await(
              "the CALLERROR for the bad raw frame",
              e ->
                  type(e, "frame")
                      && e.path("id").asText().equals("raw-ctl-2")
                      && e.path("messageType").asInt() == 4);
      String metrics = api.text("/metrics");
      assertThat(metrics)
          .contains("kilowire_ocpp_calls_total{action=\"BootNotification\",direction=\"tx\"} 1.0")
          .contains("kilowire_ocpp_calls_total{action=\"DataTransfer\",direction=\"tx\"} 1.0")
          .doesNotContain("action=\"RemoteStartTransaction\"")
          .contains(
              "kilowire_ocpp_call_errors_total{code=\""
                  + refused.path("errorCode").asText()
                  + "\",direction=\"rx\"} 1.0")
          .contains("kilowire_ocpp_call_round_trip_seconds_bucket{action=\"StartTransaction\"")
          .contains("kilowire_stations{state=\"connected\"} 1.0")
          .contains("kilowire_stations_accepted 1.0")
          .containsPattern("kilowire_energy_delivered_wh_total [1-9]")
          .contains("kilowire_transaction_queue_depth 0.0");

      // A network outage and its end
      api.ok(api.post(base + "/network/disconnect", ""));
      await().atMost(WAIT).until(() -> !csms.isConnected(id));
      assertThat(api.ok(api.get(base)).path("network").asText()).isEqualTo("down");
      assertThat(api.post(base + "/ocpp/Heartbeat", "{}").status()).isEqualTo(409);
      int connections = connections(csms, id);
      api.ok(api.post(base + "/network/connect", ""));
      await().atMost(WAIT).until(() -> connections(csms, id) > connections);

      // The station's certificate expires: it asks the CSMS for a new one at once (A03).
      api.ok(api.post(base + "/certificate/expire", ""));
      csms.awaitCall(id, "SignCertificate", WAIT);

      // Another CSMS: the station reboots and registers there
      api.ok(api.put(base + "/csms", "{\"url\":\"" + other.uri() + "\"}"));
      other.awaitCall(id, "BootNotification", WAIT);
      assertThat(api.ok(api.get(base)).path("csmsUrl").asText()).startsWith(other.uri().toString());
      assertField(api.put(base + "/csms", "{\"url\":\"http://127.0.0.1:1/\"}"), 400, "url");

      // Stop (power off) and start again: it boots anew, at the CSMS it was moved to
      api.ok(api.post(base + "/stop", ""));
      await().atMost(WAIT).until(() -> !other.isConnected(id));
      assertThat(api.ok(api.get("/stations")).get(0).path("running").asBoolean()).isFalse();
      assertThat(api.post(base + "/evses/1/plug", "{}").status()).isEqualTo(409);
      api.ok(api.post(base + "/start", ""));
      await().atMost(WAIT).until(() -> other.calls(id, "BootNotification").size() >= 2);

      // Stations added from the run's settings, one removed
      Answer added = api.post("/stations", "{\"count\":2}");
      assertThat(added.status()).as(added.toString()).isEqualTo(201);
      assertThat(added.at("/added").toString()).contains("CTL16-002", "CTL16-003");
      csms.awaitCall("CTL16-002", "BootNotification", WAIT);
      csms.awaitCall("CTL16-003", "BootNotification", WAIT);
      api.ok(api.delete("/stations/CTL16-003"));
      assertField(api.get("/stations/CTL16-003"), 404, "id");
      await().atMost(WAIT).until(() -> !csms.isConnected("CTL16-003"));

      // Bad requests name the field
      assertField(api.post(base + "/evses/1/plug", "{\"soc\":150}"), 400, "soc");
      assertField(api.post(base + "/evses/1/plug", "{\"model\":\"tractor\"}"), 400, "model");
      assertField(api.post(base + "/evses/1/plug", "{\"socc\":10}"), 400, "socc");
      assertField(api.post(base + "/evses/9/plug", "{}"), 404, "evse");
      assertField(
          api.post(base + "/evses/1/token", "{\"idToken\":\"" + "X".repeat(21) + "\"}"),
          400,
          "idToken");
      assertField(
          api.post(base + "/evses/1/fault", "{\"errorCode\":\"Meltdown\"}"), 400, "errorCode");
      assertField(api.post(base + "/evses/1/ev", "{\"charging\":\"no\"}"), 400, "charging");
      assertField(api.post("/stations", "{\"count\":0}"), 400, "count");
      assertField(api.post("/stations", "{\"template\":\"nope\"}"), 400, "template");
      assertField(
          api.put(base + "/configuration", "{\"key\":\"MeterValueSampleInterval\"}"), 400, "value");
      assertField(api.get("/stations/NOPE"), 404, "id");

      // The event stream carried frames both ways, status changes, transactions, limits, meter
      // readings and the connection's state
      Set<String> types = new HashSet<>();
      events.all().forEach(e -> types.add(e.path("type").asText()));
      assertThat(types)
          .contains(
              "frame", "status", "transaction", "output", "meter", "connection", "registration");
      assertThat(events.all())
          .anyMatch(e -> type(e, "frame") && e.path("dir").asText().equals("tx"))
          .anyMatch(e -> type(e, "output") && e.path("drawA").asDouble() > 0);

      // --ev-mode none: the only token the CSMS ever saw was the test's
      assertThat(csms.calls(id, "StartTransaction"))
          .allMatch(r -> r.payload().path("idTag").asText().equals("CTLTAG0001"));
      assertThat(emulator.stop()).as(emulator.output()).isZero();
    }
  }

  @Test
  void ocpp201StationsTakeTokensOfAnyTypeReportSuspendedEvProblemsAndVariables() throws Exception {
    try (TestCsms csms = TestCsms.start(OcppVersion.V201);
        EmulatorProcess emulator =
            EmulatorProcess.start(
                dir,
                "run",
                "--csms",
                csms.uri().toString(),
                "--protocol",
                "ocpp2.0.1",
                "--id-prefix",
                "CTL201-",
                "--connectors",
                "1",
                "--control-port",
                "0",
                "--ev-mode",
                "none")) {
      ControlClient api = new ControlClient(emulator.controlUri(), null);
      String id = "CTL201-001";
      String base = "/stations/" + id;
      csms.awaitCall(id, "BootNotification", WAIT);

      api.ok(
          api.post(
              base + "/evses/1/plug",
              "{\"batteryKwh\":50,\"maxA\":10,\"phases\":1,\"soc\":20,"
                  + "\"idToken\":\"DEKWE1234567890\",\"tokenType\":\"eMAID\"}"));
      csms.awaitCall(
          id,
          "TransactionEvent",
          p ->
              p.at("/idToken/idToken").asText().equals("DEKWE1234567890")
                  && p.at("/idToken/type").asText().equals("eMAID"),
          WAIT);
      csms.awaitCall(
          id,
          "TransactionEvent",
          p -> p.at("/transactionInfo/chargingState").asText().equals("Charging"),
          WAIT);
      api.ok(api.post(base + "/evses/1/ev", "{\"charging\":false}"));
      csms.awaitCall(
          id,
          "TransactionEvent",
          p -> p.at("/transactionInfo/chargingState").asText().equals("SuspendedEV"),
          WAIT);
      JsonNode state = api.ok(api.get(base));
      assertThat(state.at("/evses/0/ev/phases").asInt()).isEqualTo(1);
      assertThat(state.at("/evses/0/ev/wantsEnergy").asBoolean()).isFalse();

      // A device-model variable, as SetVariables would set it
      JsonNode result =
          api.ok(
              api.put(
                  base + "/configuration",
                  "{\"component\":{\"name\":\"SampledDataCtrlr\"},"
                      + "\"variable\":{\"name\":\"TxUpdatedInterval\"},\"value\":\"7\"}"));
      assertThat(result.path("attributeStatus").asText()).isEqualTo("Accepted");
      JsonNode read =
          csms.call(
              id,
              "GetVariables",
              "{\"getVariableData\":[{\"component\":{\"name\":\"SampledDataCtrlr\"},"
                  + "\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}");
      assertThat(read.at("/getVariableResult/0/attributeValue").asText()).isEqualTo("7");
      assertField(
          api.put(
              base + "/configuration",
              "{\"component\":{},\"variable\":{\"name\":\"TxUpdatedInterval\"},\"value\":\"7\"}"),
          400,
          "component.name");

      // The driver refuses the tariff: de-authorized, the transaction ends (2.1: TariffNotAccepted)
      api.ok(api.post(base + "/evses/1/tariff/refuse", ""));
      csms.awaitCall(
          id,
          "TransactionEvent",
          p ->
              p.path("eventType").asText().equals("Ended")
                  && p.at("/transactionInfo/stoppedReason").asText().equals("DeAuthorized"),
          WAIT);
      assertThat(api.post(base + "/evses/1/tariff/refuse", "").status())
          .as("nothing left to refuse")
          .isEqualTo(409);

      // A problem, as EVSE.Problem with its cause
      api.ok(api.post(base + "/evses/1/fault", "{\"problem\":\"HighTemperature\"}"));
      csms.awaitCall(
          id,
          "NotifyEvent",
          p ->
              p.at("/eventData/0/variable/name").asText().equals("Problem")
                  && p.at("/eventData/0/techCode").asText().equals("HighTemperature"),
          WAIT);
      assertField(api.post(base + "/evses/1/fault", "{\"problem\":\"Smoke\"}"), 400, "problem");
      assertField(
          api.post(base + "/evses/1/token", "{\"idToken\":\"A\",\"type\":\"Passport\"}"),
          400,
          "type");
      // An RFID UID is hex (Part 2 primitives): a strict CSMS would refuse the transaction's frames
      assertField(api.post(base + "/evses/1/token", "{\"idToken\":\"NOT-HEX1\"}"), 400, "idToken");
      assertField(
          api.post(base + "/evses/1/token", "{\"idToken\":\"0A1B2C3D4E\",\"type\":\"ISO15693\"}"),
          400,
          "idToken");

      Answer sent = api.post(base + "/ocpp/Heartbeat", "{}");
      assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
      assertThat(sent.at("/response/currentTime").asText()).isNotEmpty();
      assertThat(emulator.stop()).isZero();
    }
  }

  @Test
  void withATokenEveryRequestMustCarryIt() throws Exception {
    try (TestCsms csms = TestCsms.start(OcppVersion.V16);
        EmulatorProcess emulator =
            EmulatorProcess.start(
                dir,
                "run",
                "--csms",
                csms.uri().toString(),
                "--control-port",
                "0",
                "--control-token",
                "s3cret",
                "--ev-mode",
                "none")) {
      var uri = emulator.controlUri();
      assertField(new ControlClient(uri, null).get("/stations"), 401, "token");
      assertField(new ControlClient(uri, "wrong").get("/stations"), 401, "token");
      assertThat(new ControlClient(uri, "s3cret").get("/stations").status()).isEqualTo(200);
    }
  }

  private static boolean status(JsonNode p, int connector, String status) {
    return p.path("connectorId").asInt() == connector && p.path("status").asText().equals(status);
  }

  private static int count(TestCsms csms, String id, int connector, String status) {
    return (int)
        csms.calls(id, "StatusNotification").stream()
            .filter(r -> status(r.payload(), connector, status))
            .count();
  }

  private static int connections(TestCsms csms, String id) {
    return (int) csms.events().stream().filter(e -> e.equals("connected " + id)).count();
  }

  private static boolean type(JsonNode event, String type) {
    return event.path("type").asText().equals(type);
  }
}
