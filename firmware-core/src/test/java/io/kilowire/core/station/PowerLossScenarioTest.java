package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.ScriptedCsms.TxMessage;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.transaction.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A station that dies without shutdown (power loss, {@code kill -9}) and a new one started over the
 * same stores: open transactions end as PowerLoss or resume, and a crash between the snapshot and
 * the queue write is reconciled without a missing or duplicate message.
 */
class PowerLossScenarioTest {

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anOpenTransactionEndsWithPowerLossAtItsLastPersistedReading(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofMinutes(10).plusSeconds(30));
    Transaction before = sc.station().transaction(1).orElseThrow();
    TxMessage lastBefore = TransactionScenarioTest.last(sc.csms.accepted());

    sc.restartOnline();

    List<TxMessage> tx = sc.csms.accepted();
    TxMessage ended = TransactionScenarioTest.last(tx);
    assertThat(ended.kind()).isEqualTo(Kind.ENDED);
    assertThat(ended.stopReason()).isEqualTo("PowerLoss");
    assertThat(ended.timestamp()).isEqualTo(before.lastReading().at());
    assertThat(ended.timestamp()).isEqualTo(lastBefore.timestamp());
    assertThat(ended.energyWh()).isCloseTo(before.lastReading().energyWh(), within(0.5));
    assertThat(tx).extracting(TxMessage::transaction).containsOnly(tx.get(0).transaction());
    assertThat(tx).filteredOn(m -> m.kind() == Kind.STARTED).hasSize(1);
    if (version == OcppVersion.V201) {
      assertThat(ended.seqNo()).isEqualTo(lastBefore.seqNo() + 1);
    }
    assertThat(sc.station().transaction(1)).isEmpty();
    assertThat(sc.station().queuedTransactionMessages()).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void withResumeAfterPowerLossTheTransactionGoesOnWhereItWas(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofMinutes(3));
    String id = sc.station().transaction(1).orElseThrow().id();
    int before = sc.csms.accepted().size();

    sc.parameters(StationParameters.Fixed.defaults().withResumeAfterPowerLoss(true));
    sc.restartOnline();
    assertThat(sc.station().transaction(1)).hasValueSatisfying(t -> t.id().equals(id));
    assertThat(sc.hardware.offered(1)).isTrue();
    sc.advance(Duration.ofMinutes(2));
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx.subList(before, tx.size()))
        .extracting(TxMessage::kind)
        .containsExactly(Kind.UPDATED, Kind.UPDATED, Kind.ENDED);
    assertThat(TransactionScenarioTest.last(tx).stopReason()).isEqualTo("Local");
    assertThat(tx).extracting(TxMessage::transaction).containsOnly(tx.get(0).transaction());
    OfflineScenarioTest.assertWholeTransaction(version, tx, false);
    assertThat(tx.stream().map(TxMessage::energyWh).filter(e -> e != null).toList()).isSorted();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void anEndQueuedJustBeforeTheCrashIsDeliveredOnceAndNotEndedAgainAsPowerLoss(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofMinutes(2));
    sc.drop();
    byte[] stillOpen = sc.snapshots.read(StationSnapshot.NAME).orElseThrow();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    // The crash came after the end was queued and before the snapshot forgot the transaction.
    sc.snapshots.write(StationSnapshot.NAME, stillOpen);
    sc.restartOnline();
    sc.advance(Duration.ofMinutes(2));

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx).filteredOn(m -> m.kind() == Kind.ENDED).hasSize(1);
    assertThat(TransactionScenarioTest.last(tx).stopReason()).isEqualTo("Local");
    assertThat(tx).extracting(TxMessage::transaction).containsOnly(tx.get(0).transaction());
    OfflineScenarioTest.assertWholeTransaction(version, tx, false);
    assertThat(sc.station().openTransactions()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aStartThatNeverReachedTheQueueIsQueuedOnRestartBeforeThePowerLossEnd(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.drop();
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.plugIn(1, 16);
    Transaction open = sc.station().transaction(1).orElseThrow();
    assertThat(sc.log.size()).isEqualTo(1);

    // The crash came after the snapshot recorded the transaction and before its start was queued.
    sc.snapshots.write(
        StationSnapshot.NAME,
        new StationSnapshot(List.of(open.withNextSeqNo(0)), Map.of(), Set.of()).toBytes());
    sc.log.discardThrough(sc.log.nextSeq() - 1);
    sc.restartOnline();

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx).extracting(TxMessage::kind).containsExactly(Kind.STARTED, Kind.ENDED);
    assertThat(tx.get(0).timestamp()).isEqualTo(open.startedAt());
    assertThat(tx.get(1).stopReason()).isEqualTo("PowerLoss");
    OfflineScenarioTest.assertWholeTransaction(version, tx, true);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void aStartQueuedJustBeforeTheCrashIsNotQueuedTwice(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.drop();
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.plugIn(1, 16);
    Transaction open = sc.station().transaction(1).orElseThrow();

    // The start is queued, but the snapshot still holds the transaction as before queueing it.
    sc.snapshots.write(
        StationSnapshot.NAME,
        new StationSnapshot(List.of(open.withNextSeqNo(0)), Map.of(), Set.of()).toBytes());
    sc.restartOnline();

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx).extracting(TxMessage::kind).containsExactly(Kind.STARTED, Kind.ENDED);
    assertThat(tx.get(1).stopReason()).isEqualTo("PowerLoss");
    OfflineScenarioTest.assertWholeTransaction(version, tx, true);
  }

  @org.junit.jupiter.api.Test
  void v201AStartRebuiltAfterTheCrashKeepsTheOnlineFlagOfTheMomentItHappened() {
    StationScenario sc = new StationScenario(OcppVersion.V201);
    sc.startOnline();
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    sc.plugIn(1, 16);
    Transaction open = sc.station().transaction(1).orElseThrow();

    // Power fails in the same instant: the snapshot holds the transaction, the queue nothing.
    sc.snapshots.write(
        StationSnapshot.NAME,
        new StationSnapshot(List.of(open.withNextSeqNo(0)), Map.of(), Set.of()).toBytes());
    sc.log.discardThrough(sc.log.nextSeq() - 1);
    sc.restartOnline();

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx).extracting(TxMessage::kind).containsExactly(Kind.STARTED, Kind.ENDED);
    assertThat(tx.get(0).offline()).isFalse();
    assertThat(tx.get(1).offline()).isTrue();
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
