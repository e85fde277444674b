package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ScriptedCsms;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.ScriptedCsms.TxMessage;
import io.kilowire.core.testing.StationScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lossless offline operation: queued while the CSMS is unreachable, delivered in order after. */
class OfflineScenarioTest {

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void transactionsStartedSampledAndEndedOfflineAreDeliveredInOrderAfterTheReconnect(
      OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.drop();

    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofMinutes(5));
    sc.startCharging(2, "TOKEN-2", 10);
    sc.advance(Duration.ofMinutes(3));
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.advance(Duration.ofMinutes(2));
    sc.station().unplug(2);
    int queued = sc.station().queuedTransactionMessages();
    assertThat(sc.csms.transactionMessages()).isEmpty();

    sc.connect();
    sc.advance(Duration.ofSeconds(10));

    List<TxMessage> all = sc.csms.transactionMessages();
    assertThat(all).hasSize(queued).allMatch(m -> m.answered() == ScriptedCsms.Reply.ACCEPT);
    assertThat(sc.station().queuedTransactionMessages()).isZero();
    assertChronological(all);
    List<String> transactions = sc.csms.transactions();
    assertThat(transactions).hasSize(2);
    for (String tx : transactions) {
      assertWholeTransaction(version, sc.csms.accepted(tx), true);
    }
    // 1.6: MeterValues and StopTransaction carry the id StartTransaction.conf assigned later.
    assertThat(all).extracting(TxMessage::transaction).isSubsetOf(transactions);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  void onlyTheEventsThatHappenedDuringAnOutageAreMarkedOffline(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.startCharging(1, TOKEN, 16);
    sc.advance(Duration.ofMinutes(2));
    sc.drop();
    sc.advance(Duration.ofMinutes(3));
    sc.connect();
    sc.advance(Duration.ofMinutes(2));
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();

    List<TxMessage> tx = sc.csms.accepted();
    assertThat(tx).extracting(TxMessage::transaction).containsOnly(tx.get(0).transaction());
    assertWholeTransaction(version, tx, false);
    assertChronological(tx);
    if (version == OcppVersion.V201) {
      // Started, charging, two samples online; three offline; two more and the end online.
      assertThat(tx)
          .extracting(TxMessage::offline)
          .containsExactly(false, false, false, false, true, true, true, false, false, false);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201"})
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDayLongOutageWithTwoEvsesChargingLosesNoMeterValue(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.startOnline();
    sc.drop();
    sc.startCharging(1, TOKEN, 16);
    sc.startCharging(2, "TOKEN-2", 32);

    sc.advance(Duration.ofHours(24));
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.station().unplug(2);
    int queued = sc.station().queuedTransactionMessages();

    sc.connect();
    sc.advance(Duration.ofMinutes(10));

    List<TxMessage> all = sc.csms.transactionMessages();
    assertThat(all).hasSize(queued);
    assertThat(sc.station().queuedTransactionMessages()).isZero();
    assertChronological(all);
    for (String tx : sc.csms.transactions()) {
      List<TxMessage> messages = sc.csms.accepted(tx);
      assertWholeTransaction(version, messages, true);
      // A sample a minute for a day (1440) plus the quarter-hourly clock-aligned ones (96).
      long periodic =
          messages.stream()
              .filter(m -> m.kind() == Kind.UPDATED)
              .filter(m -> TransactionScenarioTest.periodic(version).equals(m.trigger()))
              .filter(m -> m.timestamp().isAfter(messages.get(0).timestamp()))
              .count();
      assertThat(periodic).isEqualTo(1440);
      assertThat(messages.stream().filter(m -> m.kind() == Kind.UPDATED)).hasSize(1 + 1440 + 96);
      List<Double> energy =
          messages.stream().map(TxMessage::energyWh).filter(e -> e != null).toList();
      assertThat(energy).isSortedAccordingTo(Comparator.naturalOrder());
    }
  }

  // ------------------------------------------------------------------------------ helpers

  /** Started first, ended last, one of each; 2.0.1 seqNo 0..n without gaps. */
  static void assertWholeTransaction(
      OcppVersion version, List<TxMessage> messages, boolean allOffline) {
    assertThat(messages.get(0).kind()).isEqualTo(Kind.STARTED);
    assertThat(messages.get(messages.size() - 1).kind()).isEqualTo(Kind.ENDED);
    assertThat(messages.stream().filter(m -> m.kind() != Kind.UPDATED)).hasSize(2);
    if (version == OcppVersion.V201) {
      assertThat(messages)
          .extracting(TxMessage::seqNo)
          .containsExactlyElementsOf(IntStream.range(0, messages.size()).boxed().toList());
      if (allOffline) {
        assertThat(messages).allMatch(TxMessage::offline);
      }
    }
  }

  /** Delivered in the order the events happened. */
  static void assertChronological(List<TxMessage> messages) {
    List<Instant> times = messages.stream().map(TxMessage::timestamp).toList();
    assertThat(times).isSortedAccordingTo(Comparator.naturalOrder());
  }
}
