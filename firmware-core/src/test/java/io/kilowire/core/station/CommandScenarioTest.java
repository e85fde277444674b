package io.kilowire.core.station;

import static io.kilowire.core.station.TransactionScenarioTest.last;
import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppEnum;
import io.kilowire.core.ocpp.v16.CoreMessageTrigger;
import io.kilowire.core.ocpp.v16.ResetType;
import io.kilowire.core.ocpp.v16.UnlockStatus;
import io.kilowire.core.ocpp.v201.EVSE;
import io.kilowire.core.ocpp.v201.MessageTrigger;
import io.kilowire.core.ocpp.v201.Reset;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.ScriptedCsms.TxMessage;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reset, UnlockConnector, TriggerMessage and DataTransfer from the CSMS. */
class CommandScenarioTest {

  // ------------------------------------------------------------------------------ Reset

  @ParameterizedTest
  @EnumSource(ResetType.class)
  void aV16ResetEndsTheRunningTransactionWithItsTypeAsReasonAndAsksForAReboot(ResetType type) {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(
            sc.command(
                    new io.kilowire.core.ocpp.v16.ResetRequest(type),
                    io.kilowire.core.ocpp.v16.ResetResponse.class)
                .status()
                .value())
        .isEqualTo("Accepted");
    sc.settle();

    TxMessage ended = last(sc.csms.accepted());
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.stopReason()).isEqualTo(type == ResetType.SOFT ? "SoftReset" : "HardReset");
    assertThat(sc.events()).contains(type == ResetType.SOFT ? "reboot soft" : "reboot hard");
  }

  @Test
  void aV201ImmediateResetEndsTheRunningTransactionAsImmediateResetAndAsksForAReboot() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(reset201(sc, Reset.IMMEDIATE)).isEqualTo("Accepted");
    sc.settle();

    TxMessage ended = last(sc.csms.accepted());
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.stopReason()).isEqualTo("ImmediateReset");
    assertThat(ended.trigger()).isEqualTo("ResetCommand");
    assertThat(sc.events()).anyMatch(e -> e.startsWith("reboot"));
  }

  @Test
  void aV201OnIdleResetIsScheduledUntilTheLastTransactionEnds() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(reset201(sc, Reset.ON_IDLE)).isEqualTo("Scheduled");
    sc.advance(Duration.ofMinutes(2));
    assertThat(sc.events()).noneMatch(e -> e.startsWith("reboot"));
    assertThat(sc.station().transaction(1)).isPresent();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();

    assertThat(last(sc.csms.accepted()).stopReason()).isEqualTo("Local");
    assertThat(sc.events()).last().asString().startsWith("reboot");
  }

  @Test
  void aV201OnIdleResetOfAnIdleStationIsAcceptedAndRebootsAtOnce() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    assertThat(reset201(sc, Reset.ON_IDLE)).isEqualTo("Accepted");
    sc.settle();

    assertThat(sc.events()).anyMatch(e -> e.startsWith("reboot"));
  }

  // ------------------------------------------------------------------------------ Unlock

  @Test
  void aV16UnlockReleasesTheCableAndEndsARunningTransactionWithUnlockCommand() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(unlock16(sc, 1)).isEqualTo(UnlockStatus.UNLOCKED);
    sc.settle();
    TxMessage ended = last(sc.csms.accepted());
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.stopReason()).isEqualTo("UnlockCommand");

    assertThat(unlock16(sc, 2)).isEqualTo(UnlockStatus.UNLOCKED);
    assertThat(unlock16(sc, 3)).isEqualTo(UnlockStatus.NOT_SUPPORTED);
    sc.hardware.failUnlock();
    assertThat(unlock16(sc, 2)).isEqualTo(UnlockStatus.UNLOCK_FAILED);
  }

  @Test
  void aV201UnlockDuringAnAuthorizedTransactionIsRefusedAndUnlocksAnIdleEvse() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    assertThat(unlock201(sc, 1, 1)).isEqualTo("OngoingAuthorizedTransaction");
    sc.settle();
    assertThat(sc.station().transaction(1)).isPresent();
    assertThat(unlock201(sc, 2, 1)).isEqualTo("Unlocked");
    assertThat(unlock201(sc, 2, 2)).isEqualTo("UnknownConnector");
    assertThat(unlock201(sc, 3, 1)).isEqualTo("UnknownConnector");
    sc.hardware.failUnlock();
    assertThat(unlock201(sc, 2, 1)).isEqualTo("UnlockFailed");
  }

  // ------------------------------------------------------------------------------ Trigger

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aTriggeredHeartbeatIsSentAfterTheAnswerToTheTrigger(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    int before = sc.csms.calls("Heartbeat").size();

    assertThat(trigger(sc, "Heartbeat", null)).isEqualTo("Accepted");

    assertThat(sc.csms.calls("Heartbeat")).hasSize(before + 1);
    assertThat(answerCrossedBefore(sc.link, "Heartbeat")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aTriggeredStatusNotificationReportsTheRequestedEvse(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    int before = sc.csms.statuses().size();

    assertThat(trigger(sc, "StatusNotification", 2)).isEqualTo("Accepted");

    List<ScriptedCsms.Status> reported =
        sc.csms.statuses().subList(before, sc.csms.statuses().size());
    assertThat(reported).extracting(ScriptedCsms.Status::evse).containsExactly(2);
    assertThat(reported.get(0).status()).isEqualTo("Available");
    assertThat(trigger(sc, "StatusNotification", 3)).isEqualTo("Rejected");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void triggeredMeterValuesOfAnIdleEvseCarryTheTriggerContext(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    assertThat(trigger(sc, "MeterValues", 1)).isEqualTo("Accepted");

    assertThat(sc.csms.idleMeterValues())
        .extracting(ScriptedCsms.IdleMeterValues::evse, ScriptedCsms.IdleMeterValues::context)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Trigger"));
  }

  @Test
  void v16TriggeredMeterValuesDuringATransactionCarryItsIdAndTheTriggerContext() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    String tx = sc.csms.transactions().get(0);

    assertThat(trigger(sc, "MeterValues", 1)).isEqualTo("Accepted");

    TxMessage update = last(sc.csms.accepted());
    assertThat(update.kind()).isEqualTo(Kind.UPDATED);
    assertThat(update.transaction()).isEqualTo(tx);
    assertThat(update.trigger()).isEqualTo("Trigger");
  }

  @Test
  void v201TriggeredMeterValuesDuringATransactionAreAMeterValuesRequestNotATransactionEvent() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    int events = sc.csms.transactionMessages().size();

    assertThat(trigger(sc, "MeterValues", 1)).isEqualTo("Accepted");

    assertThat(sc.csms.transactionMessages()).hasSize(events);
    assertThat(sc.csms.idleMeterValues())
        .extracting(ScriptedCsms.IdleMeterValues::evse, ScriptedCsms.IdleMeterValues::context)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "Trigger"));
  }

  @Test
  void v201TriggeredTransactionEventIsAnUpdateWithTriggerReasonTrigger() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    TxMessage before = last(sc.csms.accepted());

    assertThat(trigger(sc, "TransactionEvent", 1)).isEqualTo("Accepted");

    TxMessage update = last(sc.csms.accepted());
    assertThat(update.kind()).isEqualTo(Kind.UPDATED);
    assertThat(update.trigger()).isEqualTo("Trigger");
    assertThat(update.transaction()).isEqualTo(before.transaction());
    assertThat(update.seqNo()).isEqualTo(before.seqNo() + 1);
  }

  @Test
  void v16TriggeredBootNotificationIsSentAgainWhileAccepted() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();

    assertThat(trigger(sc, "BootNotification", null)).isEqualTo("Accepted");

    assertThat(sc.csms.calls("BootNotification")).hasSize(2);
    assertThat(sc.station().isAccepted()).isTrue();
  }

  @Test
  void v201TriggeredBootNotificationIsRejectedOnceAccepted() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();

    // F06.FR.17: no BootNotification on trigger after the boot was accepted.
    assertThat(trigger(sc, "BootNotification", null)).isEqualTo("Rejected");

    assertThat(sc.csms.calls("BootNotification")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aPendingStationTriggeredToBootAndThenAcceptedStopsBooting(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.boot(Registration.PENDING, 60);
    sc.startOnline();
    sc.advance(Duration.ofSeconds(10));

    sc.csms.boot(Registration.ACCEPTED, 300);
    assertThat(trigger(sc, "BootNotification", null)).isEqualTo("Accepted");
    assertThat(sc.station().isAccepted()).isTrue();
    sc.advance(Duration.ofMinutes(5));

    assertThat(sc.csms.calls("BootNotification")).hasSize(2);
  }

  @Test
  void aTransactionMessageSentWhileATriggeredBootIsAnsweredIsConfirmedOnce() {
    StationScenario sc = new StationScenario(OcppVersion.V16);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);

    link16Trigger(sc);
    // The station answered and its BootNotification is on the way; the stop queues behind it.
    sc.advance(Duration.ofMillis(30));
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.advance(Duration.ofMinutes(2));

    assertThat(sc.csms.calls("BootNotification")).hasSize(2);
    assertThat(sc.csms.accepted()).filteredOn(m -> m.kind() == Kind.ENDED).hasSize(1);
    assertThat(sc.station().queuedTransactionMessages()).isZero();
  }

  // ------------------------------------------------------------------------------ DataTransfer

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aDataTransferForAnyVendorIsAnsweredUnknownVendorId(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    String status =
        version == OcppVersion.V16
            ? sc.command(
                    io.kilowire.core.ocpp.v16.DataTransferRequest.of("com.example"),
                    io.kilowire.core.ocpp.v16.DataTransferResponse.class)
                .status()
                .value()
            : sc.command(
                    io.kilowire.core.ocpp.v201.DataTransferRequest.of("com.example"),
                    io.kilowire.core.ocpp.v201.DataTransferResponse.class)
                .status()
                .value();

    assertThat(status).isEqualTo("UnknownVendorId");
  }

  // ------------------------------------------------------------------------------ helpers

  private static String reset201(StationScenario sc, Reset type) {
    return sc.command(
            io.kilowire.core.ocpp.v201.ResetRequest.of(type),
            io.kilowire.core.ocpp.v201.ResetResponse.class)
        .status()
        .value();
  }

  private static UnlockStatus unlock16(StationScenario sc, int connector) {
    return sc.command(
            new io.kilowire.core.ocpp.v16.UnlockConnectorRequest(connector),
            io.kilowire.core.ocpp.v16.UnlockConnectorResponse.class)
        .status();
  }

  private static String unlock201(StationScenario sc, int evse, int connector) {
    return sc.command(
            io.kilowire.core.ocpp.v201.UnlockConnectorRequest.of(evse, connector),
            io.kilowire.core.ocpp.v201.UnlockConnectorResponse.class)
        .status()
        .value();
  }

  private static void link16Trigger(StationScenario sc) {
    sc.link
        .csmsSession()
        .call(
            io.kilowire.core.ocpp.v16.TriggerMessageRequest.of(
                CoreMessageTrigger.BOOT_NOTIFICATION),
            io.kilowire.core.ocpp.v16.TriggerMessageResponse.class);
  }

  /** TriggerMessage by the message's name, optionally for one EVSE; the status answered. */
  static String trigger(StationScenario sc, String message, @Nullable Integer evse) {
    OcppEnum status;
    if (sc.version == OcppVersion.V16) {
      CoreMessageTrigger what = null;
      for (CoreMessageTrigger t : CoreMessageTrigger.values()) {
        if (t.value().equals(message)) {
          what = t;
        }
      }
      status =
          sc.command(
                  new io.kilowire.core.ocpp.v16.TriggerMessageRequest(what, evse),
                  io.kilowire.core.ocpp.v16.TriggerMessageResponse.class)
              .status();
    } else {
      MessageTrigger what = null;
      for (MessageTrigger t : MessageTrigger.values()) {
        if (t.value().equals(message)) {
          what = t;
        }
      }
      status =
          sc.command(
                  new io.kilowire.core.ocpp.v201.TriggerMessageRequest(
                      null, evse == null ? null : new EVSE(null, evse, 1), what),
                  io.kilowire.core.ocpp.v201.TriggerMessageResponse.class)
              .status();
    }
    return status.value();
  }

  /** Whether the station's last CALLRESULT crossed the link before its CALL of {@code action}. */
  private static boolean answerCrossedBefore(VirtualLink link, String action) {
    List<VirtualLink.Crossing> frames = link.frames();
    int call = -1;
    for (int i = frames.size() - 1; i >= 0; i--) {
      VirtualLink.Crossing c = frames.get(i);
      if (c.fromStation() && c.frame().startsWith("[2,") && c.frame().contains("\"" + action)) {
        call = i;
        break;
      }
    }
    for (int i = call - 1; i >= 0; i--) {
      VirtualLink.Crossing c = frames.get(i);
      if (c.fromStation() && c.frame().startsWith("[3,")) {
        return true;
      }
      if (!c.fromStation() && c.frame().startsWith("[2,")) {
        return false;
      }
    }
    return false;
  }
}
