package io.kilowire.core.transaction;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.store.LogRecord;
import io.kilowire.core.store.RecordLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional queue: every transaction-related message is written to the {@link RecordLog}
 * before it may be sent, survives a crash, and leaves the log only after the CSMS answered it, so
 * nothing is lost across outages, {@code kill -9} or power loss. Messages go out one at a time in
 * the order they happened (OCPP 1.6 §3.7: transaction messages are delivered in chronological
 * order). Offline time does not count against the retry budget; a CSMS that answers with an error
 * or not at all does: the n-th retry waits {@code retryInterval × n}, and after {@code attempts}
 * transmissions the message is discarded, as both versions prescribe.
 *
 * <p>Thinning: while more than {@code maxQueuedUpdates} UPDATE messages wait, only every {@value
 * #THINNING_KEEP_ONE_IN}th new UPDATE is kept; START and END are never dropped. Callers ask {@link
 * #keep(QueuedMessage.Kind)} before building a message so 2.0.1 seqNo stays gap-free.
 *
 * <p>The outbox knows nothing of the protocol: {@code R} is what the CSMS answers, and whether a
 * failure means the message never left (no connection) is the caller's to say.
 *
 * <p>Not thread-safe: the station's single thread drives it.
 *
 * @param <R> the CSMS's answer to a message
 */
public final class Outbox<R> {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  public static final int THINNING_KEEP_ONE_IN = 10;

  /** Sends one message to the CSMS; the future carries the response or a failure. */
  @FunctionalInterface
  public interface Sender<R> {
    CompletableFuture<? extends R> send(QueuedMessage message);
  }

  /** What happened to a message. Runs on the station thread. */
  public interface Listener<R> {
    /** The CSMS confirmed it; called before the message leaves the log. */
    void delivered(QueuedMessage message, R response);

    /** Given up after the last allowed transmission. */
    default void discarded(QueuedMessage message, Throwable lastFailure) {}
  }

  private record Entry(long seq, QueuedMessage message) {}

  private final RecordLog log;
  private final TaskScheduler scheduler;
  private final IntSupplier attempts;
  private final Supplier<Duration> retryInterval;
  private final int maxQueuedUpdates;
  private final Predicate<Throwable> neverSent;
  private final Listener<R> listener;
  private final ArrayDeque<Entry> pending = new ArrayDeque<>();
  private int queuedUpdates;
  private long updatesOverBound;
  private @Nullable Sender<R> sender;
  private @Nullable Entry inFlight;
  private int transmissions;
  private TaskScheduler.@Nullable Cancellable retryTimer;
  private long generation;

  /**
   * @param attempts the allowed transmissions per message (1.6 TransactionMessageAttempts, 2.0.1
   *     MessageAttempts[TransactionEvent]); read at each decision so configuration changes apply
   * @param retryInterval 1.6 TransactionMessageRetryInterval, 2.0.1 MessageAttemptInterval
   * @param neverSent whether a send's failure means the message never reached the CSMS (no
   *     connection): it is then not a transmission and goes out again after the reconnect
   */
  public Outbox(
      RecordLog log,
      TaskScheduler scheduler,
      IntSupplier attempts,
      Supplier<Duration> retryInterval,
      int maxQueuedUpdates,
      Predicate<Throwable> neverSent,
      Listener<R> listener) {
    this.log = log;
    this.scheduler = scheduler;
    this.attempts = attempts;
    this.retryInterval = retryInterval;
    this.maxQueuedUpdates = maxQueuedUpdates;
    this.neverSent = neverSent;
    this.listener = listener;
    recover();
  }

  private void recover() {
    long from = log.firstSeq();
    while (true) {
      List<LogRecord> batch = log.readFrom(from, 512);
      if (batch.isEmpty()) {
        break;
      }
      for (LogRecord r : batch) {
        try {
          Entry e = new Entry(r.seq(), QueuedMessage.fromBytes(r.payload()));
          pending.add(e);
          if (e.message().kind() == QueuedMessage.Kind.UPDATE) {
            queuedUpdates++;
          }
        } catch (IllegalArgumentException damaged) {
          LOG.error("queued message {} is unreadable and is skipped", r.seq(), damaged);
        }
        from = r.seq() + 1;
      }
    }
    if (!pending.isEmpty()) {
      LOG.info("{} transaction message(s) recovered from the queue", pending.size());
    }
  }

  /**
   * Whether a new message of this kind should be queued. Answers false only for UPDATE messages
   * while the queue is over its bound, keeping one in {@value #THINNING_KEEP_ONE_IN}.
   */
  public boolean keep(QueuedMessage.Kind kind) {
    if (kind != QueuedMessage.Kind.UPDATE || queuedUpdates < maxQueuedUpdates) {
      return true;
    }
    return updatesOverBound++ % THINNING_KEEP_ONE_IN == 0;
  }

  /** Persists the message (durably) and sends it when its turn comes. */
  public void enqueue(QueuedMessage message) {
    long seq = log.append(message.toBytes());
    pending.add(new Entry(seq, message));
    if (message.kind() == QueuedMessage.Kind.UPDATE) {
      queuedUpdates++;
    }
    pump();
  }

  /** The CSMS is reachable through {@code sender}. */
  public void online(Sender<R> sender) {
    this.sender = sender;
    generation++;
    pump();
  }

  /** The connection is gone: what is in flight will be sent again when it returns. */
  public void offline() {
    sender = null;
    generation++;
    inFlight = null;
    cancelRetry();
  }

  public boolean isOnline() {
    return sender != null;
  }

  /** Messages not yet confirmed, in order. */
  public List<QueuedMessage> pending() {
    return pending.stream().map(Entry::message).toList();
  }

  public int size() {
    return pending.size();
  }

  private void pump() {
    Sender<R> s = sender;
    if (s == null || inFlight != null || retryTimer != null || pending.isEmpty()) {
      return;
    }
    Entry head = pending.peek();
    inFlight = head;
    long sentIn = generation;
    CompletableFuture<? extends R> reply;
    try {
      reply = s.send(head.message());
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(
        (response, failure) -> {
          if (sentIn != generation || inFlight != head) {
            return; // the connection changed meanwhile; the message goes out again
          }
          // inFlight stays set until the head left the queue: a listener that enqueues (a
          // transaction ended because the CSMS rejected its token) must not pump the head again.
          if (failure == null) {
            confirmed(head, response);
          } else {
            failed(head, failure instanceof CompletionException ? failure.getCause() : failure);
          }
        });
  }

  private void confirmed(Entry head, R response) {
    try {
      listener.delivered(head.message(), response);
    } finally {
      remove(head);
      inFlight = null;
    }
    pump();
  }

  private void failed(Entry head, Throwable failure) {
    if (neverSent.test(failure)) {
      inFlight = null;
      return; // not a transmission the CSMS saw; resent after reconnect
    }
    transmissions++;
    int allowed = Math.max(1, attempts.getAsInt());
    if (transmissions >= allowed) {
      LOG.warn(
          "{} of transaction {} discarded after {} transmission(s): {}",
          head.message().action(),
          head.message().transactionId(),
          transmissions,
          failure.getMessage());
      try {
        listener.discarded(head.message(), failure);
      } finally {
        remove(head);
        inFlight = null;
      }
      pump();
      return;
    }
    inFlight = null;
    Duration wait = retryInterval.get().multipliedBy(transmissions);
    LOG.info(
        "{} of transaction {} failed ({}); retry {} in {}",
        head.message().action(),
        head.message().transactionId(),
        failure.getMessage(),
        transmissions,
        wait);
    retryTimer =
        scheduler.schedule(
            wait,
            () -> {
              retryTimer = null;
              pump();
            });
  }

  private void remove(Entry head) {
    pending.remove(head);
    transmissions = 0;
    if (head.message().kind() == QueuedMessage.Kind.UPDATE) {
      queuedUpdates--;
    }
    log.discardThrough(head.seq());
  }

  private void cancelRetry() {
    if (retryTimer != null) {
      retryTimer.cancel();
      retryTimer = null;
    }
  }
}
