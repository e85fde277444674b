package io.kilowire.core.station.transactions;

import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.transaction.Outbox;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.Transaction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * After a restart, a transaction from the snapshot squared with the message queue, which may be one
 * step ahead of it if the station died between the two writes (the queue is written first).
 */
final class Reconciliation {
  private Reconciliation() {}

  /**
   * The transaction as recovery takes it up: null if its end is already queued; its start queued
   * now if that never happened; its next seqNo past every queued one.
   */
  static @Nullable Transaction reconcile(
      Transaction tx, List<QueuedMessage> queued, Outbox<?> outbox, CsmsGateway gateway) {
    boolean endQueued = false;
    boolean startQueued = false;
    int nextSeqNo = tx.nextSeqNo();
    for (QueuedMessage m : queued) {
      if (!m.transactionId().equals(tx.id())) {
        continue;
      }
      endQueued |= m.kind() == QueuedMessage.Kind.END;
      startQueued |= m.kind() == QueuedMessage.Kind.START;
      nextSeqNo = Math.max(nextSeqNo, m.seqNo() + 1);
    }
    if (endQueued) {
      return null;
    }
    Transaction reconciled = tx.withNextSeqNo(nextSeqNo);
    if (tx.nextSeqNo() == 0 && !startQueued) {
      outbox.enqueue(gateway.started(reconciled, tx.lastReading()));
      reconciled = reconciled.withNextSeqNo(Math.max(1, nextSeqNo));
    }
    return reconciled;
  }
}
