package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.RemoteStartStopStatus;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionRequest;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionResponse;
import io.kilowire.core.ocpp.v16.ResetType;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.RequestStartStopStatus;
import io.kilowire.core.ocpp.v201.RequestStartTransactionRequest;
import io.kilowire.core.ocpp.v201.RequestStartTransactionResponse;
import io.kilowire.core.ocpp.v201.Reset;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Resets in virtual time: each reset ends in one reboot, a pending reset merges into a newer one,
 * and no new session starts once a reset was accepted or scheduled.
 */
class ResetScenarioTest {

  @Nested
  class NoNewSession {
    @ParameterizedTest
    @EnumSource(
        value = OcppVersion.class,
        names = {"V16", "V201"})
    void aTokenWhoseAuthorizationIsInFlightWhenAResetIsAcceptedStartsNoTransaction(
        OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      sc.startOnline();
      sc.plugIn(1, 16);
      sc.station().presentToken(1, TOKEN, "ISO14443");
      sc.advance(Duration.ofMillis(10)); // the Authorize is on its way when the Reset comes

      assertThat(immediateReset(sc)).isEqualTo("Accepted");
      sc.advance(Duration.ofMinutes(1));

      assertThat(sc.station().openTransactions()).isEmpty();
      assertThat(sc.csms.transactionMessages()).isEmpty();
      assertThat(reboots(sc)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(
        value = OcppVersion.class,
        names = {"V16", "V201"})
    void aRemoteStartWhileAnAcceptedResetEndsItsTransactionsIsRejected(OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      // The CSMS does not confirm the end: the station waits for it before it reboots.
      sc.link.unanswered(f -> f.contains("StopTransaction") || f.contains("\"Ended\""));
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);

      assertThat(immediateReset(sc)).isEqualTo("Accepted");
      assertThat(remoteStart(sc, 2)).isFalse();
      sc.plugIn(2, 16);
      sc.station().presentToken(2, "TOKEN-2", "ISO14443");
      sc.advance(Duration.ofMinutes(2));

      assertThat(sc.csms.transactionMessages())
          .noneMatch(m -> m.kind() == Kind.STARTED && m.evse() == 2);
      assertThat(sc.station().transaction(2)).isEmpty();
      assertThat(reboots(sc)).hasSize(1);
    }

    @Test
    void whileAnOnIdleResetWaitsNoSessionStartsOnAnotherEvse() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);
      assertThat(reset201(sc, Reset.ON_IDLE, null)).isEqualTo("Scheduled");
      int authorizations = sc.csms.calls("Authorize").size();

      sc.startCharging(2, "TOKEN-2", 16);
      assertThat(remoteStart(sc, 2)).isFalse();

      assertThat(sc.csms.calls("Authorize")).hasSize(authorizations);
      assertThat(sc.station().transaction(2)).isEmpty();
      assertThat(sc.station().status(2)).isEqualTo(ConnectorStatus.PREPARING);

      sc.station().presentToken(1, TOKEN, "ISO14443");
      sc.advance(Duration.ofMinutes(1));
      assertThat(reboots(sc)).containsExactly("reboot hard");
      assertThat(sc.station().openTransactions()).isEmpty();
    }

    @Test
    void anEvseWaitingForItsResetStartsNoNewSessionWhileTheOthersDo() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);
      assertThat(reset201(sc, Reset.ON_IDLE, 1)).isEqualTo("Scheduled");

      sc.station().unplug(1); // ends the transaction; the EVSE resets
      sc.settle();
      sc.startCharging(2, "TOKEN-2", 16);

      assertThat(sc.station().transaction(2)).isPresent();
      assertThat(reboots(sc)).isEmpty();
      sc.startCharging(1, "TOKEN-3", 16);
      assertThat(sc.station().transaction(1)).isPresent();
    }
  }

  @Nested
  class OneRebootPerReset {
    @Test
    void anImmediateResetWhileAnOnIdleResetWaitsRebootsOnce() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);

      assertThat(reset201(sc, Reset.ON_IDLE, null)).isEqualTo("Scheduled");
      assertThat(reset201(sc, Reset.IMMEDIATE, null)).isEqualTo("Accepted");
      sc.advance(Duration.ofMinutes(1));

      assertThat(sc.events()).containsExactly("ended tx-1 HARD_RESET", "reboot hard");
      assertThat(sc.csms.calls("BootNotification")).hasSize(2);
    }

    @Test
    void aHardResetWhileASoftResetEndsItsTransactionsRebootsOnceAndHard() {
      StationScenario sc = new StationScenario(OcppVersion.V16);
      sc.link.unanswered(f -> f.contains("StopTransaction"));
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);

      assertThat(reset16(sc, ResetType.SOFT)).isEqualTo("Accepted");
      assertThat(reset16(sc, ResetType.HARD)).isEqualTo("Accepted");
      sc.advance(Duration.ofMinutes(1));

      assertThat(sc.events()).containsExactly("ended tx-1 SOFT_RESET", "reboot hard");
    }

    @Test
    void anOnIdleResetOfOneEvseIsMergedIntoAStationReset() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);
      sc.startCharging(2, "TOKEN-2", 16);

      assertThat(reset201(sc, Reset.ON_IDLE, 1)).isEqualTo("Scheduled");
      assertThat(reset201(sc, Reset.ON_IDLE, null)).isEqualTo("Scheduled");
      assertThat(reset201(sc, Reset.ON_IDLE, 2)).isEqualTo("Scheduled");
      sc.station().presentToken(1, TOKEN, "ISO14443");
      sc.settle();
      assertThat(reboots(sc)).isEmpty();
      sc.station().presentToken(2, "TOKEN-2", "ISO14443");
      sc.advance(Duration.ofMinutes(1));

      assertThat(sc.events())
          .containsExactly("ended tx-1 LOCAL", "ended tx-2 LOCAL", "reboot hard");
    }

    @Test
    void anImmediateEvseResetEndsItsTransactionAndAWaitingStationResetThenRebootsOnce() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);

      assertThat(reset201(sc, Reset.ON_IDLE, null)).isEqualTo("Scheduled");
      assertThat(reset201(sc, Reset.IMMEDIATE, 1)).isEqualTo("Accepted");
      sc.advance(Duration.ofMinutes(1));

      assertThat(sc.events()).containsExactly("ended tx-1 HARD_RESET", "reboot hard");
    }

    @Test
    void anImmediateResetOfAnEvseWaitingOnIdleEndsItsTransactionNow() {
      StationScenario sc = new StationScenario(OcppVersion.V201);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);

      assertThat(reset201(sc, Reset.ON_IDLE, 1)).isEqualTo("Scheduled");
      assertThat(reset201(sc, Reset.IMMEDIATE, 1)).isEqualTo("Accepted");
      sc.settle();

      assertThat(sc.events()).containsExactly("ended tx-1 HARD_RESET");
      sc.startCharging(1, "TOKEN-3", 16);
      assertThat(sc.station().transaction(1)).isPresent();
    }
  }

  @Nested
  class Ordering {
    @ParameterizedTest
    @EnumSource(
        value = OcppVersion.class,
        names = {"V16", "V201"})
    void aResetEndsTheTransactionThenRebootsOnANewConnectionInOneFixedOrder(OcppVersion version) {
      List<String> timeline = resetTimeline(version);

      String end = version == OcppVersion.V16 ? "StopTransaction" : "TransactionEvent";
      String reboot = version == OcppVersion.V16 ? "reboot soft" : "reboot hard";
      String reason = version == OcppVersion.V16 ? "SOFT_RESET" : "HARD_RESET";
      // 20 ms each way: the Reset arrives at +20, every exchange takes 40 ms; the link closes
      // once what was sent arrived and opens again 100 ms later.
      List<String> expected =
          List.of(
              "+20 ended tx-1 " + reason,
              "+40 CSMS got " + end,
              "+60 " + reboot,
              "+80 link closed",
              "+180 link opened",
              "+200 CSMS got BootNotification");
      // 1.6: connector 0 (the station), 1 and 2; 2.0.1: EVSE 1 and 2, each followed by a
      // NotifyEvent of its AvailabilityState.
      List<String> statuses =
          version == OcppVersion.V16
              ? List.of(
                  "+240 CSMS got StatusNotification",
                  "+280 CSMS got StatusNotification",
                  "+320 CSMS got StatusNotification")
              : List.of("+280 CSMS got StatusNotification", "+360 CSMS got StatusNotification");
      assertThat(timeline.subList(0, expected.size())).containsExactlyElementsOf(expected);
      assertThat(timeline.subList(expected.size(), timeline.size()))
          .containsExactlyElementsOf(statuses);
      assertThat(resetTimeline(version)).as("the same script, the same order").isEqualTo(timeline);
    }

    /** A reset of a station charging on EVSE 1; what happened from the Reset on, in order. */
    private List<String> resetTimeline(OcppVersion version) {
      StationScenario sc = new StationScenario(version);
      sc.startOnline();
      sc.startCharging(1, TOKEN, 16);
      sc.settle();
      java.time.Instant reset = sc.clock.now();
      int calls = sc.csms.calls().size();

      assertThat(immediateReset(sc)).isEqualTo("Accepted");
      sc.advance(Duration.ofSeconds(5));

      List<StationScenario.Event> events = new java.util.ArrayList<>(sc.timeline());
      sc.csms.calls().stream()
          .skip(calls)
          .forEach(c -> events.add(new StationScenario.Event(c.at(), "CSMS got " + c.action())));
      return events.stream()
          .filter(e -> !e.at().isBefore(reset))
          .sorted(java.util.Comparator.comparing(StationScenario.Event::at))
          .map(e -> "+" + Duration.between(reset, e.at()).toMillis() + " " + e.what())
          .toList();
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private static List<String> reboots(StationScenario sc) {
    return sc.events().stream().filter(e -> e.startsWith("reboot")).toList();
  }

  /** 1.6 Soft, 2.0.1 Immediate: the reset that does not wait. */
  static String immediateReset(StationScenario sc) {
    return sc.version == OcppVersion.V16
        ? reset16(sc, ResetType.SOFT)
        : reset201(sc, Reset.IMMEDIATE, null);
  }

  static String reset16(StationScenario sc, ResetType type) {
    return sc.command(
            new io.kilowire.core.ocpp.v16.ResetRequest(type),
            io.kilowire.core.ocpp.v16.ResetResponse.class)
        .status()
        .value();
  }

  static String reset201(StationScenario sc, Reset type, @Nullable Integer evse) {
    return sc.command(
            new io.kilowire.core.ocpp.v201.ResetRequest(null, type, evse),
            io.kilowire.core.ocpp.v201.ResetResponse.class)
        .status()
        .value();
  }

  private static boolean remoteStart(StationScenario sc, int evse) {
    if (sc.version == OcppVersion.V16) {
      return sc.command(
                  new RemoteStartTransactionRequest(evse, "REMOTE-1", null),
                  RemoteStartTransactionResponse.class)
              .status()
          == RemoteStartStopStatus.ACCEPTED;
    }
    return sc.command(
                new RequestStartTransactionRequest(
                    null, evse, null, IdToken.of("REMOTE-1", IdTokenType.CENTRAL), 42, null),
                RequestStartTransactionResponse.class)
            .status()
        == RequestStartStopStatus.ACCEPTED;
  }
}
