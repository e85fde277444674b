package io.kilowire.core.station;

import static io.kilowire.core.testing.StationScenario.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.testing.ScriptedCsms.Kind;
import io.kilowire.core.testing.ScriptedCsms.Reply;
import io.kilowire.core.testing.ScriptedCsms.TxMessage;
import io.kilowire.core.testing.StationScenario;
import io.kilowire.core.testing.VirtualLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transaction message retries (1.6 §3.7 TransactionMessageAttempts / RetryInterval, 2.0.1 and 2.1
 * MessageAttempts / MessageAttemptInterval): with the defaults, 3 transmissions, the n-th retry 60
 * s × n after the failure, then the message is discarded and the queue moves on.
 */
class RetryScenarioTest {
  private static final Duration RTT = StationScenario.LATENCY.multipliedBy(2);

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201", "V21"})
  void aStartAnsweredWithCallErrorIsRetriedAfterIntervalTimesNThenDiscarded(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.transactionReplies(m -> m.kind() == Kind.STARTED ? Reply.CALL_ERROR : Reply.ACCEPT);
    sc.startOnline();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    sc.plugIn(1, 16);
    sc.advance(Duration.ofMinutes(4));

    List<TxMessage> starts =
        sc.csms.transactionMessages().stream().filter(m -> m.kind() == Kind.STARTED).toList();
    assertThat(starts).hasSize(3).allMatch(m -> m.answered() == Reply.CALL_ERROR);
    assertThat(gap(starts.get(0).receivedAt(), starts.get(1).receivedAt()))
        .isEqualTo(Duration.ofSeconds(60).plus(RTT));
    assertThat(gap(starts.get(1).receivedAt(), starts.get(2).receivedAt()))
        .isEqualTo(Duration.ofSeconds(120).plus(RTT));
    // Discarded: the samples queued behind it follow at once.
    List<TxMessage> updates = sc.csms.accepted();
    assertThat(updates).isNotEmpty().allMatch(m -> m.kind() == Kind.UPDATED);
    assertThat(updates.get(0).receivedAt()).isEqualTo(starts.get(2).receivedAt().plus(RTT));

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    assertThat(TransactionScenarioTest.last(sc.csms.accepted()).kind()).isEqualTo(Kind.ENDED);
    assertThat(sc.station().queuedTransactionMessages()).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201", "V21"})
  void aStartTheCsmsNeverAnswersTimesOutAndCountsAsATransmission(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.link.unanswered(RetryScenarioTest::isStart);
    sc.startOnline();

    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    sc.plugIn(1, 16);
    sc.advance(Duration.ofMinutes(8));

    List<Instant> sent =
        sc.link.frames().stream()
            .filter(VirtualLink.Crossing::fromStation)
            .filter(c -> isStart(c.frame()))
            .map(VirtualLink.Crossing::at)
            .toList();
    // Each transmission waits the 30 s message timeout, then 60 s × n.
    assertThat(sent).hasSize(3);
    assertThat(gap(sent.get(0), sent.get(1))).isEqualTo(Duration.ofSeconds(30 + 60));
    assertThat(gap(sent.get(1), sent.get(2))).isEqualTo(Duration.ofSeconds(30 + 120));
    assertThat(sc.csms.accepted()).isNotEmpty().allMatch(m -> m.kind() == Kind.UPDATED);
  }

  @ParameterizedTest
  @EnumSource(
      value = OcppVersion.class,
      names = {"V16", "V201", "V21"})
  void timeOfflineDoesNotConsumeTransmissionAttempts(OcppVersion version) {
    StationScenario sc = new StationScenario(version);
    sc.csms.transactionReplies(m -> m.kind() == Kind.STARTED ? Reply.CALL_ERROR : Reply.ACCEPT);
    sc.startOnline();
    sc.station().presentToken(1, TOKEN, "ISO14443");
    sc.settle();
    sc.plugIn(1, 16);
    sc.advance(Duration.ofSeconds(10));

    sc.drop();
    sc.advance(Duration.ofHours(2));
    assertThat(starts(sc)).isEqualTo(1);

    sc.connect();
    sc.settle();
    assertThat(starts(sc)).isEqualTo(2);
    sc.advance(Duration.ofMinutes(3));
    assertThat(starts(sc)).isEqualTo(3);
    sc.advance(Duration.ofMinutes(10));
    assertThat(starts(sc)).isEqualTo(3);
  }

  private static long starts(StationScenario sc) {
    return sc.csms.transactionMessages().stream().filter(m -> m.kind() == Kind.STARTED).count();
  }

  private static boolean isStart(String frame) {
    return frame.startsWith("[2,")
        && (frame.contains("\"StartTransaction\"") || frame.contains("\"eventType\":\"Started\""));
  }

  private static Duration gap(Instant a, Instant b) {
    return Duration.between(a, b);
  }
}
