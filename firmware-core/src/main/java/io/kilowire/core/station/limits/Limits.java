package io.kilowire.core.station.limits;

import io.kilowire.core.fallback.FallbackCondition;
import io.kilowire.core.fallback.FallbackConfig;
import io.kilowire.core.fallback.FallbackEvent;
import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.SharedLimit;
import io.kilowire.core.loadmanagement.StationSharing;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ActiveTransaction;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ClearCriteria;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.DynamicUpdate;
import io.kilowire.core.smartcharging.EffectiveLimit;
import io.kilowire.core.smartcharging.Limit;
import io.kilowire.core.smartcharging.ModeSignals;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.PriorityCharging;
import io.kilowire.core.smartcharging.ProfileQuery;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.StationWideLimits;
import io.kilowire.core.smartcharging.ValidationResult;
import io.kilowire.core.station.ChargingNeeds;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.StationContext;
import io.kilowire.core.station.StationHardware;
import io.kilowire.core.station.StationParameters;
import io.kilowire.core.station.availability.StatusReports;
import io.kilowire.core.station.transactions.MeterValues;
import io.kilowire.core.station.transactions.Transactions;
import io.kilowire.core.store.SnapshotStore;
import io.kilowire.core.transaction.Transaction;
import io.kilowire.core.transaction.UpdateTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limit in force on each EVSE, from everything that limits it, combined in one place: the
 * charging profiles ({@link SmartChargingService}: composite schedules, the profiles a remote start
 * carries, SetChargingProfile from the CSMS), the local allocation of a site balancer or group, the
 * fallback cap ({@link FallbackWatch}), an external limit ({@link ExternalLimit}) and what the EV
 * said it can take ({@link VehicleNeeds}). The limits on the whole station are shared among the
 * EVSEs ({@link StationSharing}) and checked at the outputs ({@link StationLimitGuard}).
 */
public final class Limits {
  private static final Logger LOG = LoggerFactory.getLogger(Limits.class);

  /** The least current a pilot can offer (IEC 61851-1); below it the EVSE suspends charging. */
  public static final double PILOT_MINIMUM_A = 6.0;

  /**
   * While a station limit is shared among vehicles, how often the shares are reviewed against what
   * the EVs draw (a tapering EV frees current for the others).
   */
  static final Duration SHARE_REVIEW = Duration.ofSeconds(10);

  /** An EVSE meter reading older than this counts as no draw when shares are computed. */
  static final Duration DRAW_STALE_AFTER = Duration.ofSeconds(60);

  /** What is in force on an EVSE. */
  private static final class EvseLimit {
    final int evse;
    double amps = Double.NaN;

    /** The external limit's share decided {@link #amps} (it was the least of the limits). */
    boolean byExternal;

    /** The transaction {@link #amps} was last applied to (a new one's first limit is no change). */
    @Nullable String txId;

    /** The local allocation (site balancer, group); null = none. */
    @Nullable Double localA;

    /** A site controller's cap on what the EVSE feeds back (amps per phase); null = none. */
    @Nullable Double localDischargeA;

    /**
     * A local system's setpoint for the EVSE (2.1 ExternalSetpoint), amps per phase; null = none.
     */
    @Nullable Double externalSetpointA;

    EvseLimit(int evse) {
      this.evse = evse;
    }
  }

  private final List<EvseLimit> evses = new ArrayList<>();
  private final StationParameters params;
  private final TaskScheduler scheduler;
  private final CsmsGateway gateway;
  private final SmartChargingService smartCharging;
  private final StationSharing sharing;
  private final StationLimitGuard guard;
  private final Transactions transactions;
  private final MeterValues meters;
  private final StatusReports status;
  private final VehicleNeeds needs;
  private final ExternalLimit external;
  private final FallbackWatch fallback;
  private final Discharging discharging;
  private final ReactivePower reactive;
  private final DynamicPulls pulls;
  private PriorityCharging.@Nullable Notifier priorityNotifier;
  private TaskScheduler.@Nullable Cancellable timer;
  private final OperationModeChanges operationModes;
  private final StationHardware hardware;
  private final AfrrSignals afrr;
  private final GridWatch gridWatch;

  /** The grid's frequency read at the start of the current {@link #apply()}; null: none. */
  private @Nullable Double gridHz;

  /** The aFRR signal in force at the current {@link #apply()}; null: none. */
  private @Nullable Integer afrrSignal;

  /** What the DER controls in force let each EVSE charge, amps per phase; null: no bound. */
  private @Nullable Double derChargeA;

  /** Limits on the whole station were in force at the last {@link #apply()}. */
  private boolean sharingStationLimits;

  /** The EVSEs whose transaction reached a limit of its own (2.1 transactionLimit): 0 A. */
  private java.util.function.IntPredicate limitReached = evse -> false;

  /**
   * @param guard the station's outputs as the context has them, checked against the limits on the
   *     whole station
   * @param snapshots where the charging profiles and the CSMS's aFRR signals are kept
   * @param fallbackObserver told each fallback event as it happens
   */
  public Limits(
      StationContext context,
      StationLimitGuard guard,
      SnapshotStore snapshots,
      Transactions transactions,
      MeterValues meters,
      StatusReports status,
      Consumer<FallbackEvent> fallbackObserver) {
    int evseCount = context.evseCount();
    for (int i = 1; i <= evseCount; i++) {
      evses.add(new EvseLimit(i));
    }
    this.params = context.params();
    this.hardware = context.hardware();
    this.gridWatch = new GridWatch(context.scheduler(), hardware::grid, this::apply);
    this.scheduler = context.scheduler();
    this.gateway = context.gateway();
    this.guard = guard;
    this.transactions = transactions;
    this.meters = meters;
    this.status = status;
    this.sharing =
        new StationSharing(
            Collections.nCopies(evseCount, params.evseMaxCurrentA()),
            Limit.DEFAULT_NOMINAL_VOLTAGE.doubleValue());
    this.smartCharging =
        new SmartChargingService(
            params.chargingProfileLimits(evseCount), gateway.profileRules(), snapshots);
    BooleanSupplier registered = context.registered();
    this.needs = new VehicleNeeds(evseCount, gateway, registered);
    this.external = new ExternalLimit(smartCharging, scheduler, gateway, registered);
    this.fallback =
        new FallbackWatch(
            scheduler, smartCharging, gateway, registered, fallbackObserver, this::apply);
    this.afrr = new AfrrSignals(snapshots);
    this.discharging = new Discharging(evseCount, smartCharging, guard);
    this.reactive = new ReactivePower(evseCount, smartCharging, guard, params.evseMaxCurrentA());
    this.pulls = new DynamicPulls(scheduler, smartCharging, this::updateDynamicSchedule);
    this.operationModes =
        new OperationModeChanges(evse -> transactions.update(evse, UpdateTrigger.PERIODIC));
  }

  // ---------------------------------------------------------------------------------- in force

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
  public void apply() {
    TaskScheduler.cancel(timer);
    timer = null;
    Instant now = scheduler.now();
    external.expire(now);
    Map<Integer, ActiveTransaction> active = transactions.active();
    boolean modes = smartCharging.operationModesInUse();
    gridHz = modes ? gridWatch.read() : null;
    afrrSignal = afrr.inForce(now);
    Double cap = fallback.capA();
    Instant next = null;
    Map<Integer, Double> own = new TreeMap<>();
    java.util.function.IntPredicate idle = discharging.idle(active, now);
    for (EvseLimit e : evses) {
      EffectiveLimit limit = smartCharging.ownAmps(active, e.evse, now);
      double composite =
          idle.test(e.evse) || limitReached.test(e.evse) ? 0 : limit.limit().doubleValue();
      own.put(e.evse, min(min(min(composite, e.localA), cap), derChargeA));
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
    guard.limits(shared, needs::phases);
    boolean externalBinds = external.binds(wide);
    // Decreases first: the outputs never add up to more than a station limit in between.
    for (boolean decreases : new boolean[] {true, false}) {
      for (EvseLimit e : evses) {
        double target = amps.get(e.evse);
        if (decreases == (Double.isNaN(e.amps) || target < e.amps)) {
          put(e, target, externalBinds && target < own.get(e.evse));
        }
      }
    }
    Map<Integer, Double> charged = amps;
    next =
        earlier(
            next,
            discharging.apply(
                active, now, evse -> charged.get(evse), this::dischargeCapA, this::signals));
    next = earlier(next, reactive.apply(active, now));
    observeOperationModes(active, now);
    next = earlier(next, afrr.next(now));
    gridWatch.watch(modes && followsTheGrid(active, now));
    if (next != null) {
      timer = scheduler.schedule(Duration.between(now, next), this::apply);
    }
  }

  /** Puts {@code amps} on EVSE {@code e}'s hardware; reports a change the external limit made. */
  private void put(EvseLimit e, double amps, boolean byExternal) {
    Transaction tx = transactions.transaction(e.evse);
    String txId = tx == null ? null : tx.id();
    boolean sameTransaction = txId != null && txId.equals(e.txId);
    e.txId = txId;
    if (amps != e.amps) {
      double before = e.amps;
      boolean wasByExternal = e.byExternal;
      e.amps = amps;
      e.byExternal = byExternal;
      guard.offerCurrent(e.evse, amps);
      status.refresh(e.evse);
      if (sameTransaction && (byExternal || wasByExternal) && significantChange(before, amps)) {
        chargingRateChanged(e.evse);
      }
    } else {
      e.byExternal = byExternal;
    }
  }

  /** Whether an EVSE runs LocalFrequency now. */
  private boolean followsTheGrid(Map<Integer, ActiveTransaction> active, Instant now) {
    for (EvseLimit e : evses) {
      if (smartCharging.bidirectional(active, e.evse, now, RateUnit.A).mode()
          == OperationMode.LOCAL_FREQUENCY) {
        return true;
      }
    }
    return false;
  }

  /** Tells {@link #operationModes} the mode in force on each EVSE with a transaction. */
  private void observeOperationModes(Map<Integer, ActiveTransaction> active, Instant now) {
    boolean inUse = smartCharging.operationModesInUse();
    for (EvseLimit e : evses) {
      Transaction tx = transactions.transaction(e.evse);
      OperationMode mode =
          inUse && tx != null
              ? smartCharging.bidirectional(active, e.evse, now, RateUnit.A).mode()
              : OperationMode.CHARGING_ONLY;
      operationModes.observe(e.evse, tx == null ? null : tx.id(), mode);
    }
  }

  /** The operation mode in force on each EVSE, and its changes during a transaction (2.1). */
  public OperationModeChanges operationModes() {
    return operationModes;
  }

  /**
   * {@code reached} names the EVSEs whose transaction reached one of its own limits; they offer no
   * current, and {@link #apply()} follows when that changes.
   */
  public void stopEnergyWhere(java.util.function.IntPredicate reached) {
    this.limitReached = reached;
  }

  /** The sessions changed (a vehicle came, left, started or stopped charging): shares follow. */
  public void sessionsChanged() {
    if (sharingStationLimits) {
      apply();
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
   * What each EVSE with a vehicle in a session wants, for the sharing: its own limit (capped by the
   * EV's maximum when it told one), the phases its EV draws on, its meter's draw, and its
   * departure.
   */
  private List<EvseDemand> demands(Map<Integer, Double> own, Instant now) {
    List<EvseDemand> demands = new ArrayList<>();
    for (EvseLimit e : evses) {
      Transaction tx = transactions.transaction(e.evse);
      if (tx == null || !transactions.plugged(e.evse)) {
        continue;
      }
      double maxA = own.get(e.evse);
      ChargingNeeds told = needs.of(e.evse);
      if (told != null && told.maxCurrentA() > 0) {
        maxA = Math.min(maxA, told.maxCurrentA());
      }
      demands.add(
          new EvseDemand(
              StationSharing.evseId(e.evse),
              true,
              tx.startedAt(),
              needs.phases(e.evse),
              Math.max(0, maxA),
              meters.draw(e.evse, now, DRAW_STALE_AFTER),
              0,
              told == null ? null : told.departureTime(),
              null));
    }
    return demands;
  }

  /** A change of more than LimitChangeSignificance (in percent of the previous limit). */
  private boolean significantChange(double before, double after) {
    if (Double.isNaN(before)) {
      return false; // the first limit after a start, no change of a running transaction
    }
    double threshold = Math.abs(before) * params.limitChangeSignificancePercent() / 100;
    return Math.abs(after - before) > threshold;
  }

  /** 2.0.1: TransactionEvent Updated with triggerReason ChargingRateChanged for {@code evse}. */
  private void chargingRateChanged(int evse) {
    if (transactions.transaction(evse) != null && gateway.version() != OcppVersion.V16) {
      transactions.update(evse, UpdateTrigger.CHARGING_RATE_CHANGED);
    }
  }

  /**
   * What the DER controls in force allow (2.1 block R), in % of each EVSE's maximum: charging and
   * discharging are capped there, never raised; the reactive control's target (null: none) goes to
   * the outputs that can exchange reactive power.
   */
  public void derBounds(
      double chargePct, double dischargePct, io.kilowire.core.der.@Nullable ReactiveDemand var) {
    reactive.der(var);
    double max = params.evseMaxCurrentA();
    derChargeA = chargePct >= 100 ? null : Math.max(0, max * chargePct / 100);
    discharging.cap(dischargePct >= 100 ? null : Math.max(0, max * dischargePct / 100));
    apply();
  }

  /** What an EVSE may feed back now (OCPP 2.1), in amps per phase; 0: nothing. */
  public double dischargeLimit(int evse) {
    return discharging.dischargeA(evse);
  }

  /** The limit in force on an EVSE, in amps per phase (NaN before the station started). */
  public double currentLimit(int evse) {
    return limit(evse).amps;
  }

  /**
   * What the EVSE offers the EV (Current.Offered): the limit in force, or nothing below the 6 A a
   * pilot can signal (the EVSE then suspends charging); null before the first limit.
   */
  public @Nullable Double offeredCurrentA(int evse) {
    double limit = currentLimit(evse);
    return Double.isNaN(limit) ? null : limit < PILOT_MINIMUM_A ? 0.0 : limit;
  }

  // ---------------------------------------------------------------------------------- profiles

  /**
   * SetChargingProfile: validates and installs the profile (its evseId is the request's connector
   * or EVSE), then applies the new limits at once. A 1.6 transactionId is the CSMS's number; it is
   * matched to the station's own transaction id here.
   */
  public ValidationResult setChargingProfile(ChargingProfile profile) {
    String tx = profile.transactionId();
    ChargingProfile local =
        tx == null
            ? profile
            : profile.toBuilder().transactionId(transactions.ownTransactionId(tx)).build();
    ValidationResult refused = OperationModes.refusal(local, hardware.gridSensor());
    if (refused == null) {
      refused = discharging.refusal(local);
    }
    if (refused == null) {
      refused = reactive.refusal(local);
    }
    if (refused != null) {
      return refused;
    }
    ValidationResult result = smartCharging.set(local, transactions.active(), scheduler.now());
    if (result.isAccepted()) {
      apply();
      pulls.reschedule();
    }
    return result;
  }

  /**
   * 2.1: new values for a Dynamic profile's period, from UpdateDynamicSchedule or a pulled update;
   * in force at once, capped like any profile (see {@link SmartChargingService#updateDynamic}).
   */
  public DynamicUpdate.Outcome updateDynamicSchedule(int profileId, DynamicUpdate update) {
    if (update.setpointReactive() != null
        && smartCharging.profiles().stream()
            .anyMatch(
                p ->
                    p.id() == profileId
                        && p.kind() == io.kilowire.core.smartcharging.ProfileKind.DYNAMIC
                        && !reactive.possibleFor(p))) {
      return DynamicUpdate.Outcome.REACTIVE_NOT_POSSIBLE;
    }
    DynamicUpdate.Outcome outcome = smartCharging.updateDynamic(profileId, update, scheduler.now());
    if (outcome == DynamicUpdate.Outcome.ACCEPTED) {
      apply();
      pulls.reschedule();
    }
    return outcome;
  }

  /**
   * 2.1 UsePriorityCharging: priority for the CSMS's {@code transactionId} on or off; the limits
   * follow at once (see {@link SmartChargingService#usePriorityCharging}).
   */
  public PriorityCharging.Outcome usePriorityCharging(String transactionId, boolean activate) {
    return priority(transactions.ownTransactionId(transactionId), activate);
  }

  /**
   * Priority asked or withdrawn at the station (a driver's request) for the transaction on {@code
   * evse}; once in force the CSMS is told (2.1 NotifyPriorityCharging, K22).
   */
  public PriorityCharging.Outcome localPriorityCharging(int evse, boolean activate) {
    Transaction tx = transactions.transaction(evse);
    if (tx == null) {
      return PriorityCharging.Outcome.UNKNOWN_TRANSACTION;
    }
    PriorityCharging.Outcome outcome = priority(tx.id(), activate);
    if (outcome == PriorityCharging.Outcome.ACCEPTED && priorityNotifier != null) {
      priorityNotifier.activated(tx.id(), activate);
    }
    return outcome;
  }

  /** Who tells the CSMS of priority asked at the station (2.1); null: no one. */
  public void priorityNotifier(PriorityCharging.@Nullable Notifier notifier) {
    this.priorityNotifier = notifier;
  }

  private PriorityCharging.Outcome priority(String transactionId, boolean activate) {
    PriorityCharging.Outcome outcome =
        smartCharging.usePriorityCharging(transactionId, activate, transactions.active());
    if (outcome == PriorityCharging.Outcome.ACCEPTED) {
      apply();
    }
    return outcome;
  }

  /** How the station asks the CSMS for Dynamic profiles' updates (2.1); null: it does not. */
  public void dynamicPuller(DynamicPulls.@Nullable Puller puller) {
    pulls.puller(puller);
  }

  /** ClearChargingProfile: the profiles removed (none: the CSMS hears Unknown). */
  public List<ChargingProfile> clearChargingProfiles(ClearCriteria criteria) {
    List<ChargingProfile> removed = smartCharging.clear(criteria);
    if (!removed.isEmpty()) {
      apply();
      pulls.reschedule();
    }
    return removed;
  }

  public List<ChargingProfile> chargingProfiles(ProfileQuery query) {
    return smartCharging.find(query);
  }

  /** GetCompositeSchedule for an EVSE (0: the station) from now on. */
  public CompositeSchedule compositeSchedule(int evse, int durationSeconds, RateUnit unit) {
    return smartCharging.composite(
        transactions.active(), evse, scheduler.now(), durationSeconds, unit);
  }

  public SmartChargingService smartCharging() {
    return smartCharging;
  }

  /**
   * A transaction began on {@code evse}: the TxProfile its remote start carried (if any) is
   * installed for it, and its limit goes into force.
   */
  public void transactionBegun(int evse, Transaction tx, @Nullable ChargingProfile txProfile) {
    if (txProfile != null) {
      ValidationResult r =
          smartCharging.set(
              txProfile.toBuilder().evseId(evse).transactionId(tx.id()).build(),
              transactions.active());
      if (!r.isAccepted()) {
        LOG.warn("remote start's charging profile refused: {}", r.rejection());
      }
    }
    apply();
  }

  /** A transaction ended on {@code evse}: its TxProfiles go, and the limits follow. */
  public void transactionEnded(int evse, Transaction ended) {
    smartCharging.transactionEnded(evse, ended.id());
    apply();
  }

  // ---------------------------------------------------------------------------------- local

  /**
   * The local load balancer's (or a site controller's) limit for an EVSE, in amps per phase; null =
   * no local cap. Applied at once, as the least of it and the other limits.
   */
  public void localLimit(int evse, @Nullable Double amps) {
    if (amps != null && !(amps >= 0)) {
      throw new IllegalArgumentException("local limit must be >= 0: " + amps);
    }
    EvseLimit e = limit(evse);
    if (!Objects.equals(e.localA, amps)) {
      e.localA = amps;
      apply();
    }
  }

  /** The local cap set by {@link #localLimit(int, Double)}; null = none. */
  public @Nullable Double localLimit(int evse) {
    return limit(evse).localA;
  }

  /**
   * A site controller's cap on what EVSE {@code evse} feeds back, amps per phase (e.g. the share of
   * the building's fuse on the export side); null = none. Applied at once: the discharge and the
   * setpoint the outputs get stay within it.
   */
  public void localDischargeLimit(int evse, @Nullable Double amps) {
    if (amps != null && !(amps >= 0)) {
      throw new IllegalArgumentException("local discharge limit must be >= 0: " + amps);
    }
    EvseLimit e = limit(evse);
    if (!Objects.equals(e.localDischargeA, amps)) {
      e.localDischargeA = amps;
      apply();
    }
  }

  /** The cap set by {@link #localDischargeLimit(int, Double)}; null = none. */
  public @Nullable Double localDischargeLimit(int evse) {
    return limit(evse).localDischargeA;
  }

  /**
   * A local system's (EMS) setpoint for EVSE {@code evse}, amps per phase, negative to discharge;
   * null withdraws it. Applied at once: while the period in force is ExternalSetpoint the EV
   * follows it, held within the profile's limit and discharge limit and the station's discharge
   * share.
   */
  public void externalSetpoint(int evse, @Nullable Double amps) {
    if (amps != null && !Double.isFinite(amps)) {
      throw new IllegalArgumentException("external setpoint must be a number of amps: " + amps);
    }
    EvseLimit e = limit(evse);
    if (!Objects.equals(e.externalSetpointA, amps)) {
      e.externalSetpointA = amps;
      apply();
    }
  }

  /** The setpoint set by {@link #externalSetpoint(int, Double)}; null = none. */
  public @Nullable Double externalSetpoint(int evse) {
    return limit(evse).externalSetpointA;
  }

  /**
   * What EVSE {@code evse}'s operation mode hears from outside the profiles: its local setpoint,
   * the grid's frequency and the aFRR signal, as read at this {@link #apply()}.
   */
  private ModeSignals signals(int evse) {
    Double setpoint = limit(evse).externalSetpointA;
    return ModeSignals.NONE
        .withExternalSetpoint(setpoint == null ? null : java.math.BigDecimal.valueOf(setpoint))
        .withGridFrequency(gridHz)
        .withAfrrSignal(afrrSignal);
  }

  /**
   * 2.1 AFRRSignal: the CSMS's aFRR signal {@code signal}, in force from {@code from} (at once if
   * that has passed); CentralFrequency periods follow their signal-watt curve at it.
   */
  public void afrrSignal(Instant from, int signal) {
    afrr.received(from, signal);
    apply();
  }

  private double dischargeCapA(int evse) {
    Double cap = limit(evse).localDischargeA;
    return cap == null ? Double.POSITIVE_INFINITY : cap;
  }

  // ---------------------------------------------------------------------------------- the EV

  /** The EV on {@code evse} told its charging needs; its share follows them. */
  public void chargingNeeds(int evse, ChargingNeeds told) {
    needs.told(evse, told);
    if (discharging.anyBidirectional()) {
      apply(); // the EV may have chosen bidirectional transfer: what it may feed back follows
    } else {
      sessionsChanged();
    }
  }

  /** What the EV on {@code evse} last asked for over ISO 15118; null if nothing. */
  public @Nullable ChargingNeeds chargingNeeds(int evse) {
    return needs.of(evse);
  }

  /** The EV on {@code evse} left: its needs go with it. */
  public void vehicleLeft(int evse) {
    needs.forget(evse);
  }

  /** The station is registered again: the EVs' needs not yet sent go out. */
  public void sendChargingNeeds() {
    needs.sendAll();
  }

  // ---------------------------------------------------------------------------------- external

  /**
   * An external system (EMS, SO, ...) limits the station's EVs to {@code limit.limitKw()} until
   * {@code limit.until()}; null ends it (see {@link ExternalLimit}). Enforced as a limit on the
   * whole station, shared among the EVSEs in a transaction in amps for the phases each EV draws on;
   * a running transaction's limit change is reported with TransactionEvent ChargingRateChanged.
   */
  public void externalLimit(@Nullable DemandResponse limit) {
    external.set(limit);
    apply();
  }

  /** The external limit in force; null = none. */
  public @Nullable DemandResponse externalLimit() {
    return external.inForce();
  }

  // ---------------------------------------------------------------------------------- fallback

  /**
   * How the station watches what it relies on: the fallback thresholds and caps, and whether it has
   * a site meter and a site controller to watch; the limits follow at once. Without this call:
   * {@link FallbackConfig#defaults()}, neither watched; the CSMS connection is always watched.
   */
  public void configureFallback(
      FallbackConfig config, boolean watchSiteMeter, boolean watchController) {
    fallback.configure(config, watchSiteMeter, watchController);
    apply();
  }

  /** A site-meter reading measured at {@code measuredAt} has arrived (now). */
  public void siteMeterReading(Instant measuredAt) {
    fallback.siteMeterReading(measuredAt);
  }

  /** The site controller of the station's group was heard from (now). */
  public void controllerHeard() {
    fallback.controllerHeard();
  }

  public Set<FallbackCondition> fallbackConditions() {
    return fallback.conditions();
  }

  /** The cap the fallback puts on every EVSE now (offline cap, safe share); null = none. */
  public @Nullable Double fallbackCapA() {
    return fallback.capA();
  }

  public List<FallbackEvent> unreportedFallbackEvents() {
    return fallback.unreported();
  }

  // ---------------------------------------------------------------------------------- lifecycle

  /**
   * The station starts: offline since {@code since} (a restart during an outage keeps counting from
   * its start) if it is not connected yet; the external limit that survived is taken up; the limits
   * go into force, and the fallback is evaluated.
   */
  public void start(boolean online, @Nullable Instant since) {
    // Not yet connected: stored profiles with a maxOfflineDuration count from the start, or from
    // when the outage began if the station restarted during one.
    if (!online) {
      Instant now = scheduler.now();
      smartCharging.offline(since != null && since.isBefore(now) ? since : now);
    }
    external.restore();
    afrr.restore();
    apply();
    fallback.evaluate();
  }

  /** The connection to the CSMS is back: profiles that expired offline stay invalid. */
  public void reconnected() {
    List<ChargingProfile> expired = smartCharging.reconnected(scheduler.now());
    if (!expired.isEmpty()) {
      LOG.info(
          "charging profiles {} stay invalid after the offline period",
          expired.stream().map(ChargingProfile::id).toList());
    }
  }

  /** The outage is over for the fallback too; the limits follow. */
  public void csmsReachable() {
    fallback.csmsConnection(scheduler.now(), true);
    apply();
  }

  /**
   * The connection is gone: the reports wait for the next one; true if the outage starts now for
   * the profiles (the snapshot keeps when, so a restart during it counts from its start).
   */
  public boolean connectionLost() {
    external.connectionLost();
    fallback.connectionLost();
    if (smartCharging.offlineSince() == null) {
      smartCharging.offline(scheduler.now());
      return true;
    }
    return false;
  }

  /** A registered station lost the CSMS: the fallback hears of the outage. */
  public void csmsLost() {
    fallback.csmsConnection(scheduler.now(), false);
  }

  /** The station is registered again: the external-limit reports and fallback events kept go. */
  public void flushReports() {
    external.flush();
    fallback.flush();
  }

  /** Since when the station is offline for its profiles; null while online. */
  public @Nullable Instant offlineSince() {
    return smartCharging.offlineSince();
  }

  public void stop() {
    TaskScheduler.cancel(timer);
    gridWatch.stop();
    fallback.stop();
    pulls.stop();
  }

  private EvseLimit limit(int evse) {
    return evses.get(evse - 1);
  }
}
