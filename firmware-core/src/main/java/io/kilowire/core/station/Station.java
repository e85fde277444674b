package io.kilowire.core.station;

import io.kilowire.core.authorization.AuthorizationDecision;
import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationQuery;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.authorization.AuthorizationStore;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.fallback.FallbackMonitor;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SharedLimit;
import io.kilowire.core.loadmanagement.StationSharing;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.ClearCriteria;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.EffectiveLimit;
import io.kilowire.core.smartcharging.Limit;
import io.kilowire.core.smartcharging.LimitSource;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.StationWideLimits;
import io.kilowire.core.smartcharging.ValidationResult;
import io.kilowire.core.station.CsmsGateway.BootCause;
import io.kilowire.core.station.CsmsGateway.BootOutcome;
import io.kilowire.core.station.CsmsGateway.Registration;
import io.kilowire.core.store.RecordLog;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transaction.Outbox;
import io.kilowire.core.transaction.QueuedMessage;
import io.kilowire.core.transaction.StopReason;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.UpdateTrigger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A charging station's behaviour, version-neutral: provisioning (boot, heartbeat, status),
 * availability, authorization of tokens, transactions with their meter values, and recovery after a
 * restart. It is a step machine driven on one thread: connection events, hardware events, CSMS
 * commands (through the version adapters) and timers from the injected {@link TaskScheduler}. It
 * speaks to the CSMS only through its {@link CsmsGateway}; transaction messages go through the
 * persistent {@link Outbox}, and the open transactions are persisted before the station acts.
 */
public final class Station {
  private static final Logger LOG = LoggerFactory.getLogger(Station.class);
  private static final Duration BOOT_RETRY = Duration.ofSeconds(30);

  /** How long a reset waits for the CSMS to confirm the ends of its transactions. */
  static final Duration REBOOT_WAIT = Duration.ofSeconds(30);

  private static final double MIN_CURRENT_A = 6.0;

  /**
   * While a station limit is shared among vehicles, how often the shares are reviewed against what
   * the EVs draw (a tapering EV frees current for the others).
   */
  static final Duration SHARE_REVIEW = Duration.ofSeconds(10);

  /** An EVSE meter reading older than this counts as no draw when shares are computed. */
  static final Duration DRAW_STALE_AFTER = Duration.ofSeconds(60);

  /** Fault and fallback events kept, each, while the CSMS is unreachable; then the oldest go. */
  static final int MAX_PENDING_EVENTS = 100;

  /** What the station reports about itself, for a console or a test. */
  public interface Observer {
    default void registration(Registration registration) {}

    default void status(int evse, ConnectorStatus status) {}

    default void transactionStarted(Transaction tx) {}

    default void transactionEnded(Transaction tx, StopReason reason) {}

    /**
     * The CSMS's clock, from a BootNotification or Heartbeat answer: a controller without its own
     * time source sets its clock from it (OCPP: the CSMS is the station's time reference).
     */
    default void csmsTime(Instant csmsTime) {}

    /**
     * A reset is carried out: its transactions ended and their ends reached the CSMS (or could
     * not); the station reboots now (see {@link Station#onReboot}) and then registers again with a
     * BootNotification (reason RemoteReset). Once per reset.
     */
    default void rebootRequested(boolean hard) {}

    /** A fallback condition began or ended (see {@link FallbackMonitor}). */
    default void fallback(FallbackEvent event) {}
  }

  /** An EVSE's state as the station tracks it. */
  private static final class Evse {
    final int id;
    boolean plugged;
    boolean faulted;
    boolean operative = true;
    boolean inoperativeWhenIdle;
    boolean finishing;
    FaultCode faultCode = FaultCode.NONE;
    @Nullable ChargingNeeds needs;
    boolean needsSent;
    double limitA = Double.NaN;

    /** The external limit's share decided {@link #limitA} (it was the least of the limits). */
    boolean limitedByExternal;

    /**
     * The transaction {@link #limitA} was last applied to (a new one's first limit is no change).
     */
    @Nullable String limitTxId;

    @Nullable Double localLimitA;
    @Nullable ChargingProfile pendingTxProfile;
    @Nullable Transaction tx;
    @Nullable String authorizedToken;
    String authorizedTokenType = "ISO14443";
    @Nullable Integer remoteStartId;
    @Nullable ConnectorStatus reported;
    boolean reportedOnline;

    Evse(int id) {
      this.id = id;
    }
  }

  private final int evseCount;
  private final StationParameters params;
  private final StationHardware hardware;
  private final StationLimitGuard guard;
  private final StationSharing sharing;
  private final TaskScheduler scheduler;
  private final SnapshotStore snapshots;
  private final CsmsGateway gateway;
  private final Outbox<OcppMessage> outbox;
  private final Supplier<String> transactionIds;
  private final Observer observer;
  private final List<IntConsumer> sessionListeners = new ArrayList<>();
  private final ObserverGuard sessionListenerGuard = new ObserverGuard(LOG, "session listener");
  private final Map<Integer, Evse> evses = new TreeMap<>();
  private final Map<String, Integer> csmsIds = new HashMap<>();
  private final AuthorizationService auth;
  private final SmartChargingService smartCharging;
  private final PendingReports<FaultEvent> faultEvents;

  private TaskScheduler.@Nullable Cancellable limitTimer;
  private TaskScheduler.@Nullable Cancellable fallbackTimer;
  private FallbackMonitor fallback;
  private final PendingReports<FallbackEvent> unreportedFallback;
  private @Nullable DemandResponse externalLimit;

  /** Limits on the whole station were in force at the last {@link #applyLimits}. */
  private boolean sharingStationLimits;

  /** The queued report of the external limit in force; null = none. */
  private @Nullable LimitReport externalLimitReport;

  private final PendingReports<LimitReport> limitReports;
  private boolean online;
  private Registration registration = Registration.REJECTED;
  private boolean accepted;
  private @Nullable Duration heartbeatInterval;
  private TaskScheduler.@Nullable Cancellable heartbeatTimer;
  private TaskScheduler.@Nullable Cancellable bootTimer;
  private TaskScheduler.@Nullable Cancellable sampleTimer;
  private TaskScheduler.@Nullable Cancellable clockTimer;
  private BootCause nextBootCause = BootCause.POWER_UP;
  private final ResetPlan resets = new ResetPlan();
  private TaskScheduler.@Nullable Cancellable rebootTimer;
  private @Nullable Rebooter rebooter;

  public Station(
      int evseCount,
      StationParameters params,
      StationHardware hardware,
      TaskScheduler scheduler,
      SnapshotStore snapshots,
      RecordLog transactionLog,
      CsmsGateway gateway,
      Supplier<String> transactionIds,
      Observer observer) {
    if (evseCount < 1) {
      throw new IllegalArgumentException("a station has at least one EVSE");
    }
    this.evseCount = evseCount;
    this.params = params;
    double volts = Limit.DEFAULT_NOMINAL_VOLTAGE.doubleValue();
    this.guard =
        new StationLimitGuard(
            new OfferedCurrentReadings(hardware, this::offeredCurrentA), evseCount, volts);
    this.hardware = guard;
    this.sharing =
        new StationSharing(Collections.nCopies(evseCount, params.evseMaxCurrentA()), volts);
    this.scheduler = scheduler;
    this.snapshots = snapshots;
    this.gateway = gateway;
    this.faultEvents =
        new PendingReports<>(
            "fault events", MAX_PENDING_EVENTS, () -> online && accepted, gateway::faultEvent);
    this.unreportedFallback =
        new PendingReports<>(
            "fallback events",
            MAX_PENDING_EVENTS,
            () -> online && accepted,
            gateway::fallbackEvent);
    this.limitReports =
        new PendingReports<>(
            "external-limit reports",
            MAX_PENDING_EVENTS,
            () -> online && accepted,
            r -> {
              DemandResponse limit = r.limit();
              return limit == null
                  ? gateway.externalLimitCleared(r.source(), null)
                  : gateway.externalLimit(limit, null);
            });
    this.transactionIds = transactionIds;
    this.observer = new GuardedObserver(observer);
    for (int i = 1; i <= evseCount; i++) {
      evses.put(i, new Evse(i));
    }
    this.smartCharging =
        new SmartChargingService(
            params.chargingProfileLimits(evseCount), gateway.profileRules(), snapshots);
    this.fallback = newFallbackMonitor(FallbackConfig.defaults(), false, false);
    this.auth =
        AuthorizationService.open(
            authorizationSettings(),
            AuthorizationStore.of(snapshots::read, snapshots::write),
            scheduler.now());
    this.outbox =
        new Outbox<>(
            transactionLog,
            scheduler,
            params::transactionMessageAttempts,
            params::transactionMessageRetryInterval,
            10_000,
            failure -> failure instanceof CallFailedException.NotConnected,
            new Outbox.Listener<OcppMessage>() {
              @Override
              public void delivered(QueuedMessage message, OcppMessage response) {
                onDelivered(message, response);
                rebootOnceEndsConfirmed(message);
              }

              @Override
              public void discarded(QueuedMessage message, Throwable lastFailure) {
                if (message.kind() == QueuedMessage.Kind.END) {
                  forgetCsmsId(message.transactionId());
                }
                rebootOnceEndsConfirmed(message);
              }
            });
  }

  // ---------------------------------------------------------------------------------- lifecycle

  /**
   * Restores the persisted state. Transactions still open were interrupted by a crash or power
   * loss: they end with reason PowerLoss at their last persisted reading, unless the parameters say
   * to resume them.
   */
  public void start() {
    StationSnapshot snapshot = loadSnapshot();
    csmsIds.putAll(snapshot.csmsIds());
    for (int evse : snapshot.inoperative()) {
      if (evses.containsKey(evse)) {
        evses.get(evse).operative = false;
      }
    }
    List<QueuedMessage> queued = outbox.pending();
    List<Evse> resumed = new ArrayList<>();
    for (Transaction persisted : snapshot.openTransactions()) {
      Evse e = evses.get(persisted.evse());
      if (e == null) {
        continue;
      }
      Transaction tx = reconcile(persisted, queued);
      if (tx == null) {
        continue; // its end was queued just before the crash
      }
      e.tx = tx;
      if (params.resumeTransactionsAfterPowerLoss()) {
        LOG.info("resuming transaction {} on EVSE {} after a restart", tx.id(), tx.evse());
        e.plugged = true;
        resumed.add(e);
      } else {
        LOG.info("transaction {} on EVSE {} was open at power loss; ending it", tx.id(), tx.evse());
        end(e, StopReason.POWER_LOSS, null, tx.lastReading());
      }
    }
    persist();
    evses.values().forEach(this::refreshStatus);
    scheduleClockAligned();
    scheduleSampling();
    // Not yet connected: stored profiles with a maxOfflineDuration count from the start, or from
    // when the outage began if the station restarted during one.
    if (!online) {
      Instant since = snapshot.offlineSince();
      smartCharging.offline(
          since != null && since.isBefore(scheduler.now()) ? since : scheduler.now());
    }
    restoreExternalLimit();
    applyLimits();
    evaluateFallback();
    // Energy only once the limits (profiles, shares, the offline cap) are in force.
    resumed.forEach(e -> hardware.offerEnergy(e.id, true));
  }

  /**
   * Squares a transaction from the snapshot with the queue, which may be one step ahead of it if
   * the station died between the two writes: null if its end is already queued; its start queued
   * now if that never happened; its next seqNo past every queued one.
   */
  private @Nullable Transaction reconcile(Transaction tx, List<QueuedMessage> queued) {
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

  /**
   * Ends all transactions (reason Reboot) before a planned shutdown; the queue keeps them, and the
   * station's last state is persisted before its stores close.
   */
  public void shutdown() {
    for (Evse e : evses.values()) {
      if (e.tx != null) {
        end(e, StopReason.REBOOT, null, hardware.read(e.id));
      }
    }
    persist();
    cancel(heartbeatTimer);
    cancel(bootTimer);
    cancel(sampleTimer);
    cancel(clockTimer);
    cancel(limitTimer);
    cancel(fallbackTimer);
    cancel(rebootTimer);
  }

  // ---------------------------------------------------------------------------------- connection

  /** The connection to the CSMS is open (the gateway can send). */
  public void connected() {
    online = true;
    Instant now = scheduler.now();
    List<ChargingProfile> expired = smartCharging.reconnected(now);
    if (!expired.isEmpty()) {
      LOG.info("charging profiles {} stay invalid after the offline period", ids(expired));
    }
    persist(); // the outage is over: a restart from here counts as online
    fallback.csmsConnection(now, true);
    evaluateFallback();
    applyLimits();
    if (accepted) {
      // OCPP: no new BootNotification on reconnect unless something in it changed.
      goOnline();
    } else {
      boot(nextBootCause);
    }
  }

  public void disconnected() {
    online = false;
    faultEvents.connectionLost();
    unreportedFallback.connectionLost();
    limitReports.connectionLost();

    outbox.offline();
    cancel(heartbeatTimer);
    cancel(bootTimer);
    evses.values().forEach(e -> e.reportedOnline = false);
    Instant now = scheduler.now();
    if (smartCharging.offlineSince() == null) {
      smartCharging.offline(now);
      persist(); // a restart during the outage keeps counting from its start
    }
    // A station that never got through counts as offline for its profiles, but reports a CSMS
    // outage only once it was registered (every boot would report one otherwise).
    if (accepted) {
      fallback.csmsConnection(now, false);
      evaluateFallback();
    }
    applyLimits();
    if (resets.ending()) {
      reboot(); // the ends cannot reach the CSMS before it: they wait in the queue
    }
  }

  private static List<Integer> ids(List<ChargingProfile> profiles) {
    return profiles.stream().map(ChargingProfile::id).toList();
  }

  public boolean isAccepted() {
    return accepted;
  }

  public Registration registration() {
    return registration;
  }

  private void boot(BootCause cause) {
    cancel(bootTimer);
    gateway
        .boot(cause)
        .whenComplete(
            (outcome, failure) -> {
              if (failure != null) {
                Throwable c = unwrap(failure);
                if (!(c instanceof CallFailedException.NotConnected) && online) {
                  LOG.warn(
                      "BootNotification failed: {}; booting again in {}",
                      c.getMessage(),
                      BOOT_RETRY);
                  bootTimer = scheduler.schedule(BOOT_RETRY, () -> boot(cause));
                }
                return;
              }
              booted(outcome, cause);
            });
  }

  private void booted(BootOutcome outcome, BootCause cause) {
    // A triggered boot may answer while a retry is still scheduled: one retry loop, and none once
    // accepted (OCPP: no further BootNotification after Accepted).
    cancel(bootTimer);
    registration = outcome.registration();
    observer.csmsTime(outcome.csmsTime());
    observer.registration(registration);
    Duration interval = outcome.interval().isZero() ? null : outcome.interval();
    if (registration != Registration.ACCEPTED) {
      // Pending or Rejected: nothing but another BootNotification after the interval.
      Duration wait = interval != null ? interval : BOOT_RETRY;
      bootTimer = scheduler.schedule(wait, () -> boot(cause));
      return;
    }
    accepted = true;
    heartbeatInterval = interval;
    if (interval != null) {
      params.heartbeatIntervalAssigned(interval);
    }
    goOnline();
  }

  private void goOnline() {
    if (!online) {
      return;
    }
    if (!outbox.isOnline()) {
      // Once per connection: a triggered boot accepted again must not orphan the message in
      // flight (its reply would be taken for one from an earlier connection).
      outbox.online(m -> gateway.send(m, this::csmsIdOf));
    }
    gateway.reportStationStatus(
        evses.values().stream().anyMatch(e -> e.operative)
            ? ConnectorStatus.AVAILABLE
            : ConnectorStatus.UNAVAILABLE,
        scheduler.now());
    evses.values().forEach(e -> report(e, true));
    evses.values().forEach(this::sendChargingNeeds);
    faultEvents.flush();
    scheduleHeartbeat();
    limitReports.flush();
    unreportedFallback.flush();
  }

  private void scheduleHeartbeat() {
    cancel(heartbeatTimer);
    Duration interval = heartbeatInterval != null ? heartbeatInterval : params.heartbeatInterval();
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    heartbeatTimer =
        scheduler.schedule(
            interval,
            () -> {
              if (online && accepted) {
                gateway.heartbeat().thenAccept(observer::csmsTime);
              }
              scheduleHeartbeat();
            });
  }

  /** A CSMS changed the heartbeat interval (1.6 HeartbeatInterval, 2.0.1 OCPPCommCtrlr). */
  public void heartbeatIntervalChanged(Duration interval) {
    heartbeatInterval = interval;
    if (online && accepted) {
      scheduleHeartbeat();
    }
  }

  // ---------------------------------------------------------------------------------- hardware

  public void plugIn(int evse) {
    Evse e = evse(evse);
    e.plugged = true;
    Transaction tx = e.tx;
    if (tx != null) {
      // Started on authorization (2.0.1 TxStartPoint Authorized): now the cable is in.
      enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.CABLE_PLUGGED_IN);
    } else if (e.operative && !e.faulted && resets.admits(e.id)) {
      if (e.authorizedToken != null || params.transactionStartsOnConnection()) {
        begin(e);
      }
    }
    if (sharingStationLimits) {
      applyLimits(); // a vehicle now takes part in the station limit's sharing
    }
    refreshStatus(e);
  }

  public void unplug(int evse) {
    Evse e = evse(evse);
    e.plugged = false;
    e.needs = null;
    e.finishing = false;
    if (e.tx != null && params.stopTransactionOnEvSideDisconnect()) {
      end(e, StopReason.EV_DISCONNECTED, null, hardware.read(e.id));
    }
    if (sharingStationLimits) {
      applyLimits(); // its share goes to the others
    }
    refreshStatus(e);
  }

  /** The EV started or stopped taking energy (pilot state C vs B). */
  public void evCharging(int evse, boolean charging) {
    Evse e = evse(evse);
    Transaction tx = e.tx;
    if (tx != null && tx.charging() != charging) {
      e.tx = tx.withCharging(charging);
      persist();
      enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.CHARGING_STATE);
      if (sharingStationLimits) {
        applyLimits(); // the shares follow the EVs that charge
      }
    }
    refreshStatus(e);
  }

  public void fault(int evse, boolean faulted) {
    fault(evse, faulted ? FaultCode.OTHER : FaultCode.NONE);
  }

  /**
   * The hardware reports a fault on an EVSE (NONE: it cleared): a running transaction ends, the
   * EVSE reports Faulted with the cause, and takes no new transaction until it clears.
   */
  public void fault(int evse, FaultCode code) {
    Evse e = evse(evse);
    boolean faulted = code != FaultCode.NONE;
    FaultCode before = e.faultCode;
    e.faulted = faulted;
    e.faultCode = code;
    if (faulted && e.tx != null) {
      end(e, StopReason.OTHER, null, hardware.read(e.id));
    }
    refreshStatus(e);
    if (code != before) {
      // A new cause is raised; a clear names the cause that went away.
      queueFaultEvent(
          faulted
              ? new FaultEvent(evse, code, false, scheduler.now())
              : new FaultEvent(evse, before, true, scheduler.now()));
    }
  }

  private void queueFaultEvent(FaultEvent event) {
    faultEvents.add(event);
  }

  /** Fault events not yet confirmed by the CSMS. */
  public List<FaultEvent> pendingFaultEvents() {
    return faultEvents.pending();
  }

  /**
   * The EV on {@code evse} told its charging needs over ISO 15118: the CSMS hears of them (2.0.1
   * NotifyEVChargingNeeds) now, or after the reconnect if the EV is still there then.
   */
  public void evChargingNeeds(int evse, ChargingNeeds needs) {
    Evse e = evse(evse);
    e.needs = needs;
    e.needsSent = false;
    sendChargingNeeds(e);
    if (sharingStationLimits) {
      applyLimits(); // its share follows the phases and the maximum it said
    }
  }

  /** What the EV on {@code evse} last asked for over ISO 15118, if anything. */
  public Optional<ChargingNeeds> chargingNeeds(int evse) {
    return Optional.ofNullable(evse(evse).needs);
  }

  private void sendChargingNeeds(Evse e) {
    ChargingNeeds needs = e.needs;
    if (needs != null && !e.needsSent && online && accepted) {
      e.needsSent = true;
      gateway
          .chargingNeeds(e.id, needs)
          .whenComplete(
              (r, failure) -> {
                if (failure != null
                    && unwrap(failure) instanceof CallFailedException.NotConnected
                    && e.needs == needs) {
                  e.needsSent = false; // the link went down first: after the reconnect
                } else if (failure != null) {
                  LOG.warn(
                      "NotifyEVChargingNeeds on EVSE {} failed: {}", e.id, failure.getMessage());
                }
              });
    }
  }

  /**
   * A token presented at an EVSE's reader: stops the EVSE's transaction if it is the same token,
   * otherwise authorizes it for a new transaction.
   */
  public void presentToken(int evse, String idToken, String idTokenType) {
    Evse e = evse(evse);
    Transaction tx = e.tx;
    if (tx != null && !tx.authorized()) {
      // A transaction started on cable connection waits for its token.
      decide(
          AuthorizationQuery.presented(token(idToken, idTokenType), online && accepted)
              .atEvse(evse),
          idTokenType,
          e,
          null);
      return;
    }
    if (tx != null) {
      if (tx.idToken().equals(idToken)) {
        end(e, StopReason.LOCAL, idToken, hardware.read(e.id));
        refreshStatus(e);
      }
      return;
    }
    if (!e.operative || e.faulted) {
      return;
    }
    if (!resets.admits(evse)) {
      LOG.info("token {} on EVSE {} ignored: a reset is pending", idToken, evse);
      return;
    }
    decide(
        AuthorizationQuery.presented(token(idToken, idTokenType), online && accepted).atEvse(evse),
        idTokenType,
        e,
        null);
  }

  /**
   * Runs the authorization rules (local list, cache, offline rules; see AuthorizationRules) and,
   * when they say so, asks the CSMS; an accepted token authorizes the EVSE.
   */
  private void decide(
      AuthorizationQuery query, String type, Evse e, @Nullable Integer remoteStartId) {
    auth.reconfigure(authorizationSettings(), scheduler.now());
    AuthorizationDecision decision = auth.authorize(query, scheduler.now());
    int epoch = resets.reboots();
    switch (decision.verdict()) {
      case ACCEPT -> authorized(e, query.token().value(), type, remoteStartId);
      case REJECT -> LOG.info("token {} refused: {}", query.token().value(), decision.reason());
      case ASK_CSMS ->
          gateway
              .authorize(query.token().value(), type)
              .whenComplete(
                  (info, failure) -> {
                    if (epoch != resets.reboots()) {
                      LOG.info("token {}: the station rebooted meanwhile", query.token().value());
                      return;
                    }
                    if (failure == null) {
                      if (auth.onAuthorizeAnswer(query, info, scheduler.now())
                          .startsTransaction()) {
                        authorized(e, query.token().value(), type, remoteStartId);
                      }
                    } else {
                      // No answer: decide again as offline (local list, cache, unknown-id rule).
                      AuthorizationQuery offline =
                          new AuthorizationQuery(
                              query.token(), query.origin(), query.evseId(), false);
                      if (auth.authorize(offline, scheduler.now()).verdict()
                          == AuthorizationDecision.Verdict.ACCEPT) {
                        authorized(e, query.token().value(), type, remoteStartId);
                      }
                    }
                  });
    }
  }

  /** The token as the authorization rules know it: 1.6 idTags have no type. */
  private IdentifierToken token(String value, String type) {
    if (gateway.version() == OcppVersion.V16) {
      return IdentifierToken.idTag(value);
    }
    String wanted = type.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
    for (IdentifierType t : IdentifierType.values()) {
      if (t.name().replace("_", "").equals(wanted)) {
        return new IdentifierToken(value, t);
      }
    }
    return new IdentifierToken(value, IdentifierType.ISO14443);
  }

  private AuthorizationSettings authorizationSettings() {
    return AuthorizationSettings.builder()
        .localPreAuthorize(params.localPreAuthorize())
        .localAuthorizeOffline(params.localAuthorizeOffline())
        .allowOfflineTxForUnknownId(params.allowOfflineTxForUnknownId())
        .authorizeRemoteStart(params.authorizeRemoteStart())
        .stopTransactionOnInvalidId(params.stopTransactionOnInvalidId())
        .cacheEnabled(params.authorizationCacheEnabled())
        .localListEnabled(params.localAuthListEnabled())
        .localListMaxEntries(params.localListMaxEntries())
        .localListMaxEntriesPerMessage(params.localListMaxEntriesPerMessage())
        .build();
  }

  /** The authorization cache and local list, for the SendLocalList / ClearCache handlers. */
  public AuthorizationService authorization() {
    return auth;
  }

  private void authorized(Evse e, String idToken, String type, @Nullable Integer remoteStartId) {
    if (e.tx == null && !resets.admits(e.id)) {
      LOG.info("token {} accepted on EVSE {}, but a reset is pending: no session", idToken, e.id);
      return;
    }
    e.authorizedToken = idToken;
    e.authorizedTokenType = type;
    e.remoteStartId = remoteStartId;
    e.finishing = false;
    Transaction tx = e.tx;
    if (tx != null && !tx.authorized()) {
      e.tx = tx.withToken(idToken, type);
      e.authorizedToken = null;
      persist();
      enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.AUTHORIZED);
    } else if (tx == null && (e.plugged || params.transactionStartsOnAuthorization())) {
      begin(e);
    }
    refreshStatus(e);
  }

  // ---------------------------------------------------------------------------------- commands

  /** A remote start: true if accepted (the transaction starts once the EV is plugged in). */
  public boolean remoteStart(
      @Nullable Integer evse, String idToken, String type, @Nullable Integer remoteStartId) {
    return remoteStart(evse, idToken, type, remoteStartId, null);
  }

  /**
   * A remote start carrying a TxProfile without transactionId (1.6 errata 3.41; 2.0.1 F01/K05): the
   * profile applies to the transaction this start begins.
   */
  public boolean remoteStart(
      @Nullable Integer evse,
      String idToken,
      String type,
      @Nullable Integer remoteStartId,
      @Nullable ChargingProfile txProfile) {
    Optional<Evse> target =
        evse != null
            ? Optional.ofNullable(evses.get(evse))
            : evses.values().stream()
                .filter(
                    e ->
                        e.tx == null
                            && e.operative
                            && !e.faulted
                            && e.authorizedToken == null
                            && resets.admits(e.id))
                .findFirst();
    if (target.isEmpty()) {
      return false;
    }
    Evse e = target.get();
    if (e.tx != null || !e.operative || e.faulted || !resets.admits(e.id)) {
      return false;
    }
    e.pendingTxProfile = txProfile;
    // After the reply: the rules decide whether the token is authorized with the CSMS first.
    scheduler.schedule(
        Duration.ZERO,
        () ->
            decide(
                AuthorizationQuery.remoteStart(token(idToken, type), online && accepted)
                    .atEvse(e.id),
                type,
                e,
                remoteStartId));
    return true;
  }

  /** A remote stop by the transaction's id as the CSMS knows it; false if unknown. */
  public boolean remoteStop(String transactionId) {
    for (Evse e : evses.values()) {
      Transaction tx = e.tx;
      if (tx != null
          && (tx.id().equals(transactionId) || String.valueOf(tx.csmsId()).equals(transactionId))) {
        scheduler.schedule(
            Duration.ZERO,
            () -> {
              if (e.tx == tx) {
                end(e, StopReason.REMOTE, null, hardware.read(e.id));
                refreshStatus(e);
              }
            });
        return true;
      }
    }
    return false;
  }

  /** The outcome of a ChangeAvailability. */
  public enum AvailabilityChange {
    ACCEPTED,
    SCHEDULED,
    REJECTED
  }

  /** Makes an EVSE (0: all) operative or not; scheduled while a transaction runs there. */
  public AvailabilityChange changeAvailability(int evse, boolean operative) {
    List<Evse> targets =
        evse == 0
            ? List.copyOf(evses.values())
            : evses.containsKey(evse) ? List.of(evses.get(evse)) : List.of();
    if (targets.isEmpty()) {
      return AvailabilityChange.REJECTED;
    }
    boolean scheduled = false;
    for (Evse e : targets) {
      if (!operative && e.tx != null) {
        e.inoperativeWhenIdle = true;
        scheduled = true;
      } else {
        e.operative = operative;
        e.inoperativeWhenIdle = false;
        if (!operative) {
          e.authorizedToken = null;
        }
      }
    }
    persist();
    scheduler.schedule(Duration.ZERO, () -> targets.forEach(this::refreshStatus));
    return scheduled ? AvailabilityChange.SCHEDULED : AvailabilityChange.ACCEPTED;
  }

  /** The outcome of a Reset. */
  public enum ResetOutcome {
    ACCEPTED,
    SCHEDULED
  }

  /**
   * A reset of the station. Immediate (1.6 Soft/Hard, 2.0.1 Immediate) ends every transaction with
   * reason SoftReset / HardReset and reboots; on-idle (2.0.1 OnIdle) waits until no transaction
   * runs. A reset already pending takes this one in (one reboot; Immediate over OnIdle, hard over
   * soft), and from now until the reboot no new session starts (tokens are ignored, remote starts
   * refused): see {@link ResetPlan}.
   */
  public ResetOutcome reset(boolean hard, boolean onIdle) {
    boolean idle = evses.values().stream().allMatch(e -> e.tx == null);
    if (resets.requestStation(hard, !onIdle || idle)) {
      scheduler.schedule(Duration.ZERO, this::runStationReset);
    }
    closeToNewSessions(List.copyOf(evses.values()));
    return resets.stationWaiting() ? ResetOutcome.SCHEDULED : ResetOutcome.ACCEPTED;
  }

  /**
   * A reset of one EVSE (2.0.1 B11/B12 with evseId): its transaction ends (ImmediateReset) at once,
   * or, on idle, when it ends by itself; the other EVSEs are untouched. The EVSE takes no new
   * session until then. A pending station reset covers it, unless it is Immediate and the EVSE
   * busy: then its transaction ends now and the station reset follows when the station is idle.
   */
  public ResetOutcome resetEvse(int evse, boolean onIdle) {
    Evse e = evse(evse);
    if (resets.stationPending() && (onIdle || e.tx == null)) {
      return resets.stationWaiting() ? ResetOutcome.SCHEDULED : ResetOutcome.ACCEPTED;
    }
    resets.requestEvse(evse);
    closeToNewSessions(List.of(e));
    if (e.tx != null && onIdle) {
      return ResetOutcome.SCHEDULED;
    }
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          resets.evseDone(e.id);
          if (e.tx != null) {
            end(e, StopReason.HARD_RESET, null, hardware.read(e.id));
          }
          refreshStatus(e);
        });
    return ResetOutcome.ACCEPTED;
  }

  /**
   * Installs what carries out a reboot (a runtime closes the connection and connects anew). Without
   * one the station reboots in place: it registers again on the connection it has.
   */
  public void onReboot(Rebooter rebooter) {
    this.rebooter = rebooter;
  }

  /** An authorization waiting for its cable or its step starts nothing once a reset is pending. */
  private void closeToNewSessions(List<Evse> targets) {
    for (Evse e : targets) {
      if (e.tx == null) {
        e.authorizedToken = null;
        e.remoteStartId = null;
        e.pendingTxProfile = null;
      }
    }
    scheduler.schedule(Duration.ZERO, () -> targets.forEach(this::refreshStatus));
  }

  private void runStationReset() {
    boolean hard = resets.startEnding(openTransactions().stream().map(Transaction::id).toList());
    for (Evse e : evses.values()) {
      if (e.tx != null) {
        end(e, hard ? StopReason.HARD_RESET : StopReason.SOFT_RESET, null, hardware.read(e.id));
      }
    }
    // OCPP 1.6 §5.14 / 2.0.1 B12 (TC_B_22): the ends reach the CSMS before the reboot and the
    // BootNotification. Offline they wait in the queue; a CSMS that does not confirm them within
    // REBOOT_WAIT gets them after the reboot.
    if (!(online && accepted) || endsConfirmed(null)) {
      reboot();
    } else {
      rebootTimer = scheduler.schedule(REBOOT_WAIT, this::reboot);
    }
  }

  /** No end of the reset's transactions is queued but {@code settled}, the one just done with. */
  private boolean endsConfirmed(@Nullable QueuedMessage settled) {
    return outbox.pending().stream()
        .noneMatch(
            m ->
                m.kind() == QueuedMessage.Kind.END
                    && resets.endedByReset(m.transactionId())
                    && !m.equals(settled));
  }

  private void rebootOnceEndsConfirmed(QueuedMessage settled) {
    if (resets.ending() && endsConfirmed(settled)) {
      reboot();
    }
  }

  /**
   * The reboot a station reset ends in (OCPP 1.6 §5.14 / 2.0.1 B11-B12): nothing authorized before
   * it starts a session after it, and the rebooted station registers with a BootNotification (1.6
   * §4.2; 2.0.1 reason RemoteReset) on a new connection, or in place without a {@link Rebooter}.
   */
  private void reboot() {
    if (!resets.ending()) {
      return;
    }
    cancel(rebootTimer);
    rebootTimer = null;
    boolean hard = resets.reboot();
    accepted = false;
    nextBootCause = BootCause.REMOTE_RESET;
    cancel(heartbeatTimer);
    cancel(bootTimer);
    for (Evse e : evses.values()) {
      e.authorizedToken = null;
      e.remoteStartId = null;
      e.pendingTxProfile = null;
      refreshStatus(e);
    }
    observer.rebootRequested(hard);
    Rebooter r = rebooter;
    if (r != null) {
      r.reboot(hard);
    } else if (online) {
      boot(nextBootCause);
    }
  }

  /** The outcome of an UnlockConnector. */
  public enum UnlockOutcome {
    UNLOCKED,
    UNLOCK_FAILED,
    UNKNOWN_CONNECTOR
  }

  public UnlockOutcome unlock(int evse) {
    Evse e = evses.get(evse);
    if (e == null) {
      return UnlockOutcome.UNKNOWN_CONNECTOR;
    }
    if (e.tx != null) {
      end(e, StopReason.UNLOCK_COMMAND, null, hardware.read(e.id));
      refreshStatus(e);
    }
    return hardware.unlock(evse) ? UnlockOutcome.UNLOCKED : UnlockOutcome.UNLOCK_FAILED;
  }

  /** What a TriggerMessage may ask for. */
  public enum Trigger {
    BOOT_NOTIFICATION,
    HEARTBEAT,
    STATUS_NOTIFICATION,
    METER_VALUES,
    TRANSACTION_EVENT
  }

  /** Sends the requested message after the reply to the trigger; false for an unknown EVSE. */
  public boolean trigger(Trigger what, @Nullable Integer evse) {
    if (evse != null && evse != 0 && !evses.containsKey(evse)) {
      return false;
    }
    scheduler.schedule(Duration.ZERO, () -> triggered(what, evse));
    return true;
  }

  private void triggered(Trigger what, @Nullable Integer evse) {
    List<Evse> targets =
        evse == null || evse == 0 ? List.copyOf(evses.values()) : List.of(evses.get(evse));
    switch (what) {
      case BOOT_NOTIFICATION ->
          gateway
              .boot(BootCause.TRIGGERED)
              .whenComplete(
                  (o, f) -> {
                    if (f == null) {
                      booted(o, BootCause.TRIGGERED);
                    }
                  });
      case HEARTBEAT -> gateway.heartbeat();
      case STATUS_NOTIFICATION -> targets.forEach(e -> report(e, true));
      case METER_VALUES, TRANSACTION_EVENT -> {
        // 1.6 has one MeterValues, queued with the transactionId during a transaction. 2.0.1
        // answers a MeterValues trigger with MeterValuesRequest, transaction or not, and only a
        // TransactionEvent trigger with a TransactionEvent (F06).
        boolean inTransaction =
            what == Trigger.TRANSACTION_EVENT || gateway.version() == OcppVersion.V16;
        for (Evse e : targets) {
          if (e.tx != null && inTransaction) {
            enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.TRIGGERED);
          } else if (what == Trigger.METER_VALUES && online) {
            gateway.idleMeterValues(e.id, hardware.read(e.id), UpdateTrigger.TRIGGERED);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------- transactions

  /** Starts a transaction: with the authorized token, or without one on cable connection. */
  private void begin(Evse e) {
    String token = e.authorizedToken != null ? e.authorizedToken : "";
    String type = e.authorizedToken != null ? e.authorizedTokenType : "";
    MeterReading reading = hardware.read(e.id);
    Transaction tx =
        new Transaction(
            transactionIds.get(),
            e.id,
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
            !online,
            false,
            reading);
    e.authorizedToken = null;
    e.remoteStartId = null;
    e.tx = tx;
    persist();
    outbox.enqueue(gateway.started(tx, reading));
    e.tx = tx.withNextSeqNo(tx.nextSeqNo() + 1);
    persist();
    ChargingProfile pending = e.pendingTxProfile;
    e.pendingTxProfile = null;
    if (pending != null) {
      ValidationResult r =
          smartCharging.set(
              pending.toBuilder().evseId(e.id).transactionId(tx.id()).build(),
              activeTransactions());
      if (!r.isAccepted()) {
        LOG.warn("remote start's charging profile refused: {}", r.rejection());
      }
    }
    // The limit (the remote start's TxProfile, the share of a station limit) is in force before
    // the pilot first offers current.
    applyLimits();
    hardware.offerEnergy(e.id, true);
    observer.transactionStarted(tx);
    sessionListeners.forEach(l -> sessionListenerGuard.run(() -> l.accept(e.id)));
    scheduleSampling();
  }

  private void end(Evse e, StopReason reason, @Nullable String stopToken, MeterReading reading) {
    Transaction tx = e.tx;
    if (tx == null) {
      return;
    }
    Transaction last = tx.withReading(reading);
    e.tx = null;
    if (last.csmsId() != null) {
      csmsIds.put(last.id(), last.csmsId());
    }
    // Queue the end before the snapshot forgets the transaction: a crash in between leaves the
    // transaction open (ended again as PowerLoss) rather than silently lost.
    outbox.enqueue(gateway.ended(last, reading, reason, stopToken));
    persist();
    e.finishing = e.plugged;
    hardware.offerEnergy(e.id, false);
    smartCharging.transactionEnded(e.id, last.id());
    applyLimits();
    observer.transactionEnded(last, reason);
    sessionListeners.forEach(l -> sessionListenerGuard.run(() -> l.accept(e.id)));
    resets.evseDone(e.id); // an EVSE reset waiting for this transaction is done with it
    if (e.inoperativeWhenIdle) {
      e.operative = false;
      e.inoperativeWhenIdle = false;
      persist();
    }
    if (evses.values().stream().allMatch(x -> x.tx == null) && resets.idle()) {
      scheduler.schedule(Duration.ZERO, this::runStationReset);
    }
  }

  private void enqueueUpdate(Evse e, List<MeterReading> readings, UpdateTrigger trigger) {
    Transaction tx = e.tx;
    if (tx == null || !outbox.keep(QueuedMessage.Kind.UPDATE)) {
      return;
    }
    // Queue first, then persist: recovery takes the next seqNo past every queued one.
    outbox.enqueue(gateway.updated(tx, readings, trigger));
    e.tx = tx.withNextSeqNo(tx.nextSeqNo() + 1).withReading(readings.get(readings.size() - 1));
    persist();
  }

  private void scheduleSampling() {
    if (sampleTimer != null) {
      return;
    }
    Duration interval = params.meterSampleInterval();
    if (interval.isZero()
        || interval.isNegative()
        || evses.values().stream().allMatch(e -> e.tx == null)) {
      return;
    }
    sampleTimer =
        scheduler.schedule(
            interval,
            () -> {
              sampleTimer = null;
              for (Evse e : evses.values()) {
                if (e.tx != null) {
                  enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.PERIODIC);
                }
              }
              scheduleSampling();
            });
  }

  private void scheduleClockAligned() {
    cancel(clockTimer);
    Duration interval = params.clockAlignedInterval();
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    // Aligned to midnight UTC: the next multiple of the interval since the start of the day.
    Instant now = scheduler.now();
    long dayStart = now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), 86_400L);
    long step = interval.getSeconds();
    long since = now.getEpochSecond() - dayStart;
    Instant next = Instant.ofEpochSecond(dayStart + (since / step + 1) * step);
    clockTimer =
        scheduler.schedule(
            Duration.between(now, next),
            () -> {
              for (Evse e : evses.values()) {
                if (e.tx != null) {
                  enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.CLOCK);
                } else if (online && accepted) {
                  gateway.idleMeterValues(e.id, hardware.read(e.id), UpdateTrigger.CLOCK);
                }
              }
              scheduleClockAligned();
            });
  }

  private void onDelivered(QueuedMessage message, OcppMessage response) {
    CsmsGateway.Confirmation c = gateway.confirmed(message, response);
    Integer assigned = c.assignedTransactionId();
    if (assigned != null) {
      csmsIds.put(message.transactionId(), assigned);
      for (Evse e : evses.values()) {
        if (e.tx != null && e.tx.id().equals(message.transactionId())) {
          e.tx = e.tx.withCsmsId(assigned);
        }
      }
      persist();
    }
    if (message.kind() == QueuedMessage.Kind.END) {
      forgetCsmsId(message.transactionId());
    }
    AuthorizationInfo info = c.tokenInfo();
    if (info != null) {
      for (Evse e : evses.values()) {
        Transaction tx = e.tx;
        if (tx == null || !tx.id().equals(message.transactionId())) {
          continue;
        }
        InvalidIdAction action =
            auth.onTransactionAnswer(token(tx.idToken(), tx.idTokenType()), info, scheduler.now());
        if (action == InvalidIdAction.STOP_TRANSACTION) {
          LOG.info("token of transaction {} is {}: stopping it", tx.id(), info.status());
          end(e, StopReason.DE_AUTHORIZED, null, hardware.read(e.id));
          refreshStatus(e);
        } else if (action == InvalidIdAction.SUSPEND_ENERGY) {
          hardware.offerEnergy(e.id, false);
        }
      }
    }
  }

  private void forgetCsmsId(String transactionId) {
    if (csmsIds.remove(transactionId) != null) {
      persist();
    }
  }

  private @Nullable Integer csmsIdOf(String stationTransactionId) {
    Integer id = csmsIds.get(stationTransactionId);
    if (id != null) {
      return id;
    }
    for (Evse e : evses.values()) {
      if (e.tx != null && e.tx.id().equals(stationTransactionId)) {
        return e.tx.csmsId();
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------- smart
  // charging

  /**
   * SetChargingProfile: validates and installs the profile (its evseId is the request's connector
   * or EVSE), then applies the new limits at once. A 1.6 transactionId is the CSMS's number; it is
   * matched to the station's own transaction id here.
   */
  public ValidationResult setChargingProfile(ChargingProfile profile) {
    String tx = profile.transactionId();
    ChargingProfile local =
        tx == null ? profile : profile.toBuilder().transactionId(ownTransactionId(tx)).build();
    ValidationResult result = smartCharging.set(local, activeTransactions());
    if (result.isAccepted()) {
      applyLimits();
    }
    return result;
  }

  /** ClearChargingProfile: the profiles removed (none: the CSMS hears Unknown). */
  public List<ChargingProfile> clearChargingProfiles(ClearCriteria criteria) {
    List<ChargingProfile> removed = smartCharging.clear(criteria);
    if (!removed.isEmpty()) {
      applyLimits();
    }
    return removed;
  }

  public List<ChargingProfile> chargingProfiles(ProfileQuery query) {
    return smartCharging.find(query);
  }

  /** GetCompositeSchedule for an EVSE (0: the station) from now on. */
  public CompositeSchedule compositeSchedule(int evse, int durationSeconds, RateUnit unit) {
    return smartCharging.composite(
        activeTransactions(), evse, scheduler.now(), durationSeconds, unit);
  }

  /** Runs {@code task} on the station's thread after the current step (e.g. after a reply). */
  public void afterReply(Runnable task) {
    scheduler.schedule(Duration.ZERO, task);
  }

  public SmartChargingService smartCharging() {
    return smartCharging;
  }

  /** The limit in force on an EVSE, in amps per phase (NaN before the station started). */
  public double currentLimit(int evse) {
    return evse(evse).limitA;
  }

  /**
   * What the EVSE offers the EV (Current.Offered): the limit in force, or nothing below the 6 A a
   * pilot can signal (the EVSE then suspends charging); null before the first limit.
   */
  private @Nullable Double offeredCurrentA(int evse) {
    double limit = currentLimit(evse);
    return Double.isNaN(limit) ? null : limit < MIN_CURRENT_A ? 0.0 : limit;
  }

  private String ownTransactionId(String csmsTransactionId) {
    for (Evse e : evses.values()) {
      Transaction tx = e.tx;
      if (tx != null
          && (tx.id().equals(csmsTransactionId)
              || String.valueOf(tx.csmsId()).equals(csmsTransactionId))) {
        return tx.id();
      }
    }
    return csmsTransactionId;
  }

  private Map<Integer, ActiveTransaction> activeTransactions() {
    Map<Integer, ActiveTransaction> active = new HashMap<>();
    for (Evse e : evses.values()) {
      Transaction tx = e.tx;
      if (tx != null) {
        active.put(e.id, new ActiveTransaction(tx.id(), tx.startedAt()));
      }
    }
    return active;
  }

  /**
   * Puts each EVSE's limit on the hardware and sets one timer for the earliest next change: no
   * polling, and a new value reaches the pilot the moment it takes effect.
   *
   * <p>An EVSE's own limit is the least of its composite schedule without the limits on the whole
   * station (TxProfile or TxDefault, its own external constraints, the hardware maximum; profiles
   * expired offline are dropped), the local allocation ({@link #localLimit(int, Double)}), the
   * fallback cap and the EV's own maximum. The limits on the whole station (its maximum, external
   * constraints on EVSE 0, an external limit from {@link #externalLimit(DemandResponse)}) are then
   * shared among the EVSEs with a vehicle by {@link StationSharing}, never granted to each; the
   * {@link StationLimitGuard} checks the sum at the outputs, and decreases go out before increases
   * so that the outputs never add up to more than a station limit in between.
   *
   * <p>On 2.0.1, a running transaction whose limit the external limit changes (set, changed, ended,
   * or shared anew) is reported with a TransactionEvent ChargingRateChanged, if the change is more
   * than LimitChangeSignificance.
   */
  private void applyLimits() {
    cancel(limitTimer);
    limitTimer = null;
    Instant now = scheduler.now();
    DemandResponse external = externalLimit;
    if (external != null && !now.isBefore(external.until())) {
      endExternalLimit();
      external = null;
    }
    Map<Integer, ActiveTransaction> active = activeTransactions();
    Double cap = fallbackCapA();
    Instant next = null;
    Map<Integer, Double> own = new TreeMap<>();
    for (Evse e : evses.values()) {
      EffectiveLimit limit = smartCharging.ownAmps(active, e.id, now);
      own.put(e.id, min(min(limit.limit().doubleValue(), e.localLimitA), cap));
      next = earlier(next, limit.nextChange());
    }
    StationWideLimits wide = smartCharging.stationWide(active, now);
    next = earlier(next, wide.nextChange());
    List<SharedLimit> shared = sharedLimits(wide);
    Map<Integer, Double> amps = own;
    if (!shared.isEmpty()) {
      List<EvseDemand> demands = demands(own, now);
      StationSharing.Shares shares = sharing.share(now, shared, demands);
      amps = shares.amps();
      next = earlier(next, shares.nextStep());
      if (!demands.isEmpty()) {
        next = earlier(next, now.plus(SHARE_REVIEW)); // draws change: a taper frees current
      }
    }
    sharingStationLimits = !shared.isEmpty();
    guard.limits(shared, evse -> evPhases(evse(evse)));
    boolean externalBinds = externalBinds(wide);
    // Decreases first: the outputs never add up to more than a station limit in between.
    for (boolean decreases : new boolean[] {true, false}) {
      for (Evse e : evses.values()) {
        double target = amps.get(e.id);
        if (decreases == (Double.isNaN(e.limitA) || target < e.limitA)) {
          apply(e, target, externalBinds && target < own.get(e.id));
        }
      }
    }
    if (next != null) {
      limitTimer = scheduler.schedule(Duration.between(now, next), this::applyLimits);
    }
  }

  /** Puts {@code amps} on EVSE {@code e}'s hardware; reports a change the external limit made. */
  private void apply(Evse e, double amps, boolean byExternal) {
    String txId = e.tx == null ? null : e.tx.id();
    boolean sameTransaction = txId != null && txId.equals(e.limitTxId);
    e.limitTxId = txId;
    if (amps != e.limitA) {
      double before = e.limitA;
      boolean wasByExternal = e.limitedByExternal;
      e.limitA = amps;
      e.limitedByExternal = byExternal;
      hardware.offerCurrent(e.id, amps);
      refreshStatus(e);
      if (sameTransaction && (byExternal || wasByExternal) && significantChange(before, amps)) {
        chargingRateChanged(e);
      }
    } else {
      e.limitedByExternal = byExternal;
    }
  }

  private static @Nullable Instant earlier(@Nullable Instant a, @Nullable Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }

  private static double min(double amps, @Nullable Double cap) {
    return cap == null ? amps : Math.min(amps, cap);
  }

  /** The limits on the whole station, as the sharing and the guard take them. */
  private static List<SharedLimit> sharedLimits(StationWideLimits wide) {
    List<SharedLimit> shared = new ArrayList<>();
    addShared(shared, "station maximum", wide.maximum());
    addShared(shared, "station external constraint", wide.external());
    return shared;
  }

  private static void addShared(List<SharedLimit> shared, String name, @Nullable Limit limit) {
    if (limit != null) {
      double value = Math.max(0, limit.value().doubleValue());
      shared.add(
          limit.unit() == RateUnit.W
              ? SharedLimit.watts(name, value)
              : SharedLimit.amps(name, value));
    }
  }

  /**
   * Whether the external limit is what holds the EVs back: it is in force and no tighter than the
   * station maximum (compared in watts over three phases).
   */
  private boolean externalBinds(StationWideLimits wide) {
    Limit ext = wide.external();
    Limit max = wide.maximum();
    if (externalLimit == null || ext == null) {
      return false;
    }
    BigDecimal volts = smartCharging.limits().nominalVoltage();
    return max == null || ext.in(RateUnit.W, volts).compareTo(max.in(RateUnit.W, volts)) <= 0;
  }

  /**
   * What each EVSE with a vehicle in a session wants, for the sharing: its own limit (capped by the
   * EV's maximum when it told one), the phases its EV draws on, its meter's draw, and its
   * departure.
   */
  private List<EvseDemand> demands(Map<Integer, Double> own, Instant now) {
    List<EvseDemand> demands = new ArrayList<>();
    for (Evse e : evses.values()) {
      Transaction tx = e.tx;
      if (tx == null || !e.plugged) {
        continue;
      }
      double maxA = own.get(e.id);
      ChargingNeeds needs = e.needs;
      if (needs != null && needs.maxCurrentA() > 0) {
        maxA = Math.min(maxA, needs.maxCurrentA());
      }
      demands.add(
          new EvseDemand(
              StationSharing.evseId(e.id),
              true,
              tx.startedAt(),
              evPhases(e),
              Math.max(0, maxA),
              draw(e.id, now, DRAW_STALE_AFTER),
              0,
              needs == null ? null : needs.departureTime(),
              null));
    }
    return demands;
  }

  /**
   * What the EV on {@code evse} draws per EVSE phase by the EVSE's meter; zero without a reading,
   * with a reading older than {@code staleAfter} (a frozen meter repeats its last sample) or with
   * one that is not a number. Counting no draw is the safe side for a balancer: the current is then
   * not freed for others.
   */
  public PhaseCurrents draw(int evse, Instant now, Duration staleAfter) {
    evse(evse);
    MeterReading reading;
    try {
      reading = hardware.read(evse);
    } catch (IllegalStateException noReading) {
      return PhaseCurrents.ZERO;
    }
    if (!now.isBefore(reading.at().plus(staleAfter))) {
      return PhaseCurrents.ZERO;
    }
    MeterReading.PerPhase a = reading.currentA();
    if (!Double.isFinite(a.l1()) || !Double.isFinite(a.l2()) || !Double.isFinite(a.l3())) {
      return PhaseCurrents.ZERO;
    }
    return new PhaseCurrents(a.l1(), a.l2(), a.l3()).nonNegative();
  }

  /**
   * The phases the EV on {@code e} draws on: what it said over ISO 15118 (charging needs), else
   * three. Not the phases its meter shows current on: an EV seen on one phase may switch to three
   * before the next sample, and a one-phase share on three phases is three times the power. Three
   * is the safe guess: a share computed for three phases is a third of the power on one phase,
   * never more.
   */
  private static int evPhases(Evse e) {
    ChargingNeeds needs = e.needs;
    if (needs != null && needs.phases() >= 1 && needs.phases() <= 3) {
      return needs.phases();
    }
    return 3;
  }

  /** A change of more than LimitChangeSignificance (in percent of the previous limit). */
  private boolean significantChange(double before, double after) {
    if (Double.isNaN(before)) {
      return false; // the first limit after a start, no change of a running transaction
    }
    double threshold = Math.abs(before) * params.limitChangeSignificancePercent() / 100;
    return Math.abs(after - before) > threshold;
  }

  /** 2.0.1: TransactionEvent Updated with triggerReason ChargingRateChanged for {@code e}. */
  private void chargingRateChanged(Evse e) {
    if (e.tx != null && gateway.version() != OcppVersion.V16) {
      enqueueUpdate(e, List.of(hardware.read(e.id)), UpdateTrigger.CHARGING_RATE_CHANGED);
    }
  }

  // ---------------------------------------------------------------------------------- local
  // load management and fallback

  /**
   * The local load balancer's (or a site controller's) limit for an EVSE, in amps per phase; null =
   * no local cap. Applied at once, as the least of it and the other limits.
   */
  public void localLimit(int evse, @Nullable Double amps) {
    if (amps != null && !(amps >= 0)) {
      throw new IllegalArgumentException("local limit must be >= 0: " + amps);
    }
    Evse e = evse(evse);
    if (!Objects.equals(e.localLimitA, amps)) {
      e.localLimitA = amps;
      applyLimits();
    }
  }

  /** The local cap set by {@link #localLimit(int, Double)}; null = none. */
  public @Nullable Double localLimit(int evse) {
    return evse(evse).localLimitA;
  }

  /** The EVSE's meter now (what a load balancer needs as the EV's observed draw). */
  public MeterReading meterReading(int evse) {
    evse(evse);
    return hardware.read(evse);
  }

  /**
   * Also tells {@code listener} the EVSE whenever a session begins or ends there (a site balancer
   * steps then instead of waiting for its next reading); called on the station's thread.
   */
  public void onSessionChange(IntConsumer listener) {
    sessionListeners.add(listener);
  }

  /** A session wants energy: a transaction runs on the EVSE. */
  public boolean sessionActive(int evse) {
    return evse(evse).tx != null;
  }

  /** When the EVSE's running transaction started; null without one. */
  public @Nullable Instant sessionStart(int evse) {
    Transaction tx = evse(evse).tx;
    return tx == null ? null : tx.startedAt();
  }

  /**
   * An external system (EMS, SO, ...) limits the station's EVs to {@code limit.limitKw()} until
   * {@code limit.until()}; null ends it. One external limit holds at a time: a new one replaces the
   * one in force. It is installed as a station-wide (EVSE 0) ChargingStationExternalConstraints
   * profile (Absolute, W, validTo = until, chargingLimitSource from {@link
   * DemandResponse#source()}, id {@link SmartChargingService#externalLimitId}), so composite
   * schedules and 2.0.1 GetChargingProfiles show it; the CSMS cannot clear it. Enforced as an equal
   * share of the power per EVSE in a transaction, in amps for the phases each EV draws on. 2.0.1
   * reports it with NotifyChargingLimit and its end with ClearedChargingLimit (also when it runs
   * out), and a running transaction's limit change with TransactionEvent ChargingRateChanged; 1.6
   * has no such messages and only enforces it. The reports wait in order until the CSMS confirmed
   * them and go again after a reconnect.
   */
  public void externalLimit(@Nullable DemandResponse limit) {
    if (externalLimit != null) {
      endExternalLimit();
    }
    if (limit != null && scheduler.now().isBefore(limit.until())) {
      externalLimit = limit;
      smartCharging.installExternalLimit(externalLimitProfile(limit, scheduler.now()));
      reportExternalLimit(limit);
    }
    applyLimits();
  }

  /** The external limit in force; null = none. */
  public @Nullable DemandResponse externalLimit() {
    return externalLimit;
  }

  /** The source of a demand response as a profile's source: EMS, SO, CSO by name, else OTHER. */
  static LimitSource limitSource(String source) {
    for (LimitSource s : LimitSource.values()) {
      if (s.name().equalsIgnoreCase(source)) {
        return s;
      }
    }
    return LimitSource.OTHER;
  }

  private static ChargingProfile externalLimitProfile(DemandResponse limit, Instant now) {
    LimitSource source = limitSource(limit.source());
    BigDecimal watts =
        BigDecimal.valueOf(limit.limitKw()).movePointRight(3).setScale(1, RoundingMode.DOWN);
    return ChargingProfile.builder(
            SmartChargingService.externalLimitId(source),
            ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS)
        .evseId(0)
        .validFrom(now)
        .validTo(limit.until())
        .source(source)
        .schedule(
            new ChargingSchedule(
                1, now, null, RateUnit.W, List.of(SchedulePeriod.of(0, watts)), null))
        .build();
  }

  /**
   * After a restart: the external limit's profile survived with the others (the store persists
   * every profile), so the limit is taken up again until its end and reported again; one that ran
   * out meanwhile is removed (and its end is not reported: the report of its start may not have
   * been made either).
   */
  private void restoreExternalLimit() {
    Instant now = scheduler.now();
    DemandResponse restored = null;
    for (ChargingProfile p : smartCharging.profiles()) {
      if (!SmartChargingService.isExternalLimitId(p.id())) {
        continue;
      }
      Instant until = p.validTo();
      SchedulePeriod first =
          p.schedule().periods().isEmpty() ? null : p.schedule().periods().get(0);
      if (restored == null
          && until != null
          && now.isBefore(until)
          && first != null
          && p.schedule().unit() == RateUnit.W) {
        restored = new DemandResponse(first.limit().doubleValue() / 1000, until, p.source().name());
      } else {
        smartCharging.removeExternalLimit(p.id());
      }
    }
    if (restored != null) {
      externalLimit = restored;
      reportExternalLimit(restored);
    }
  }

  private void endExternalLimit() {
    DemandResponse ended = externalLimit;
    externalLimit = null;
    if (ended != null) {
      smartCharging.removeExternalLimit(
          SmartChargingService.externalLimitId(limitSource(ended.source())));
      // A report not sent yet is taken back; one that may have reached the CSMS is cleared.
      LimitReport report = externalLimitReport;
      if (report != null && !limitReports.withdraw(report)) {
        limitReports.add(new LimitReport(null, ended.source()));
      }
    }
    externalLimitReport = null;
  }

  /** Queues NotifyChargingLimit for {@code limit}, after every report queued before it. */
  private void reportExternalLimit(DemandResponse limit) {
    LimitReport report = new LimitReport(limit, limit.source());
    externalLimitReport = report;
    limitReports.add(report);
  }

  /**
   * A report of an external limit to the CSMS, queued until confirmed: the limit (2.0.1
   * NotifyChargingLimit) or, with {@code limit} null, the end of {@code source}'s limit
   * (ClearedChargingLimit).
   */
  private record LimitReport(@Nullable DemandResponse limit, String source) {}

  /**
   * How the station watches what it relies on: the fallback thresholds and caps, and whether it has
   * a site meter ({@link #siteMeterReading}) and a site controller ({@link #controllerHeard}) to
   * watch. Without this call: {@link FallbackConfig#defaults()}, neither watched; the CSMS
   * connection is always watched. Conditions in force end (and are reported) before the new
   * watching starts.
   */
  public void configureFallback(
      FallbackConfig config, boolean watchSiteMeter, boolean watchController) {
    Instant now = scheduler.now();
    fallback.watchSiteMeter(false, now);
    fallback.watchController(false, now);
    fallback.evaluate(now).forEach(this::fallbackEvent);
    Instant offlineSince = fallback.offlineSince();
    fallback = newFallbackMonitor(config, watchSiteMeter, watchController);
    if (offlineSince != null) {
      // the outage goes on and was reported as it began: carried over without a second entry
      fallback.csmsConnection(offlineSince, false);
      fallback.evaluate(now);
    }
    evaluateFallback();
    applyLimits();
  }

  private FallbackMonitor newFallbackMonitor(
      FallbackConfig config, boolean watchSiteMeter, boolean watchController) {
    Instant now = scheduler.now();
    FallbackMonitor m = new FallbackMonitor(config, now);
    m.watchSiteMeter(watchSiteMeter, now);
    m.watchController(watchController, now);
    return m;
  }

  /** A site-meter reading measured at {@code measuredAt} has arrived (now). */
  public void siteMeterReading(Instant measuredAt) {
    fallback.siteMeterReading(measuredAt, scheduler.now());
    evaluateFallback();
  }

  /** The site controller of the station's group was heard from (now). */
  public void controllerHeard() {
    fallback.controllerHeard(scheduler.now());
    evaluateFallback();
  }

  /** The fallback conditions in force. */
  public Set<FallbackCondition> fallbackConditions() {
    return fallback.active();
  }

  /** The cap the fallback puts on every EVSE now (offline cap, safe share); null = none. */
  public @Nullable Double fallbackCapA() {
    Double cap = fallback.capA();
    Double offlineCap = fallback.config().offlineStationCapA();
    // The monitor hears of an outage only once the station was accepted (so a boot does not
    // report one), but a station that boots without its CSMS is offline all the same: the
    // offline cap holds from the start.
    if (offlineCap != null && smartCharging.offlineSince() != null) {
      cap = cap == null ? offlineCap : Math.min(cap, offlineCap);
    }
    return cap;
  }

  /** Fallback events that happened offline and wait for the CSMS. */
  public List<FallbackEvent> unreportedFallbackEvents() {
    return unreportedFallback.pending();
  }

  /** Evaluates the monitor now, reports what changed, and sets the timer for its next deadline. */
  private void evaluateFallback() {
    cancel(fallbackTimer);
    fallbackTimer = null;
    Instant now = scheduler.now();
    List<FallbackEvent> events = fallback.evaluate(now);
    events.forEach(this::fallbackEvent);
    if (!events.isEmpty()) {
      applyLimits();
    }
    Instant next = fallback.nextDeadline();
    if (next != null) {
      fallbackTimer =
          scheduler.schedule(
              next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO,
              this::evaluateFallback);
    }
  }

  private void fallbackEvent(FallbackEvent event) {
    LOG.info("fallback: {}", FallbackCondition.describe(event));
    observer.fallback(event);
    unreportedFallback.add(event);
  }

  // ---------------------------------------------------------------------------------- status

  /** The status an EVSE should report now. */
  public ConnectorStatus status(int evse) {
    Evse e = evse(evse);
    if (e.faulted) {
      return ConnectorStatus.FAULTED;
    }
    if (e.tx != null) {
      // Below 6 A the pilot cannot offer current (IEC 61851-1): the station suspends charging.
      if (e.limitA < MIN_CURRENT_A) {
        return ConnectorStatus.SUSPENDED_EVSE;
      }
      return e.tx.charging() ? ConnectorStatus.CHARGING : ConnectorStatus.SUSPENDED_EV;
    }
    if (!e.operative) {
      return ConnectorStatus.UNAVAILABLE;
    }
    if (e.plugged) {
      return e.finishing ? ConnectorStatus.FINISHING : ConnectorStatus.PREPARING;
    }
    return e.authorizedToken != null ? ConnectorStatus.PREPARING : ConnectorStatus.AVAILABLE;
  }

  private void refreshStatus(Evse e) {
    report(e, false);
  }

  private void report(Evse e, boolean force) {
    ConnectorStatus now = status(e.id);
    boolean changed = now != e.reported;
    if (changed) {
      e.reported = now;
      observer.status(e.id, now);
    }
    if (online && accepted && (changed || force || !e.reportedOnline)) {
      boolean mustSend = force || !e.reportedOnline;
      e.reportedOnline = true;
      gateway.reportStatus(e.id, 1, now, e.faultCode, scheduler.now(), mustSend);
    } else if (changed) {
      e.reportedOnline = false;
    }
  }

  // ---------------------------------------------------------------------------------- queries

  public int evseCount() {
    return evseCount;
  }

  public Optional<Transaction> transaction(int evse) {
    return Optional.ofNullable(evse(evse).tx);
  }

  public List<Transaction> openTransactions() {
    List<Transaction> open = new ArrayList<>();
    evses
        .values()
        .forEach(
            e -> {
              if (e.tx != null) {
                open.add(e.tx);
              }
            });
    return open;
  }

  /** Transaction messages not yet confirmed by the CSMS. */
  public int queuedTransactionMessages() {
    return outbox.size();
  }

  public boolean isOperative(int evse) {
    return evse(evse).operative;
  }

  // ---------------------------------------------------------------------------------- persistence

  private StationSnapshot loadSnapshot() {
    Optional<byte[]> data = snapshots.read(StationSnapshot.NAME);
    if (data.isEmpty()) {
      return StationSnapshot.empty();
    }
    try {
      return StationSnapshot.fromBytes(data.get());
    } catch (IllegalArgumentException e) {
      LOG.error("station state is damaged; starting from an empty state", e);
      return StationSnapshot.empty();
    }
  }

  private void persist() {
    List<Transaction> open = openTransactions();
    Set<Integer> down = new TreeSet<>();
    evses
        .values()
        .forEach(
            e -> {
              if (!e.operative) {
                down.add(e.id);
              }
            });
    snapshots.write(
        StationSnapshot.NAME,
        new StationSnapshot(open, Map.copyOf(csmsIds), down, smartCharging.offlineSince())
            .toBytes());
  }

  private Evse evse(int id) {
    Evse e = evses.get(id);
    if (e == null) {
      throw new IllegalArgumentException("no EVSE " + id + " (the station has " + evseCount + ")");
    }
    return e;
  }

  private static void cancel(TaskScheduler.@Nullable Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
