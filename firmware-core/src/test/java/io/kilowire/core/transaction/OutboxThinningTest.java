package io.kilowire.core.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.store.MemoryRecordLog;
import io.kilowire.core.transaction.QueuedMessage.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The outbox under pressure: thinning of UPDATEs beyond its bound, and its delivery order. */
class OutboxThinningTest {
  private static final int BOUND = 5;

  private final VirtualScheduler clock =
      new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryRecordLog log = new MemoryRecordLog();
  private final List<QueuedMessage> sent = new ArrayList<>();
  private final List<QueuedMessage> delivered = new ArrayList<>();

  private Outbox<OcppMessage> outbox(Outbox.Listener<OcppMessage> listener) {
    return new Outbox<>(
        log,
        clock,
        () -> 3,
        () -> Duration.ofSeconds(60),
        BOUND,
        failure -> failure instanceof CallFailedException.NotConnected,
        listener);
  }

  private Outbox<OcppMessage> outbox() {
    return outbox((m, r) -> delivered.add(m));
  }

  private static QueuedMessage message(String tx, Kind kind, int seqNo) {
    return new QueuedMessage("TransactionEvent", "{\"n\":" + seqNo + "}", tx, kind, seqNo);
  }

  /** Offers 100 samples the way the station does: ask, then build and queue only if kept. */
  private static List<Integer> offerUpdates(Outbox<?> outbox, String tx, int from, int count) {
    List<Integer> kept = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      if (outbox.keep(Kind.UPDATE)) {
        outbox.enqueue(message(tx, Kind.UPDATE, i));
        kept.add(i);
      }
    }
    return kept;
  }

  private CompletableFuture<OcppMessage> answer(QueuedMessage m) {
    sent.add(m);
    return CompletableFuture.completedFuture(TransactionEventResponse.of());
  }

  @Test
  void overItsBoundTheOutboxKeepsOneUpdateInTenAndEveryStartAndEnd() {
    Outbox<OcppMessage> outbox = outbox();
    outbox.enqueue(message("a", Kind.START, 0));

    List<Integer> kept = offerUpdates(outbox, "a", 1, 100);
    assertThat(outbox.keep(Kind.START)).isTrue();
    assertThat(outbox.keep(Kind.END)).isTrue();
    outbox.enqueue(message("a", Kind.END, 101));
    outbox.enqueue(message("b", Kind.START, 0));
    outbox.enqueue(message("b", Kind.END, 1));

    // The first five fill the bound; of the 95 beyond it the 1st, 11th, 21st ... are kept.
    List<Integer> expected = new ArrayList<>(List.of(1, 2, 3, 4, 5));
    IntStream.iterate(6, i -> i <= 100, i -> i + 10).forEach(expected::add);
    assertThat(kept).containsExactlyElementsOf(expected);
    assertThat(outbox.pending()).filteredOn(m -> m.kind() != Kind.UPDATE).hasSize(4);
    assertThat(outbox.size()).isEqualTo(1 + expected.size() + 3);

    outbox.online(this::answer);
    assertThat(sent).containsExactlyElementsOf(delivered);
    assertThat(delivered)
        .extracting(m -> m.transactionId() + ":" + m.kind())
        .startsWith("a:START")
        .endsWith("a:END", "b:START", "b:END");
    assertThat(log.isEmpty()).isTrue();
  }

  @Test
  void onceTheQueueDrainedBelowItsBoundEveryUpdateIsKeptAgain() {
    Outbox<OcppMessage> outbox = outbox();
    offerUpdates(outbox, "a", 0, 40);
    outbox.online(this::answer);
    assertThat(outbox.size()).isZero();

    assertThat(offerUpdates(outbox, "a", 40, 5)).containsExactly(40, 41, 42, 43, 44);
  }

  @Test
  void aRestartedOutboxRecoversTheQueueInOrderAndKeepsThinning() {
    Outbox<OcppMessage> first = outbox();
    first.enqueue(message("a", Kind.START, 0));
    offerUpdates(first, "a", 1, 30);

    Outbox<OcppMessage> second = outbox();
    assertThat(second.pending()).containsExactlyElementsOf(first.pending());
    assertThat(offerUpdates(second, "a", 31, 10)).hasSize(1);
  }

  @Test
  void aListenerThatQueuesOnDeliveryDoesNotGetTheDeliveredMessageSentAgain() {
    List<Outbox<OcppMessage>> self = new ArrayList<>();
    Outbox<OcppMessage> outbox =
        outbox(
            (m, r) -> {
              delivered.add(m);
              if (m.kind() == Kind.START) {
                // As the station does when the CSMS rejects the token at the start.
                self.get(0).enqueue(message(m.transactionId(), Kind.END, 1));
              }
            });
    self.add(outbox);
    outbox.enqueue(message("a", Kind.START, 0));

    outbox.online(this::answer);

    assertThat(sent).extracting(QueuedMessage::kind).containsExactly(Kind.START, Kind.END);
    assertThat(delivered).extracting(QueuedMessage::kind).containsExactly(Kind.START, Kind.END);
    assertThat(outbox.size()).isZero();
  }
}
