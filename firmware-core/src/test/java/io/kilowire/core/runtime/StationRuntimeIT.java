package io.kilowire.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowire.core.configuration.V16Keys;
import io.kilowire.core.configuration.V201Variables;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.FakeHardware;
import io.kilowire.core.testing.LazyHardware;
import io.kilowire.core.testing.TestCsms;
import io.kilowire.core.testing.TestCsms.Received;
import io.kilowire.core.transport.TransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole station ({@link StationRuntime}) over real WebSockets on 127.0.0.1 against a scripted
 * CSMS ({@link TestCsms}), in both OCPP versions: provisioning, a full transaction, the CSMS's
 * commands, configuration that survives a restart, and an outage in the middle of a transaction.
 * Intervals are one second or less so the whole class stays fast.
 */
class StationRuntimeIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir Path dir;

  private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
  private TestCsms csms;

  @AfterEach
  void closeEverything() throws Exception {
    while (!cleanup.isEmpty()) {
      cleanup.pop().close();
    }
  }

  // ------------------------------------------------------------------------------ provisioning

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void theStationBootsReportsEveryEvseAvailableAndHeartbeats(OcppVersion version) {
    csms(version).bootInterval(1);
    Station s = station(version, b -> b.evses(2));

    Received boot = csms.awaitCall(s.id, "BootNotification", WAIT);
    if (version == OcppVersion.V16) {
      assertThat(boot.at("/chargePointVendor").asText()).isEqualTo("Kilowire");
      assertThat(boot.at("/chargePointModel").asText()).isEqualTo("KW-1");
    } else {
      assertThat(boot.at("/chargingStation/vendorName").asText()).isEqualTo("Kilowire");
      assertThat(boot.at("/reason").asText()).isEqualTo("PowerUp");
    }
    s.awaitStatus(1, "Available");
    s.awaitStatus(2, "Available");
    csms.awaitCall(s.id, "Heartbeat", WAIT);

    assertThat(csms.calls().get(0).action()).isEqualTo("BootNotification");
    assertThat(csms.calls(s.id, "BootNotification")).hasSize(1);
  }

  @Test
  void ocpp16GetAndChangeConfigurationAnswerAndAShorterHeartbeatIntervalTakesEffect() {
    csms(OcppVersion.V16).bootInterval(600);
    Station s = station(OcppVersion.V16, b -> b);
    s.awaitStatus(1, "Available");

    JsonNode all = csms.call(s.id, "GetConfiguration", "{}");
    assertThat(all.at("/configurationKey").findValuesAsText("key"))
        .contains("HeartbeatInterval", "MeterValueSampleInterval", "NumberOfConnectors");
    JsonNode some =
        csms.call(s.id, "GetConfiguration", "{\"key\":[\"HeartbeatInterval\",\"NoSuchKey\"]}");
    assertThat(some.at("/unknownKey/0").asText()).isEqualTo("NoSuchKey");
    assertThat(some.at("/configurationKey/0/readonly").asBoolean()).isFalse();
    assertThat(
            csms.call(
                    s.id, "ChangeConfiguration", "{\"key\":\"NumberOfConnectors\",\"value\":\"4\"}")
                .at("/status")
                .asText())
        .isEqualTo("Rejected");
    assertThat(
            csms.call(s.id, "ChangeConfiguration", "{\"key\":\"NoSuchKey\",\"value\":\"1\"}")
                .at("/status")
                .asText())
        .isEqualTo("NotSupported");
    assertThat(csms.calls(s.id, "Heartbeat")).isEmpty();

    assertThat(
            csms.call(
                    s.id, "ChangeConfiguration", "{\"key\":\"HeartbeatInterval\",\"value\":\"1\"}")
                .at("/status")
                .asText())
        .isEqualTo("Accepted");

    assertThat(
            csms.call(s.id, "GetConfiguration", "{\"key\":[\"HeartbeatInterval\"]}")
                .at("/configurationKey/0/value")
                .asText())
        .isEqualTo("1");
    awaitHeartbeatsAboutOneSecondApart(s);
  }

  @Test
  void ocpp201GetAndSetVariablesAnswerAndAShorterHeartbeatIntervalTakesEffect() {
    csms(OcppVersion.V201).bootInterval(600);
    Station s = station(OcppVersion.V201, b -> b);
    s.awaitStatus(1, "Available");

    JsonNode set =
        csms.call(
            s.id,
            "SetVariables",
            "{\"setVariableData\":["
                + "{\"attributeValue\":\"1\",\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                + "\"variable\":{\"name\":\"HeartbeatInterval\"}},"
                + "{\"attributeValue\":\"1\",\"component\":{\"name\":\"NoSuchCtrlr\"},"
                + "\"variable\":{\"name\":\"HeartbeatInterval\"}},"
                + "{\"attributeValue\":\"x\",\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                + "\"variable\":{\"name\":\"NoSuchVariable\"}}]}");
    assertThat(set.at("/setVariableResult").findValuesAsText("attributeStatus"))
        .containsExactly("Accepted", "UnknownComponent", "UnknownVariable");

    JsonNode got =
        csms.call(
            s.id,
            "GetVariables",
            "{\"getVariableData\":[{\"component\":{\"name\":\"OCPPCommCtrlr\"},"
                + "\"variable\":{\"name\":\"HeartbeatInterval\"}}]}");
    assertThat(got.at("/getVariableResult/0/attributeStatus").asText()).isEqualTo("Accepted");
    assertThat(got.at("/getVariableResult/0/attributeValue").asText()).isEqualTo("1");
    awaitHeartbeatsAboutOneSecondApart(s);
  }

  private void awaitHeartbeatsAboutOneSecondApart(Station s) {
    await().atMost(WAIT).until(() -> csms.calls(s.id, "Heartbeat").size() >= 2);
    List<Received> beats = csms.calls(s.id, "Heartbeat");
    for (int i = 1; i < beats.size(); i++) {
      Duration gap = Duration.between(beats.get(i - 1).at(), beats.get(i).at());
      assertThat(gap).isBetween(Duration.ofMillis(600), Duration.ofMillis(2500));
    }
  }

  @Test
  void getBaseReportIsFollowedByNotifyReportPagesNumberedFromZeroWithTbcOnAllButTheLast() {
    csms(OcppVersion.V201);
    Station s =
        station(
            OcppVersion.V201,
            b ->
                b.v201DeviceModel(
                    d ->
                        d.initial(V201Variables.DeviceDataCtrlr.ITEMS_PER_MESSAGE_GET_REPORT, 20)));
    s.awaitStatus(1, "Available");

    JsonNode answer =
        csms.call(s.id, "GetBaseReport", "{\"requestId\":7,\"reportBase\":\"FullInventory\"}");

    assertThat(answer.at("/status").asText()).isEqualTo("Accepted");
    await()
        .atMost(WAIT)
        .until(
            () -> {
              List<Received> pages = csms.calls(s.id, "NotifyReport");
              return !pages.isEmpty() && !pages.get(pages.size() - 1).at("/tbc").asBoolean();
            });
    List<Received> pages = csms.calls(s.id, "NotifyReport");
    assertThat(pages.size()).isGreaterThan(1);
    List<String> variables = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      Received page = pages.get(i);
      assertThat(page.at("/requestId").asInt()).isEqualTo(7);
      assertThat(page.at("/seqNo").asInt()).isEqualTo(i);
      assertThat(page.at("/tbc").asBoolean()).isEqualTo(i < pages.size() - 1);
      assertThat(page.at("/reportData").size()).isBetween(1, 20);
      page.at("/reportData")
          .forEach(
              d ->
                  variables.add(
                      String.join(
                          "/",
                          d.at("/component/name").asText(),
                          d.at("/component/instance").asText(),
                          d.at("/component/evse/id").asText(),
                          d.at("/component/evse/connectorId").asText(),
                          d.at("/variable/name").asText(),
                          d.at("/variable/instance").asText())));
    }
    assertThat(variables).contains("OCPPCommCtrlr////HeartbeatInterval/").doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void changedConfigurationSurvivesARestartOnTheSameStateDirectory(OcppVersion version) {
    csms(version);
    Path state = dir.resolve("state");
    String id = nextId();
    Station first = station(version, id, b -> b.stateDir(state));
    first.awaitStatus(1, "Available");
    if (version == OcppVersion.V16) {
      assertThat(
              csms.call(
                      id,
                      "ChangeConfiguration",
                      "{\"key\":\"MeterValueSampleInterval\",\"value\":\"7\"}")
                  .at("/status")
                  .asText())
          .isEqualTo("Accepted");
    } else {
      assertThat(
              csms.call(
                      id, "SetVariables", setVariable("SampledDataCtrlr", "TxUpdatedInterval", "7"))
                  .at("/setVariableResult/0/attributeStatus")
                  .asText())
          .isEqualTo("Accepted");
    }
    first.runtime.close();
    cleanup.remove(first.runtime);

    Station second = station(version, id, b -> b.stateDir(state));
    await().atMost(WAIT).until(() -> csms.calls(id, "BootNotification").size() == 2);
    await().atMost(WAIT).until(() -> csms.isConnected(id));

    assertThat(second.runtime.settings().sampleInterval()).isEqualTo(Duration.ofSeconds(7));
    if (version == OcppVersion.V16) {
      assertThat(
              csms.call(id, "GetConfiguration", "{\"key\":[\"MeterValueSampleInterval\"]}")
                  .at("/configurationKey/0/value")
                  .asText())
          .isEqualTo("7");
    } else {
      assertThat(
              csms.call(
                      id,
                      "GetVariables",
                      "{\"getVariableData\":[{\"component\":{\"name\":\"SampledDataCtrlr\"},"
                          + "\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}")
                  .at("/getVariableResult/0/attributeValue")
                  .asText())
          .isEqualTo("7");
    }
  }

  // ------------------------------------------------------------------------------ transactions

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aFullTransactionReportsRisingEnergyAndEndsWithTheSameTokenPresentedAgain(
      OcppVersion version) {
    csms(version);
    Station s = station(version, StationRuntimeIT::sampleEverySecond);
    s.awaitStatus(1, "Available");

    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    csms.awaitCall(s.id, "Authorize", WAIT);
    if (version == OcppVersion.V16) {
      s.awaitStatus(1, "Preparing");
    }
    s.run(st -> st.plugIn(1));
    String tx = s.awaitStarted();
    s.draw(1, 16);
    s.run(st -> st.evCharging(1, true));
    if (version == OcppVersion.V16) {
      s.awaitStatus(1, "Charging");
    } else {
      s.awaitStatus(1, "Occupied");
    }
    await().atMost(WAIT).until(() -> s.updates(tx).size() >= 3);
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    JsonNode end = s.awaitEnded(tx);
    s.run(st -> st.unplug(1));
    s.awaitStatus(1, "Available");

    List<Double> energy = new ArrayList<>();
    for (Received update : s.updates(tx)) {
      energy.add(energyOf(update.at("/meterValue")));
    }
    assertThat(energy.subList(1, energy.size()))
        .as("energy of the meter values while charging: %s", energy)
        .isSortedAccordingTo(Double::compare)
        .doesNotHaveDuplicates();
    if (version == OcppVersion.V16) {
      Received start = csms.calls(s.id, "StartTransaction").get(0);
      assertThat(start.at("/idTag").asText()).isEqualTo("TAG1");
      assertThat(start.at("/connectorId").asInt()).isEqualTo(1);
      assertThat(end.at("/transactionId").asText()).isEqualTo(tx);
      assertThat(end.at("/reason").asText()).isEqualTo("Local");
      assertThat(end.at("/meterStop").asDouble())
          .isGreaterThanOrEqualTo(energy.get(energy.size() - 1) - 0.5)
          .isGreaterThan(start.at("/meterStart").asDouble());
      assertThat(s.statuses(1))
          .containsSubsequence("Available", "Preparing", "Charging", "Finishing", "Available");
    } else {
      List<Received> events = s.transactionEvents(tx);
      assertThat(events.get(0).at("/eventType").asText()).isEqualTo("Started");
      assertThat(events.get(0).at("/idToken/idToken").asText()).isEqualTo("TAG1");
      assertThat(events.get(0).at("/evse/id").asInt()).isEqualTo(1);
      assertSeqNosAreGapFree(events);
      assertThat(end.at("/transactionInfo/stoppedReason").asText()).isEqualTo("Local");
      assertThat(end.at("/triggerReason").asText()).isEqualTo("StopAuthorized");
      assertThat(energyOf(end.at("/meterValue")))
          .isGreaterThanOrEqualTo(energy.get(energy.size() - 1));
      assertThat(events).allMatch(e -> !e.at("/offline").asBoolean());
      assertThat(s.statuses(1)).containsSubsequence("Available", "Occupied", "Available");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aRemoteStartBeginsTheTransactionOnPlugInAndARemoteStopEndsIt(OcppVersion version) {
    csms(version);
    Station s = station(version, b -> b);
    s.awaitStatus(1, "Available");

    JsonNode started =
        version == OcppVersion.V16
            ? csms.call(s.id, "RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"REMOTE1\"}")
            : csms.call(
                s.id,
                "RequestStartTransaction",
                "{\"evseId\":1,\"remoteStartId\":42,"
                    + "\"idToken\":{\"idToken\":\"REMOTE1\",\"type\":\"Central\"}}");
    assertThat(started.at("/status").asText()).isEqualTo("Accepted");
    s.run(st -> st.plugIn(1));
    String tx = s.awaitStarted();

    JsonNode stopped =
        version == OcppVersion.V16
            ? csms.call(s.id, "RemoteStopTransaction", "{\"transactionId\":" + tx + "}")
            : csms.call(s.id, "RequestStopTransaction", "{\"transactionId\":\"" + tx + "\"}");
    assertThat(stopped.at("/status").asText()).isEqualTo("Accepted");
    JsonNode end = s.awaitEnded(tx);

    if (version == OcppVersion.V16) {
      assertThat(csms.calls(s.id, "StartTransaction").get(0).at("/idTag").asText())
          .isEqualTo("REMOTE1");
      assertThat(end.at("/reason").asText()).isEqualTo("Remote");
    } else {
      Received first = s.transactionEvents(tx).get(0);
      assertThat(first.at("/triggerReason").asText()).isEqualTo("RemoteStart");
      assertThat(first.at("/transactionInfo/remoteStartId").asInt()).isEqualTo(42);
      assertThat(first.at("/idToken/idToken").asText()).isEqualTo("REMOTE1");
      assertThat(end.at("/triggerReason").asText()).isEqualTo("RemoteStop");
      assertThat(end.at("/transactionInfo/stoppedReason").asText()).isEqualTo("Remote");
    }
    JsonNode again =
        version == OcppVersion.V16
            ? csms.call(s.id, "RemoteStopTransaction", "{\"transactionId\":" + tx + "}")
            : csms.call(s.id, "RequestStopTransaction", "{\"transactionId\":\"" + tx + "\"}");
    assertThat(again.at("/status").asText())
        .as("a stop for an ended transaction")
        .isEqualTo("Rejected");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void changeAvailabilityTakesAnIdleEvseOutOfServiceAtOnceAndABusyOneAfterItsTransaction(
      OcppVersion version) {
    csms(version);
    Station s = station(version, b -> b);
    s.awaitStatus(1, "Available");

    assertThat(
            csms.call(s.id, "ChangeAvailability", availability(version, false))
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    s.awaitStatus(1, "Unavailable");
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    s.run(st -> st.plugIn(1));
    assertThat(csms.calls(s.id, "Authorize")).isEmpty();
    assertThat(
            csms.call(s.id, "ChangeAvailability", availability(version, true))
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    s.awaitStatus(1, version == OcppVersion.V16 ? "Preparing" : "Occupied");

    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    String tx = s.awaitStarted();
    assertThat(
            csms.call(s.id, "ChangeAvailability", availability(version, false))
                .at("/status")
                .asText())
        .isEqualTo("Scheduled");
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    s.awaitEnded(tx);
    s.awaitStatus(1, "Unavailable");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aResetEndsTheTransactionAndTheStationBootsOnANewConnectionWithItsStateKept(
      OcppVersion version) {
    csms(version);
    Station s = station(version, b -> b);
    s.awaitStatus(1, "Available");
    String interval =
        version == OcppVersion.V16
            ? "{\"key\":\"MeterValueSampleInterval\",\"value\":\"1234\"}"
            : setVariable("SampledDataCtrlr", "TxUpdatedInterval", "1234");
    csms.call(s.id, version == OcppVersion.V16 ? "ChangeConfiguration" : "SetVariables", interval);
    s.run(st -> st.plugIn(1));
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    String tx = s.awaitStarted();

    JsonNode reset =
        csms.call(
            s.id,
            "Reset",
            version == OcppVersion.V16 ? "{\"type\":\"Soft\"}" : "{\"type\":\"Immediate\"}");

    assertThat(reset.at("/status").asText()).isEqualTo("Accepted");
    Received ended = s.awaitEndedCall(tx);
    assertThat(ended.connection()).as("the transaction ends before the reboot").isEqualTo(1);
    JsonNode end = ended.payload();
    if (version == OcppVersion.V16) {
      assertThat(end.at("/reason").asText()).isEqualTo("SoftReset");
    } else {
      assertThat(end.at("/transactionInfo/stoppedReason").asText()).isEqualTo("ImmediateReset");
      assertThat(end.at("/triggerReason").asText()).isEqualTo("ResetCommand");
    }
    Received boot =
        await()
            .atMost(WAIT)
            .until(() -> csms.calls(s.id, "BootNotification"), b -> b.size() == 2)
            .get(1);
    // A reboot closes the connection and registers on a new one.
    assertThat(boot.connection()).isEqualTo(2);
    assertThat(csms.events())
        .filteredOn(e -> e.endsWith(" " + s.id))
        .startsWith("connected " + s.id, "disconnected " + s.id, "connected " + s.id);
    if (version == OcppVersion.V201) {
      assertThat(boot.at("/reason").asText()).isEqualTo("RemoteReset");
    }
    List<String> order = s.actions();
    assertThat(order.lastIndexOf("BootNotification"))
        .as("the transaction ends before the station reboots: %s", order)
        .isGreaterThan(order.indexOf(version == OcppVersion.V16 ? "StopTransaction" : "Reset"));
    // After the reboot the station reports its connectors again and keeps working.
    await()
        .atMost(WAIT)
        .until(
            () -> {
              List<String> after = s.actions();
              return after
                  .subList(after.lastIndexOf("BootNotification"), after.size())
                  .contains("StatusNotification");
            });
    JsonNode after =
        version == OcppVersion.V16
            ? csms.call(s.id, "GetConfiguration", "{\"key\":[\"MeterValueSampleInterval\"]}")
                .at("/configurationKey/0/value")
            : csms.call(
                    s.id,
                    "GetVariables",
                    "{\"getVariableData\":[{\"component\":{\"name\":\"SampledDataCtrlr\"},"
                        + "\"variable\":{\"name\":\"TxUpdatedInterval\"}}]}")
                .at("/getVariableResult/0/attributeValue");
    assertThat(after.asText()).isEqualTo("1234");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void triggerMessageSendsTheRequestedStatusHeartbeatAndMeterValues(OcppVersion version) {
    csms(version);
    Station s = station(version, b -> b);
    s.awaitStatus(1, "Available");
    int statuses = csms.calls(s.id, "StatusNotification").size();

    assertThat(
            csms.call(s.id, "TriggerMessage", trigger(version, "StatusNotification"))
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    await().atMost(WAIT).until(() -> csms.calls(s.id, "StatusNotification").size() > statuses);
    assertThat(
            csms.call(s.id, "TriggerMessage", trigger(version, "Heartbeat")).at("/status").asText())
        .isEqualTo("Accepted");
    csms.awaitCall(s.id, "Heartbeat", WAIT);
    assertThat(
            csms.call(s.id, "TriggerMessage", trigger(version, "MeterValues"))
                .at("/status")
                .asText())
        .isEqualTo("Accepted");
    Received values = csms.awaitCall(s.id, "MeterValues", WAIT);
    assertThat(values.at(version == OcppVersion.V16 ? "/connectorId" : "/evseId").asInt())
        .isEqualTo(1);
    assertThat(energyOf(values.at("/meterValue"))).isEqualTo(1000.0);
    String bad =
        version == OcppVersion.V16
            ? "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":9}"
            : "{\"requestedMessage\":\"StatusNotification\",\"evse\":{\"id\":9,\"connectorId\":1}}";
    assertThat(csms.call(s.id, "TriggerMessage", bad).at("/status").asText()).isEqualTo("Rejected");

    // During a transaction the triggered meter values belong to it.
    s.run(st -> st.plugIn(1));
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    String tx = s.awaitStarted();
    if (version == OcppVersion.V16) {
      assertThat(
              csms.call(s.id, "TriggerMessage", trigger(version, "MeterValues"))
                  .at("/status")
                  .asText())
          .isEqualTo("Accepted");
      Received triggered =
          csms.awaitCall(
              s.id, "MeterValues", p -> p.at("/transactionId").asText().equals(tx), WAIT);
      assertThat(triggered.at("/meterValue/0/sampledValue/0/context").asText())
          .isEqualTo("Trigger");
    } else {
      assertThat(
              csms.call(s.id, "TriggerMessage", trigger(version, "TransactionEvent"))
                  .at("/status")
                  .asText())
          .isEqualTo("Accepted");
      Received triggered =
          csms.awaitCall(
              s.id,
              "TransactionEvent",
              p -> p.at("/triggerReason").asText().equals("Trigger"),
              WAIT);
      assertThat(triggered.at("/eventType").asText()).isEqualTo("Updated");
      assertThat(triggered.at("/transactionInfo/transactionId").asText()).isEqualTo(tx);
      assertSeqNosAreGapFree(s.transactionEvents(tx));
    }
  }

  @Test
  void anOnIdleResetWaitsForTheRunningTransactionToEnd() {
    csms(OcppVersion.V201);
    Station s = station(OcppVersion.V201, b -> b);
    s.awaitStatus(1, "Available");
    s.run(st -> st.plugIn(1));
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    String tx = s.awaitStarted();

    assertThat(csms.call(s.id, "Reset", "{\"type\":\"OnIdle\"}").at("/status").asText())
        .isEqualTo("Scheduled");
    assertThat(s.hasTransaction(1)).isTrue();
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));

    assertThat(s.awaitEnded(tx).at("/transactionInfo/stoppedReason").asText()).isEqualTo("Local");
    await().atMost(WAIT).until(() -> csms.calls(s.id, "BootNotification").size() == 2);
    assertThat(csms.calls(s.id, "BootNotification").get(1).at("/reason").asText())
        .isEqualTo("RemoteReset");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void unlockConnectorUnlocksAnIdleConnectorAndAnswersForOneInATransaction(OcppVersion version) {
    csms(version);
    Station s = station(version, b -> b);
    s.awaitStatus(1, "Available");
    String unlock =
        version == OcppVersion.V16 ? "{\"connectorId\":1}" : "{\"evseId\":1,\"connectorId\":1}";

    assertThat(csms.call(s.id, "UnlockConnector", unlock).at("/status").asText())
        .isEqualTo("Unlocked");

    s.run(st -> st.plugIn(1));
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    String tx = s.awaitStarted();
    JsonNode busy = csms.call(s.id, "UnlockConnector", unlock);
    if (version == OcppVersion.V16) {
      // 1.6: unlocking stops the transaction first (reason UnlockCommand).
      assertThat(busy.at("/status").asText()).isEqualTo("Unlocked");
      assertThat(s.awaitEnded(tx).at("/reason").asText()).isEqualTo("UnlockCommand");
    } else {
      // 2.0.1 F05.FR.02: the cable of an authorized transaction stays locked.
      assertThat(busy.at("/status").asText()).isEqualTo("OngoingAuthorizedTransaction");
      assertThat(s.hasTransaction(1)).isTrue();
    }
  }

  // ------------------------------------------------------------------------------ outage

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void whenTheCsmsGoesAwayTheStationKeepsChargingQueuesAndDeliversEverythingInOrder(
      OcppVersion version) {
    csms(version);
    // A reply lost while the CSMS goes down or comes back is a transmission that counts: retry it
    // after 1 s (not the default 60 s), so the queue drains within the test's wait.
    Station s = station(version, b -> retryEverySecond(sampleEverySecond(b)));
    s.awaitStatus(1, "Available");
    s.run(st -> st.plugIn(1));
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    String tx = s.awaitStarted();
    s.draw(1, 16);
    s.run(st -> st.evCharging(1, true));
    await().atMost(WAIT).until(() -> s.updates(tx).size() >= 2);
    // Stop between two samples, once the station has its answers: nothing is in flight.
    await().atMost(WAIT).until(() -> s.queued() == 0);

    csms.stop();
    await().atMost(WAIT).until(() -> !s.runtime.client().isConnected());
    int deliveredBefore = s.transactionMessages(tx).size();
    double energyBefore = s.lastEnergy(1);
    await().atMost(WAIT).until(() -> s.queued() >= 2);
    s.run(st -> st.presentToken(1, "TAG1", "ISO14443"));
    assertThat(s.queued()).isGreaterThanOrEqualTo(3);
    assertThat(s.hasTransaction(1)).isFalse();
    csms.restart();

    JsonNode end = s.awaitEnded(tx);
    await().atMost(WAIT).until(() -> s.queued() == 0);
    List<Received> messages = s.transactionMessages(tx);
    assertThat(messages.size()).isGreaterThanOrEqualTo(deliveredBefore + 3);
    List<Instant> times = new ArrayList<>();
    for (Received m : messages) {
      times.add(timestampOf(version, m));
    }
    assertThat(times).as("transaction messages in the order they happened").isSorted();
    List<Double> energy = new ArrayList<>();
    for (Received update : s.updates(tx)) {
      energy.add(energyOf(update.at("/meterValue")));
    }
    assertThat(energy.get(energy.size() - 1))
        .as("energy still flowed while the CSMS was away")
        .isGreaterThan(energyBefore);
    if (version == OcppVersion.V16) {
      assertThat(messages.get(messages.size() - 1).action()).isEqualTo("StopTransaction");
      assertThat(end.at("/transactionId").asText()).isEqualTo(tx);
      assertThat(s.updates(tx)).allMatch(m -> m.at("/transactionId").asText().equals(tx));
    } else {
      assertSeqNosAreGapFree(messages);
      assertThat(messages.subList(0, deliveredBefore))
          .as("events that happened online")
          .allMatch(m -> !m.at("/offline").asBoolean());
      assertThat(messages.subList(deliveredBefore, messages.size()))
          .as("events that happened while the CSMS was away")
          .allMatch(m -> m.at("/offline").asBoolean());
      assertThat(end.at("/offline").asBoolean()).isTrue();
    }
    // Back online: the station reports its connector again and did not boot a second time.
    assertThat(csms.calls(s.id, "BootNotification")).hasSize(1);
    s.awaitStatus(1, version == OcppVersion.V16 ? "Finishing" : "Occupied");
  }

  @ParameterizedTest
  @EnumSource(names = {"V16", "V201"})
  void aTransactionThatHappensEntirelyOfflineIsDeliveredWithTheIdsTheCsmsAssigns(
      OcppVersion version) {
    csms(version);
    Station s =
        station(
            version,
            b ->
                b.v16Configuration(c -> c.initial(V16Keys.ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID, true))
                    .v201DeviceModel(
                        d ->
                            d.initial(
                                V201Variables.AuthCtrlr.OFFLINE_TX_FOR_UNKNOWN_ID_ENABLED, true)));
    s.awaitStatus(1, "Available");
    csms.stop();
    await().atMost(WAIT).until(() -> !s.runtime.client().isConnected());

    s.run(st -> st.plugIn(1));
    s.run(st -> st.presentToken(1, "OFFLINE1", "ISO14443"));
    assertThat(s.hasTransaction(1)).as("started offline").isTrue();
    s.draw(1, 16);
    s.run(st -> st.evCharging(1, true));
    s.run(st -> st.evCharging(1, false));
    s.run(st -> st.presentToken(1, "OFFLINE1", "ISO14443"));
    assertThat(s.queued()).isEqualTo(4);
    csms.restart();

    String tx = s.awaitStarted();
    s.awaitEnded(tx);
    await().atMost(WAIT).until(() -> s.queued() == 0);
    List<Received> messages = s.transactionMessages(tx);
    if (version == OcppVersion.V16) {
      assertThat(messages)
          .extracting(Received::action)
          .containsExactly("StartTransaction", "MeterValues", "MeterValues", "StopTransaction");
      assertThat(csms.calls(s.id, "MeterValues"))
          .as("no meter values without the transactionId the CSMS assigned")
          .allMatch(m -> m.at("/transactionId").asText().equals(tx));
    } else {
      assertThat(messages)
          .extracting(m -> m.at("/eventType").asText())
          .containsExactly("Started", "Updated", "Updated", "Ended");
      assertSeqNosAreGapFree(messages);
      assertThat(messages).allMatch(m -> m.at("/offline").asBoolean());
    }
  }

  // ------------------------------------------------------------------------------ fixtures

  private TestCsms csms(OcppVersion version) {
    csms = TestCsms.start(version);
    cleanup.push(csms);
    return csms;
  }

  private static String nextId() {
    return "KW-RT-" + IDS.incrementAndGet();
  }

  private Station station(OcppVersion version, UnaryOperator<StationRuntime.Builder> adjust) {
    return station(version, nextId(), adjust);
  }

  private Station station(
      OcppVersion version, String id, UnaryOperator<StationRuntime.Builder> adjust) {
    TransportConfig config =
        TransportConfig.builder()
            .csmsUrl(csms.uri())
            .stationId(id)
            .ocppVersions(version)
            .securityProfile(0)
            .retryBackOff(Duration.ofMillis(200), Duration.ofMillis(100), 0)
            .build();
    LazyHardware hardware = new LazyHardware();
    StationRuntime runtime = adjust.apply(StationRuntime.builder(config, hardware)).build();
    hardware.fake = new FakeHardware(runtime.scheduler());
    runtime.start();
    cleanup.push(runtime);
    return new Station(id, version, runtime, hardware);
  }

  private static StationRuntime.Builder retryEverySecond(StationRuntime.Builder b) {
    return b.v16Configuration(c -> c.initial(V16Keys.TRANSACTION_MESSAGE_RETRY_INTERVAL, 1))
        .v201DeviceModel(
            d ->
                d.initial(
                    V201Variables.OcppCommCtrlr.MESSAGE_ATTEMPT_INTERVAL_TRANSACTION_EVENT, 1));
  }

  private static StationRuntime.Builder sampleEverySecond(StationRuntime.Builder b) {
    return b.v16Configuration(c -> c.initial(V16Keys.METER_VALUE_SAMPLE_INTERVAL, 1))
        .v201DeviceModel(d -> d.initial(V201Variables.SampledDataCtrlr.TX_UPDATED_INTERVAL, 1));
  }

  private static String availability(OcppVersion version, boolean operative) {
    String type = operative ? "Operative" : "Inoperative";
    return version == OcppVersion.V16
        ? "{\"connectorId\":1,\"type\":\"" + type + "\"}"
        : "{\"operationalStatus\":\"" + type + "\",\"evse\":{\"id\":1}}";
  }

  private static String trigger(OcppVersion version, String message) {
    return version == OcppVersion.V16
        ? "{\"requestedMessage\":\"" + message + "\",\"connectorId\":1}"
        : "{\"requestedMessage\":\"" + message + "\",\"evse\":{\"id\":1,\"connectorId\":1}}";
  }

  private static String setVariable(String component, String variable, String value) {
    return "{\"setVariableData\":[{\"attributeValue\":\""
        + value
        + "\",\"component\":{\"name\":\""
        + component
        + "\"},\"variable\":{\"name\":\""
        + variable
        + "\"}}]}";
  }

  /** The import register in a meterValue array; there must be one. */
  private static double energyOf(JsonNode meterValues) {
    double energy = TestCsms.energyOf(meterValues);
    assertThat(energy).as("an energy register in %s", meterValues).isNotNaN();
    return energy;
  }

  private static Instant timestampOf(OcppVersion version, Received m) {
    String field =
        version == OcppVersion.V201
            ? "/timestamp"
            : switch (m.action()) {
              case "MeterValues" -> "/meterValue/0/timestamp";
              default -> "/timestamp";
            };
    return Instant.parse(m.at(field).asText());
  }

  private static void assertSeqNosAreGapFree(List<Received> events) {
    List<Integer> seqNos = new ArrayList<>();
    events.forEach(e -> seqNos.add(e.at("/seqNo").asInt()));
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < seqNos.size(); i++) {
      expected.add(i);
    }
    assertThat(seqNos).as("seqNo of the transaction's events").isEqualTo(expected);
    assertThat(events.get(0).at("/eventType").asText()).isEqualTo("Started");
  }

  /** A station under test and what the CSMS saw of it. */
  private final class Station {
    final String id;
    final OcppVersion version;
    final StationRuntime runtime;
    final LazyHardware hardware;

    Station(String id, OcppVersion version, StationRuntime runtime, LazyHardware hardware) {
      this.id = id;
      this.version = version;
      this.runtime = runtime;
      this.hardware = hardware;
    }

    /** Runs a hardware event on the station's thread. */
    void run(java.util.function.Consumer<io.kilowire.core.station.Station> event) {
      runtime.call(() -> event.accept(runtime.station()));
    }

    boolean hasTransaction(int evse) {
      boolean[] open = new boolean[1];
      runtime.call(() -> open[0] = runtime.station().transaction(evse).isPresent());
      return open[0];
    }

    int queued() {
      int[] n = new int[1];
      runtime.call(() -> n[0] = runtime.station().queuedTransactionMessages());
      return n[0];
    }

    double lastEnergy(int evse) {
      double[] wh = new double[1];
      runtime.call(
          () -> wh[0] = runtime.station().transaction(evse).orElseThrow().lastReading().energyWh());
      return wh[0];
    }

    void draw(int evse, double amps) {
      runtime.call(() -> hardware.fake.draw(evse, amps));
    }

    List<String> statuses(int evse) {
      String field = version == OcppVersion.V16 ? "/connectorId" : "/evseId";
      String status = version == OcppVersion.V16 ? "/status" : "/connectorStatus";
      List<String> seen = new ArrayList<>();
      for (Received r : csms.calls(id, "StatusNotification")) {
        if (r.at(field).asInt() == evse) {
          seen.add(r.at(status).asText());
        }
      }
      return seen;
    }

    /** Waits until the last status the CSMS got for the EVSE is {@code status}. */
    void awaitStatus(int evse, String status) {
      await()
          .alias(id + " EVSE " + evse + " " + status)
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                List<String> seen = statuses(evse);
                return !seen.isEmpty() && seen.get(seen.size() - 1).equals(status);
              });
    }

    List<String> actions() {
      List<String> actions = new ArrayList<>();
      for (Received r : csms.calls()) {
        if (r.stationId().equals(id)) {
          actions.add(r.action());
        }
      }
      return actions;
    }

    /** The transaction's id as the CSMS knows it (1.6: the id it assigned). */
    String awaitStarted() {
      if (version == OcppVersion.V16) {
        return csms.awaitCall(id, "StartTransaction", WAIT).reply().at("/transactionId").asText();
      }
      Received started =
          csms.awaitCall(
              id, "TransactionEvent", p -> p.at("/eventType").asText().equals("Started"), WAIT);
      return started.at("/transactionInfo/transactionId").asText();
    }

    JsonNode awaitEnded(String tx) {
      return awaitEndedCall(tx).payload();
    }

    Received awaitEndedCall(String tx) {
      if (version == OcppVersion.V16) {
        return csms.awaitCall(
            id, "StopTransaction", p -> p.at("/transactionId").asText().equals(tx), WAIT);
      }
      return csms.awaitCall(
          id,
          "TransactionEvent",
          p ->
              p.at("/eventType").asText().equals("Ended")
                  && p.at("/transactionInfo/transactionId").asText().equals(tx),
          WAIT);
    }

    List<Received> transactionEvents(String tx) {
      return csms.calls(id, "TransactionEvent").stream()
          .filter(e -> e.at("/transactionInfo/transactionId").asText().equals(tx))
          .toList();
    }

    /** Every transaction message of {@code tx}, in order of arrival. */
    List<Received> transactionMessages(String tx) {
      if (version == OcppVersion.V201) {
        return transactionEvents(tx);
      }
      List<Received> messages = new ArrayList<>();
      for (Received r : csms.calls()) {
        if (!r.stationId().equals(id)) {
          continue;
        }
        boolean start = r.action().equals("StartTransaction");
        boolean ofTx =
            (r.action().equals("MeterValues") || r.action().equals("StopTransaction"))
                && r.at("/transactionId").asText().equals(tx);
        if (start || ofTx) {
          messages.add(r);
        }
      }
      return messages;
    }

    /** The meter values sent during the transaction. */
    List<Received> updates(String tx) {
      if (version == OcppVersion.V16) {
        return csms.calls(id, "MeterValues").stream()
            .filter(m -> m.at("/transactionId").asText().equals(tx))
            .toList();
      }
      return transactionEvents(tx).stream()
          .filter(e -> e.at("/eventType").asText().equals("Updated"))
          .filter(e -> e.payload().has("meterValue"))
          .toList();
    }
  }
}
