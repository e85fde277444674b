package io.kilowire.core.station.transactions;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.EnergyOnInvalidId;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.store.RecordLog;
import io.kilowire.core.transaction.Outbox;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.UpdateTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions on the station's EVSEs: the cable, an authorization waiting for its transaction, and
 * the transaction itself, begun, updated and ended through the persistent {@link Outbox} (each
 * message queued before the snapshot moves on, so a crash in between loses nothing); the ids the
 * CSMS gave the transactions (1.6), and the recovery of both after a restart. Its part of the
 * station's snapshot: the open transactions and those ids.
 */
public final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

  /** Transaction UPDATE messages the queue holds before it thins them (see {@link Outbox}). */
  private static final int MAX_QUEUED_UPDATES = 10_000;

  /** What the rest of the station does at the steps of a session. */
  public interface Steps {
    /** The station's state changed: its snapshot is written. */
    void persist();

    /** Whether {@code evse} may start a session: no reset is pending for it. */
    boolean admits(int evse);

    /** The status of {@code evse} may have changed. */
    void statusMayHaveChanged(int evse);

    /** An authorization that used reservation {@code reservationId} lapsed: no transaction. */
    default void reservationWithoutTransaction(int reservationId) {}

    /**
     * A transaction began and its start is queued: its limit goes into force, with the TxProfile
     * its remote start carried, before the EV gets energy.
     */
    void limitFor(int evse, Transaction tx, @Nullable ChargingProfile txProfile);

    /** The transaction began and was announced. */
    void started(int evse);

    /** A transaction ended (its end queued, the energy off): its profiles go, limits follow. */
    void limitAfter(int evse, Transaction ended);

    /** The end was announced: what waited for the EVSE to go idle happens now. */
    void ended(int evse);

    /** What to do with a running transaction whose token the CSMS judged in its answer. */
    InvalidIdAction tokenAnswered(Transaction tx, AuthorizationInfo info);

    /** A transaction message left the queue, confirmed by the CSMS or given up. */
    void settled(QueuedMessage message);

    /** The CSMS told a transaction's cost so far, or its total in the answer to its end. */
    default void costTold(String transactionId, java.math.BigDecimal total, boolean ended) {}

    /** The CSMS answered a transaction's end without its total cost. */
    default void totalCostUntold(String transactionId) {}

    /**
     * The transaction is at {@code reading} (its start, an update, its end), before the message
     * that says so is queued: what the station calculates from it (the local cost) is ready for it.
     */
    default void observed(Transaction tx, MeterReading reading) {}
  }

  /** An EVSE's session as far as it got. */
  private static final class Session {
    final int evse;
    boolean plugged;
    boolean finishing;
    @Nullable Transaction tx;
    @Nullable String authorizedToken;
    String authorizedTokenType = "ISO14443";
    @Nullable Integer remoteStartId;
    @Nullable Integer reservationId;
    @Nullable ChargingProfile pendingTxProfile;

    /** Authorizations so far, so a connection timeout knows whether its own is still waiting. */
    int authorizations;

    /** The CSMS found the token invalid: the energy allowance is being watched. */
    boolean invalidIdWatched;

    Session(int evse) {
      this.evse = evse;
    }
  }

  private final List<Session> sessions = new ArrayList<>();
  private final Map<String, Integer> csmsIds = new HashMap<>();
  private final Outbox<OcppMessage> outbox;
  private final StationHardware hardware;
  private final CsmsGateway gateway;
  private final TaskScheduler scheduler;
  private final StationParameters params;
  private final Supplier<String> transactionIds;
  private final BooleanSupplier online;
  private final Consumer<Transaction> startedObserver;
  private final BiConsumer<Transaction, StopReason> endedObserver;
  private final List<IntConsumer> sessionListeners = new ArrayList<>();
  private final ObserverGuard sessionListenerGuard = new ObserverGuard(LOG, "session listener");
  private final Steps steps;

  /**
   * @param transactionLog the journal the queue of transaction messages lives in
   * @param transactionIds the station's id for each new transaction
   * @param startedObserver told each transaction that began
   * @param endedObserver told each transaction that ended, and why
   */
  public Transactions(
      StationContext context,
      RecordLog transactionLog,
      Supplier<String> transactionIds,
      Consumer<Transaction> startedObserver,
      BiConsumer<Transaction, StopReason> endedObserver,
      Steps steps) {
    for (int i = 1; i <= context.evseCount(); i++) {
      sessions.add(new Session(i));
    }
    this.hardware = context.hardware();
    this.gateway = context.gateway();
    this.scheduler = context.scheduler();
    this.params = context.params();
    this.transactionIds = transactionIds;
    this.online = context.online();
    this.startedObserver = startedObserver;
    this.endedObserver = endedObserver;
    this.steps = steps;
    this.outbox =
        new Outbox<>(
            transactionLog,
            scheduler,
            params::transactionMessageAttempts,
            params::transactionMessageRetryInterval,
            MAX_QUEUED_UPDATES,
            failure -> failure instanceof CallFailedException.NotConnected,
            new Outbox.Listener<OcppMessage>() {
              @Override
              public void delivered(QueuedMessage message, OcppMessage response) {
                onDelivered(message, response);
                steps.settled(message);
              }

              @Override
              public void discarded(QueuedMessage message, Throwable lastFailure) {
                if (message.kind() == QueuedMessage.Kind.END) {
                  forgetCsmsId(message.transactionId());
                }
                steps.settled(message);
              }
            });
  }

  // ---------------------------------------------------------------------------------- recovery

  /**
   * Takes up the transactions the snapshot had open. Each was interrupted by a crash or power loss:
   * it ends with reason PowerLoss at its last persisted reading, unless the parameters say to
   * resume it. Returns the EVSEs whose transactions resume (they get energy once the limits are in
   * force).
   */
  public List<Integer> recover(Map<String, Integer> knownCsmsIds, List<Transaction> open) {
    return recover(knownCsmsIds, open, new Resumption());
  }

  /**
   * As {@link #recover(Map, List)}; with 2.1 {@code resumption} enabled, a transaction interrupted
   * no longer than ResumptionTimeout ago (its last persisted reading) stays open without energy and
   * is left to {@code resumption}, which takes it up once the station is connected (E17); one
   * interrupted longer ends as PowerLoss.
   */
  public List<Integer> recover(
      Map<String, Integer> knownCsmsIds, List<Transaction> open, Resumption resumption) {
    csmsIds.putAll(knownCsmsIds);
    List<QueuedMessage> queued = outbox.pending();
    List<Integer> resumed = new ArrayList<>();
    for (Transaction persisted : open) {
      if (!has(persisted.evse())) {
        continue;
      }
      Session e = session(persisted.evse());
      Transaction tx = Reconciliation.reconcile(persisted, queued, outbox, gateway);
      if (tx == null) {
        continue; // its end was queued just before the crash
      }
      e.tx = tx;
      Instant cut = tx.lastReading().at();
      if (resumption.enabled()
          && resumption.outcome(cut, scheduler.now()) != Resumption.Outcome.END) {
        LOG.info(
            "transaction {} on EVSE {} interrupted by a restart; resuming", tx.id(), tx.evse());
        e.plugged = true;
        resumption.interrupt(e.evse, tx.id(), cut, StopReason.POWER_LOSS);
      } else if (!resumption.enabled() && params.resumeTransactionsAfterPowerLoss()) {
        LOG.info("resuming transaction {} on EVSE {} after a restart", tx.id(), tx.evse());
        e.plugged = true;
        resumed.add(e.evse);
      } else {
        LOG.info("transaction {} on EVSE {} was open at power loss; ending it", tx.id(), tx.evse());
        end(e, StopReason.POWER_LOSS, null, tx.lastReading());
      }
    }
    return resumed;
  }

  // ---------------------------------------------------------------------------------- connection

  /** The station may send: the queue goes out, once per connection. */
  public void online() {
    if (!outbox.isOnline()) {
      // Once per connection: a triggered boot accepted again must not orphan the message in
      // flight (its reply would be taken for one from an earlier connection).
      outbox.online(m -> gateway.send(m, this::csmsIdOf));
    }
  }

  public void offline() {
    outbox.offline();
  }

  // ---------------------------------------------------------------------------------- the EV

  /**
   * The cable is in: a transaction started on authorization hears of it; otherwise one begins if
   * the EVSE {@code mayBegin} (operative, no fault, no reset pending) and a token is waiting or the
   * station starts on connection.
   */
  public void plugIn(int evse, boolean mayBegin) {
    Session e = session(evse);
    e.plugged = true;
    Transaction tx = e.tx;
    if (tx != null) {
      // Started on authorization (2.0.1 TxStartPoint Authorized): now the cable is in.
      update(e, hardware.read(e.evse), UpdateTrigger.CABLE_PLUGGED_IN);
    } else if (mayBegin) {
      if (e.authorizedToken != null || params.transactionStartsOnConnection()) {
        begin(e);
      }
    }
  }

  /** The cable is out: the transaction ends if the parameters say so. */
  public void unplug(int evse) {
    Session e = session(evse);
    e.plugged = false;
    e.finishing = false;
    if (e.tx != null && params.stopTransactionOnEvSideDisconnect()) {
      end(e, StopReason.EV_DISCONNECTED, null, hardware.read(e.evse));
    }
  }

  /**
   * The EV started or stopped taking energy (pilot state C vs B); true if that changed the running
   * transaction.
   */
  public boolean charging(int evse, boolean charging) {
    Session e = session(evse);
    Transaction tx = e.tx;
    if (tx == null || tx.charging() == charging) {
      return false;
    }
    e.tx = tx.withCharging(charging);
    steps.persist();
    update(e, hardware.read(e.evse), UpdateTrigger.CHARGING_STATE);
    return true;
  }

  /**
   * A token was accepted for {@code evse}: it authorizes the transaction waiting for one, or begins
   * a transaction (cable in, or the station starts on authorization), or waits for the cable.
   */
  public void authorized(int evse, String idToken, String type, @Nullable Integer remoteStartId) {
    authorized(evse, idToken, type, remoteStartId, null);
  }

  /** As {@link #authorized(int, String, String, Integer)}, the token using a reservation. */
  public void authorized(
      int evse,
      String idToken,
      String type,
      @Nullable Integer remoteStartId,
      @Nullable Integer reservationId) {
    Session e = session(evse);
    if (e.tx == null && !steps.admits(e.evse)) {
      LOG.info("token {} accepted on EVSE {}, but a reset is pending: no session", idToken, e.evse);
      return;
    }
    e.authorizedToken = idToken;
    e.authorizedTokenType = type;
    e.authorizations++;
    e.remoteStartId = remoteStartId;
    e.reservationId = reservationId;
    e.finishing = false;
    Transaction tx = e.tx;
    if (tx != null && !tx.authorized()) {
      e.tx = tx.withToken(idToken, type).withReservation(reservationId);
      e.reservationId = null;
      e.authorizedToken = null;
      steps.persist();
      update(e, hardware.read(e.evse), UpdateTrigger.AUTHORIZED);
    } else if (tx == null && (e.plugged || params.transactionStartsOnAuthorization())) {
      begin(e);
    }
    if (!e.plugged) {
      awaitCable(e);
    }
    steps.statusMayHaveChanged(e.evse);
  }

  /**
   * TxCtrlr.EVConnectionTimeOut: an authorization the cable does not follow in time lapses; a
   * transaction begun on it (TxStartPoint Authorized) ends with EVConnectTimeout.
   */
  private void awaitCable(Session e) {
    Duration timeout = params.evConnectionTimeout();
    if (timeout.isZero() || timeout.isNegative()) {
      return;
    }
    int authorization = e.authorizations;
    Transaction started = e.tx;
    scheduler.schedule(
        timeout,
        () -> {
          if (e.plugged) {
            return;
          }
          if (started != null && e.tx == started) {
            end(e, StopReason.EV_CONNECT_TIMEOUT, null, hardware.read(e.evse));
          } else if (started == null && e.tx == null && e.authorizations == authorization) {
            LOG.info("authorization on EVSE {} lapsed: no EV connected in {}", e.evse, timeout);
            Integer reservation = e.reservationId;
            forgetWaitingSession(e.evse);
            if (reservation != null) {
              steps.reservationWithoutTransaction(reservation);
            }
          } else {
            return;
          }
          steps.statusMayHaveChanged(e.evse);
        });
  }

  /** A remote start's TxProfile waits here for the transaction the start begins. */
  public void holdTxProfile(int evse, @Nullable ChargingProfile txProfile) {
    session(evse).pendingTxProfile = txProfile;
  }

  /** The token waiting for a transaction on {@code evse} no longer counts (EVSE inoperative). */
  public void forgetAuthorization(int evse) {
    session(evse).authorizedToken = null;
  }

  /**
   * Nothing waiting on {@code evse} starts a session any more (a reset): its token, remote-start id
   * and TxProfile go.
   */
  public void forgetWaitingSession(int evse) {
    Session e = session(evse);
    e.authorizedToken = null;
    e.remoteStartId = null;
    e.reservationId = null;
    e.pendingTxProfile = null;
  }

  /** A remote stop by the transaction's id as the CSMS knows it; false if unknown. */
  public boolean remoteStop(String transactionId) {
    for (Session e : sessions) {
      Transaction tx = e.tx;
      if (tx != null
          && (tx.id().equals(transactionId) || String.valueOf(tx.csmsId()).equals(transactionId))) {
        scheduler.schedule(
            Duration.ZERO,
            () -> {
              if (e.tx == tx) {
                end(e, StopReason.REMOTE, null, hardware.read(e.evse));
                steps.statusMayHaveChanged(e.evse);
              }
            });
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------- the steps

  /** Starts a transaction: with the authorized token, or without one on cable connection. */
  private void begin(Session e) {
    String token = e.authorizedToken != null ? e.authorizedToken : "";
    String type = e.authorizedToken != null ? e.authorizedTokenType : "";
    MeterReading reading = hardware.read(e.evse);
    Transaction tx =
        new Transaction(
            transactionIds.get(),
            e.evse,
            1,
            token,
            type,
            reading.at(),
            reading.energyWh(),
            null,
            0,
            e.remoteStartId,
            // Offline means no connection (2.0.1 `offline`), as the gateway judges later events;
            // a station that is connected but not yet accepted is not offline.
            !online.getAsBoolean(),
            false,
            reading,
            e.authorizedToken != null ? e.reservationId : null);
    e.authorizedToken = null;
    e.remoteStartId = null;
    e.reservationId = null;
    e.tx = tx;
    steps.persist();
    steps.observed(tx, reading);
    outbox.enqueue(gateway.started(tx, reading));
    e.tx = tx.withNextSeqNo(tx.nextSeqNo() + 1);
    steps.persist();
    ChargingProfile pending = e.pendingTxProfile;
    e.pendingTxProfile = null;
    // The limit (the remote start's TxProfile, the share of a station limit) is in force before
    // the pilot first offers current.
    steps.limitFor(e.evse, tx, pending);
    hardware.offerEnergy(e.evse, true);
    startedObserver.accept(tx);
    sessionChanged(e.evse);
    steps.started(e.evse);
  }

  /** Ends the transaction on {@code evse}, if one runs, at the meter's reading now. */
  public void end(int evse, StopReason reason) {
    Session e = session(evse);
    if (e.tx != null) {
      end(e, reason, null, hardware.read(e.evse));
    }
  }

  /** Ends the transaction on {@code evse}, if one runs, with the token that stopped it. */
  public void end(int evse, StopReason reason, String stopToken) {
    Session e = session(evse);
    if (e.tx != null) {
      end(e, reason, stopToken, hardware.read(e.evse));
    }
  }

  private void end(Session e, StopReason reason, @Nullable String stopToken, MeterReading reading) {
    Transaction tx = e.tx;
    if (tx == null) {
      return;
    }
    Transaction last = tx.withReading(reading);
    e.tx = null;
    if (last.csmsId() != null) {
      csmsIds.put(last.id(), last.csmsId());
    }
    steps.observed(last, reading);
    // Queue the end before the snapshot forgets the transaction: a crash in between leaves the
    // transaction open (ended again as PowerLoss) rather than silently lost.
    outbox.enqueue(gateway.ended(last, reading, reason, stopToken));
    steps.persist();
    e.finishing = e.plugged;
    hardware.offerEnergy(e.evse, false);
    steps.limitAfter(e.evse, last);
    endedObserver.accept(last, reason);
    sessionChanged(e.evse);
    steps.ended(e.evse);
  }

  /** Queues an update of the transaction on {@code evse}, if one runs, at the reading now. */
  public void update(int evse, UpdateTrigger trigger) {
    Session e = session(evse);
    if (e.tx != null) {
      update(e, hardware.read(e.evse), trigger, null);
    }
  }

  /** As {@link #update(int, UpdateTrigger)}, the update carrying {@code report} with it. */
  void update(int evse, UpdateTrigger trigger, TransactionLimits.Report report) {
    Session e = session(evse);
    if (e.tx != null) {
      update(e, hardware.read(e.evse), trigger, report);
    }
  }

  private void update(Session e, MeterReading reading, UpdateTrigger trigger) {
    update(e, reading, trigger, null);
  }

  private void update(
      Session e,
      MeterReading reading,
      UpdateTrigger trigger,
      TransactionLimits.@Nullable Report report) {
    Transaction tx = e.tx;
    if (tx == null || !outbox.keep(QueuedMessage.Kind.UPDATE)) {
      return;
    }
    steps.observed(tx, reading);
    // Queue first, then persist: recovery takes the next seqNo past every queued one.
    outbox.enqueue(
        report == null
            ? gateway.updated(tx, List.of(reading), trigger)
            : gateway.updated(tx, List.of(reading), trigger, report));
    e.tx = tx.withNextSeqNo(tx.nextSeqNo() + 1).withReading(reading);
    steps.persist();
  }

  private void sessionChanged(int evse) {
    sessionListeners.forEach(l -> sessionListenerGuard.run(() -> l.accept(evse)));
  }

  /**
   * Also tells {@code listener} the EVSE whenever a session begins or ends there; called on the
   * station's thread.
   */
  public void onSessionChange(IntConsumer listener) {
    sessionListeners.add(listener);
  }

  // ---------------------------------------------------------------------------------- the CSMS

  private void onDelivered(QueuedMessage message, OcppMessage response) {
    CsmsGateway.Confirmation c = gateway.confirmed(message, response);
    Integer assigned = c.assignedTransactionId();
    if (assigned != null) {
      csmsIds.put(message.transactionId(), assigned);
      for (Session e : sessions) {
        if (e.tx != null && e.tx.id().equals(message.transactionId())) {
          e.tx = e.tx.withCsmsId(assigned);
        }
      }
      steps.persist();
    }
    if (message.kind() == QueuedMessage.Kind.END) {
      forgetCsmsId(message.transactionId());
    }
    if (c.totalCost() != null) {
      steps.costTold(
          message.transactionId(), c.totalCost(), message.kind() == QueuedMessage.Kind.END);
    } else if (message.kind() == QueuedMessage.Kind.END) {
      steps.totalCostUntold(message.transactionId());
    }
    AuthorizationInfo info = c.tokenInfo();
    if (info != null) {
      for (Session e : sessions) {
        Transaction tx = e.tx;
        if (tx == null || !tx.id().equals(message.transactionId())) {
          continue;
        }
        InvalidIdAction action = steps.tokenAnswered(tx, info);
        if (action == InvalidIdAction.STOP_TRANSACTION) {
          LOG.info("token of transaction {} is {}: stopping it", tx.id(), info.status());
          end(e, StopReason.DE_AUTHORIZED, null, hardware.read(e.evse));
          steps.statusMayHaveChanged(e.evse);
        } else if (action == InvalidIdAction.SUSPEND_ENERGY && !e.invalidIdWatched) {
          e.invalidIdWatched = true;
          energyOnInvalidId(e, tx.id());
        }
      }
    }
  }

  /**
   * The transaction keeps its energy until it has taken MaxEnergyOnInvalidId since its start
   * (checked every second), then the EVSE offers none.
   */
  private void energyOnInvalidId(Session e, String transactionId) {
    Transaction tx = e.tx;
    if (tx == null || !tx.id().equals(transactionId)) {
      e.invalidIdWatched = false; // it ended
      return;
    }
    double now = hardware.read(e.evse).energyWh();
    if (EnergyOnInvalidId.exhausted(tx.meterStartWh(), now, params.maxEnergyOnInvalidIdWh())) {
      LOG.info("transaction {}: its token is invalid; no more energy", transactionId);
      e.invalidIdWatched = false;
      hardware.offerEnergy(e.evse, false);
      return;
    }
    scheduler.schedule(Duration.ofSeconds(1), () -> energyOnInvalidId(e, transactionId));
  }

  private void forgetCsmsId(String transactionId) {
    if (csmsIds.remove(transactionId) != null) {
      steps.persist();
    }
  }

  private @Nullable Integer csmsIdOf(String stationTransactionId) {
    Integer id = csmsIds.get(stationTransactionId);
    if (id != null) {
      return id;
    }
    for (Session e : sessions) {
      if (e.tx != null && e.tx.id().equals(stationTransactionId)) {
        return e.tx.csmsId();
      }
    }
    return null;
  }

  /**
   * The station's own id of the transaction the CSMS names {@code csmsTransactionId} (1.6: the
   * number it assigned); the id itself when no running transaction matches.
   */
  public String ownTransactionId(String csmsTransactionId) {
    for (Session e : sessions) {
      Transaction tx = e.tx;
      if (tx != null
          && (tx.id().equals(csmsTransactionId)
              || String.valueOf(tx.csmsId()).equals(csmsTransactionId))) {
        return tx.id();
      }
    }
    return csmsTransactionId;
  }

  // ---------------------------------------------------------------------------------- queries

  /** Whether the station has an EVSE {@code evse}. */
  public boolean has(int evse) {
    return evse >= 1 && evse <= sessions.size();
  }

  public @Nullable Transaction transaction(int evse) {
    return session(evse).tx;
  }

  public boolean plugged(int evse) {
    return session(evse).plugged;
  }

  /** The transaction ended with the cable still in. */
  public boolean finishing(int evse) {
    return session(evse).finishing;
  }

  /** A token authorized {@code evse} and waits for its transaction. */
  public boolean authorizationWaiting(int evse) {
    return session(evse).authorizedToken != null;
  }

  /** The first EVSE a remote start without one may take: free, with nothing waiting on it. */
  public @Nullable Integer freeEvse(IntPredicate available) {
    for (Session e : sessions) {
      if (e.tx == null && e.authorizedToken == null && available.test(e.evse)) {
        return e.evse;
      }
    }
    return null;
  }

  /** No transaction runs anywhere on the station. */
  public boolean idle() {
    return sessions.stream().allMatch(e -> e.tx == null);
  }

  public List<Transaction> open() {
    List<Transaction> open = new ArrayList<>();
    sessions.forEach(
        e -> {
          if (e.tx != null) {
            open.add(e.tx);
          }
        });
    return open;
  }

  /** The running transactions by EVSE, as smart charging sees them. */
  public Map<Integer, ActiveTransaction> active() {
    Map<Integer, ActiveTransaction> active = new HashMap<>();
    for (Session e : sessions) {
      Transaction tx = e.tx;
      if (tx != null) {
        active.put(e.evse, new ActiveTransaction(tx.id(), tx.startedAt()));
      }
    }
    return active;
  }

  /** When the running transaction on {@code evse} started; null without one. */
  public @Nullable Instant sessionStart(int evse) {
    Transaction tx = session(evse).tx;
    return tx == null ? null : tx.startedAt();
  }

  /** Transaction messages not yet confirmed by the CSMS, in order. */
  public List<QueuedMessage> queued() {
    return outbox.pending();
  }

  public int queuedCount() {
    return outbox.size();
  }

  /** The CSMS ids of transactions whose messages still wait, for the snapshot. */
  public Map<String, Integer> csmsIds() {
    return Map.copyOf(csmsIds);
  }

  private Session session(int evse) {
    return sessions.get(evse - 1);
  }
}
