package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.RemoteStartStopStatus;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionRequest;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionResponse;
import io.kilowire.core.ocpp.v16.RemoteStopTransactionRequest;
import io.kilowire.core.ocpp.v16.RemoteStopTransactionResponse;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.RequestStartStopStatus;
import io.kilowire.core.ocpp.v201.RequestStartTransactionRequest;
import io.kilowire.core.ocpp.v201.RequestStartTransactionResponse;
import io.kilowire.core.ocpp.v201.RequestStopTransactionRequest;
import io.kilowire.core.ocpp.v201.RequestStopTransactionResponse;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.ScriptedCsms.TxMessage;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authorization and the life of a transaction as the CSMS sees it, in both versions. */
class TransactionScenarioTest {
  /** 16 A on three phases at 230 V: 184 Wh a minute. */
  private static final double AMPS = 16;

  private static final double WH_PER_MINUTE = AMPS * 230 * 3 / 60;

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aTokenThenAPlugStartAnAuthorizedTransactionWithGrowingMeterValuesUntilTheSameTokenStopsIt(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    sc.plugIn(1, AMPS);
    sc.station().evCharging(1, true);
    sc.advance(Duration.ofMinutes(5));
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();

    List<String> actions = sc.csms.actions();
    assertThat(actions.indexOf("Authorize")).isLessThan(actions.indexOf(startAction(version)));
    List<TxMessage> tx = sc.csms.accepted();
    TxMessage started = tx.get(0);
    assertThat(started.kind()).isEqualTo(Kind.STARTED);
    assertThat(started.evse()).isEqualTo(1);
    assertThat(started.idToken()).isEqualTo(TOKEN);
    assertThat(started.energyWh()).isEqualTo(1000.0);
    assertThat(started.offline()).isFalse();
    if (version == OcppVersion.V201) {
      assertThat(started.seqNo()).isZero();
      assertThat(started.trigger()).isEqualTo("Authorized");
    }

    List<TxMessage> periodic =
        tx.stream()
            .filter(m -> m.kind() == Kind.UPDATED)
            .filter(m -> periodic(version).equals(m.trigger()))
            // 1.6 has no context of its own for the EV starting to draw (at the start).
            .filter(m -> m.timestamp().isAfter(started.timestamp()))
            .toList();
    assertThat(periodic).hasSize(5);
    for (int i = 0; i < periodic.size(); i++) {
      TxMessage m = periodic.get(i);
      assertThat(m.timestamp()).isEqualTo(started.timestamp().plusSeconds(60L * (i + 1)));
      assertThat(m.energyWh()).isCloseTo(1000 + WH_PER_MINUTE * (i + 1), within(0.2));
    }

    TxMessage ended = tx.get(tx.size() - 1);
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.stopReason()).isEqualTo("Local");
    assertThat(ended.idToken()).isEqualTo(TOKEN);
    assertThat(ended.energyWh()).isCloseTo(1000 + WH_PER_MINUTE * 5, within(1.0));
    assertThat(tx).extracting(TxMessage::transaction).containsOnly(started.transaction());
    if (version == OcppVersion.V201) {
      assertThat(ended.trigger()).isEqualTo("StopAuthorized");
      assertThat(tx)
          .extracting(TxMessage::seqNo)
          .containsExactlyElementsOf(IntStream.range(0, tx.size()).boxed().toList());
    }
    assertThat(sc.station().transaction(1)).isEmpty();
    assertThat(sc.hardware.offered(1)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void clockAlignedMeterValuesFallOnTheQuarterHourForChargingAndIdleEvses(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, AMPS);

    sc.advance(Duration.ofMinutes(31));

    String clock = version == OcppVersion.V16 ? "Sample.Clock" : "MeterValueClock";
    List<Instant> aligned =
        List.of(StationScenario.T0.plusSeconds(900), StationScenario.T0.plusSeconds(1800));
    assertThat(sc.csms.accepted())
        .filteredOn(m -> clock.equals(m.trigger()))
        .extracting(TxMessage::timestamp)
        .containsExactlyElementsOf(aligned);
    assertThat(sc.csms.idleMeterValues())
        .extracting(ScriptedCsms.IdleMeterValues::evse, ScriptedCsms.IdleMeterValues::context)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "Sample.Clock"),
            org.assertj.core.groups.Tuple.tuple(2, "Sample.Clock"));
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aPlugThenATokenStartAnAuthorizedTransaction(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    sc.plugIn(1, AMPS);
    sc.settle();
    assertThat(sc.csms.accepted()).isEmpty();
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();

    List<String> actions = sc.csms.actions();
    assertThat(actions).contains("Authorize");
    assertThat(actions.indexOf("Authorize")).isLessThan(actions.indexOf(startAction(version)));
    assertThat(sc.csms.accepted()).extracting(TxMessage::kind).containsExactly(Kind.STARTED);
    assertThat(sc.hardware.offered(1)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aTokenTheCsmsRejectsStartsNothing(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.invalidTokens("STOLEN");
    sc.startOnline();

    sc.station().presentToken(1, "STOLEN", "ISO14443");
    sc.settle();
    sc.plugIn(1, AMPS);
    sc.settle();

    assertThat(sc.csms.actions()).contains("Authorize");
    assertThat(sc.csms.transactionMessages()).isEmpty();
    assertThat(sc.station().transaction(1)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void unpluggingTheEvEndsTheTransactionWithEvDisconnected(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, AMPS);
    sc.advance(Duration.ofSeconds(90));

    sc.station().unplug(1);
    sc.settle();

    TxMessage ended = last(sc.csms.accepted());
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.stopReason()).isEqualTo("EVDisconnected");
    assertThat(ended.idToken()).isNull();
    if (version == OcppVersion.V201) {
      assertThat(ended.trigger()).isEqualTo("EVCommunicationLost");
    }
    assertThat(last(sc.csms.statuses()).status()).isEqualTo("Available");
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aRemoteStartAuthorizesTheTokenAndStartsWhenTheEvIsPluggedIn(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();

    boolean accepted;
    if (version == OcppVersion.V16) {
      accepted =
          sc.command(
                      new RemoteStartTransactionRequest(1, "REMOTE-1", null),
                      RemoteStartTransactionResponse.class)
                  .status()
              == RemoteStartStopStatus.ACCEPTED;
    } else {
      accepted =
          sc.command(
                      new RequestStartTransactionRequest(
                          null, 1, null, IdToken.of("REMOTE-1", IdTokenType.CENTRAL), 42, null),
                      RequestStartTransactionResponse.class)
                  .status()
              == RequestStartStopStatus.ACCEPTED;
    }
    assertThat(accepted).isTrue();
    sc.plugIn(1, AMPS);
    sc.settle();

    // AuthorizeRemoteTxRequests / AuthorizeRemoteStart is on by default.
    assertThat(sc.csms.actions()).contains("Authorize");
    TxMessage started = sc.csms.accepted().get(0);
    assertThat(started.kind()).isEqualTo(Kind.STARTED);
    assertThat(started.idToken()).isEqualTo("REMOTE-1");
    assertThat(started.evse()).isEqualTo(1);
    if (version == OcppVersion.V201) {
      assertThat(started.remoteStartId()).isEqualTo(42);
      assertThat(started.trigger()).isEqualTo("RemoteStart");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aRemoteStopByTheTransactionIdTheCsmsKnowsEndsItWithReasonRemote(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, AMPS);
    sc.startCharging(2, "TOKEN-2", AMPS);
    String second = sc.csms.transactions().get(1);

    assertThat(remoteStop(sc, "999")).isFalse();
    assertThat(remoteStop(sc, second)).isTrue();
    sc.settle();

    TxMessage ended = last(sc.csms.accepted());
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.transaction()).isEqualTo(second);
    assertThat(ended.stopReason()).isEqualTo("Remote");
    if (version == OcppVersion.V201) {
      assertThat(ended.trigger()).isEqualTo("RemoteStop");
    }
    assertThat(sc.station().transaction(1)).isPresent();
    assertThat(sc.station().transaction(2)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aTokenTheCsmsFindsInvalidAtTheStartEndsTheTransactionDeAuthorized(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.invalidAtStart(TOKEN);
    sc.startOnline();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    sc.plugIn(1, AMPS);
    sc.advance(Duration.ofMinutes(2));

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx).extracting(TxMessage::kind).containsExactly(Kind.STARTED, Kind.ENDED);
    assertThat(tx).extracting(TxMessage::transaction).containsOnly(tx.get(0).transaction());
    assertThat(tx.get(1).stopReason()).isEqualTo("DeAuthorized");
    if (version == OcppVersion.V201) {
      assertThat(tx.get(1).trigger()).isEqualTo("Deauthorized");
      assertThat(tx).extracting(TxMessage::seqNo).containsExactly(0, 1);
    }
    assertThat(sc.station().transaction(1)).isEmpty();
    assertThat(sc.hardware.offered(1)).isFalse();
  }

  // ------------------------------------------------------------------------------ helpers

  static boolean remoteStop(StationScenario sc, String transaction) {
    if (sc.version == OcppVersion.V16) {
      return sc.command(
                  new RemoteStopTransactionRequest(Integer.valueOf(transaction)),
                  RemoteStopTransactionResponse.class)
              .status()
          == RemoteStartStopStatus.ACCEPTED;
    }
    return sc.command(
                RequestStopTransactionRequest.of(transaction), RequestStopTransactionResponse.class)
            .status()
        == RequestStartStopStatus.ACCEPTED;
  }

  static String startAction(OcppVersion version) {
    return version == OcppVersion.V16 ? "StartTransaction" : "TransactionEvent";
  }

  static String periodic(OcppVersion version) {
    return version == OcppVersion.V16 ? "Sample.Periodic" : "MeterValuePeriodic";
  }

  static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
