package io.kilowire.core.smartcharging;

import io.kilowire.core.store.SnapshotStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's smart charging in one place: the installed profiles (persisted after every change, so
 * they survive reboots as OCPP 1.6 errata 3.37 requires), their validation, and the composite
 * schedules and effective limits computed from them.
 */
public final class SmartChargingService {
  private static final Logger LOG = LoggerFactory.getLogger(SmartChargingService.class);

  private final SmartChargingLimits limits;
  private final ProfileRules rules;
  private final SnapshotStore snapshots;
  private final ProfileValidator validator;
  private final CompositeScheduler scheduler;
  private ProfileStore store;
  private @Nullable Instant offlineSince;
  private final Set<String> priority = new HashSet<>();

  public SmartChargingService(
      SmartChargingLimits limits, ProfileRules rules, SnapshotStore snapshots) {
    this.limits = limits;
    this.rules = rules;
    this.snapshots = snapshots;
    this.validator = new ProfileValidator(limits);
    this.scheduler = new CompositeScheduler(limits);
    this.store = load(snapshots);
  }

  private static ProfileStore load(SnapshotStore snapshots) {
    Optional<byte[]> data = snapshots.read(ProfileStore.SNAPSHOT_NAME);
    if (data.isEmpty()) {
      return new ProfileStore();
    }
    try {
      return ProfileStore.fromBytes(data.get());
    } catch (RuntimeException e) {
      LOG.error("saved charging profiles are damaged; starting without profiles", e);
      return new ProfileStore();
    }
  }

  public SmartChargingLimits limits() {
    return limits;
  }

  /** Validates and, if accepted, installs (with the protocol's replacement rules) and persists. */
  /**
   * As {@link #set(ChargingProfile, Map)}, received at {@code now}: a Dynamic profile without a
   * dynUpdateTime counts as updated at receipt (K28.FR.05), which anchors its duration.
   */
  public ValidationResult set(
      ChargingProfile profile, Map<Integer, ActiveTransaction> transactions, Instant now) {
    ChargingProfile received =
        profile.kind() == ProfileKind.DYNAMIC && profile.dynUpdateTime() == null
            ? profile.toBuilder().dynUpdateTime(now).build()
            : profile;
    return set(received, transactions);
  }

  /**
   * Replaces what {@code update} gives in the one period of the Dynamic profile {@code id} and sets
   * its dynUpdateTime to {@code now} (K28.FR.06-09); persisted like any profile change.
   */
  public DynamicUpdate.Outcome updateDynamic(int id, DynamicUpdate update, Instant now) {
    Optional<ChargingProfile> found = store.byId(id);
    if (found.isEmpty()) {
      return DynamicUpdate.Outcome.UNKNOWN_PROFILE;
    }
    ChargingProfile p = found.get();
    if (p.kind() != ProfileKind.DYNAMIC) {
      return DynamicUpdate.Outcome.NOT_DYNAMIC;
    }
    if (!update.valid()) {
      return DynamicUpdate.Outcome.INVALID_VALUE;
    }
    ChargingSchedule s = p.schedule();
    List<SchedulePeriod> periods = new ArrayList<>(s.periods());
    periods.set(0, update.applyTo(periods.get(0)));
    if (ProfileValidator.checkPerPhase(
            p.purpose(),
            new ChargingSchedule(
                s.id(), s.startSchedule(), s.duration(), s.unit(), periods, s.minChargingRate()))
        != null) {
      return DynamicUpdate.Outcome.PHASE_CONFLICT;
    }
    List<ChargingSchedule> schedules = new ArrayList<>(p.schedules());
    schedules.set(
        0,
        new ChargingSchedule(
            s.id(), s.startSchedule(), s.duration(), s.unit(), periods, s.minChargingRate()));
    store.putLocal(p.toBuilder().schedules(schedules).dynUpdateTime(now).build());
    persist();
    return DynamicUpdate.Outcome.ACCEPTED;
  }

  public ValidationResult set(
      ChargingProfile profile, Map<Integer, ActiveTransaction> transactions) {
    ValidationResult result = validator.validate(profile, rules, store, transactions);
    if (result.isAccepted()) {
      store.install(result.acceptedProfile(), rules);
      persist();
    }
    return result;
  }

  /**
   * The id an external limit of {@code source} is installed under: one reserved negative id per
   * source, EMS -1, OTHER -2, SO -3, CSO -4. 2.0.1 has no MaxExternalConstraintsId, so ids of
   * external constraints are negative (ERR21 2.28; the 2.1 schema says so for the id), and a CSMS
   * profile never gets one of them (it cannot replace an external constraint, see {@link
   * ProfileValidator}).
   */
  public static int externalLimitId(LimitSource source) {
    return -1 - source.ordinal();
  }

  /** Whether {@code id} is reserved for external limits ({@link #externalLimitId}). */
  public static boolean isExternalLimitId(int id) {
    return id < 0 && id >= -LimitSource.values().length;
  }

  /**
   * Installs an external limit set by a local system (EMS, SO, ...) as the profile it is: purpose
   * ChargingStationExternalConstraints with an id of {@link #externalLimitId}. CSMS validation does
   * not apply (the CSMS may not set such profiles); it replaces the profile with the same id, i.e.
   * the previous limit of the same source, and is persisted with the others. The CSMS cannot clear
   * it ({@link ProfileStore#clear}); {@link #removeExternalLimit} does.
   */
  public void installExternalLimit(ChargingProfile profile) {
    if (profile.purpose() != ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS
        || !isExternalLimitId(profile.id())) {
      throw new IllegalArgumentException(
          "an external limit is a ChargingStationExternalConstraints profile with a reserved id");
    }
    store.putLocal(profile);
    persist();
  }

  /** Removes the external limit installed under {@code id}; empty if there was none. */
  public Optional<ChargingProfile> removeExternalLimit(int id) {
    if (!isExternalLimitId(id)) {
      throw new IllegalArgumentException("not an external-limit id: " + id);
    }
    Optional<ChargingProfile> removed = store.remove(id);
    if (removed.isPresent()) {
      persist();
    }
    return removed;
  }

  public List<ChargingProfile> clear(ClearCriteria criteria) {
    List<ChargingProfile> removed = store.clear(criteria);
    if (!removed.isEmpty()) {
      persist();
    }
    return removed;
  }

  public List<ChargingProfile> find(ProfileQuery query) {
    return store.find(query);
  }

  public List<ChargingProfile> profiles() {
    return store.profiles();
  }

  /**
   * 2.1 UsePriorityCharging (or a local request): priority for {@code transactionId} on or off.
   * Asking needs a PriorityCharging profile on the transaction's EVSE or on the station;
   * withdrawing is always accepted (the profile may have gone while priority held).
   */
  public PriorityCharging.Outcome usePriorityCharging(
      String transactionId, boolean activate, Map<Integer, ActiveTransaction> transactions) {
    Integer evse = null;
    for (Map.Entry<Integer, ActiveTransaction> e : transactions.entrySet()) {
      if (e.getValue().id().equals(transactionId)) {
        evse = e.getKey();
      }
    }
    if (evse == null) {
      return PriorityCharging.Outcome.UNKNOWN_TRANSACTION;
    }
    if (!activate) {
      priority.remove(transactionId);
      return PriorityCharging.Outcome.ACCEPTED;
    }
    int on = evse;
    boolean profile =
        store.profiles().stream()
            .anyMatch(
                p ->
                    p.purpose() == ProfilePurpose.PRIORITY_CHARGING
                        && (p.evseId() == on || p.evseId() == 0));
    if (!profile) {
      return PriorityCharging.Outcome.NO_PROFILE;
    }
    priority.add(transactionId);
    return PriorityCharging.Outcome.ACCEPTED;
  }

  /** The transactions charging with priority. */
  public Set<String> priorityTransactions() {
    return Set.copyOf(priority);
  }

  /** {@code transactions} with the priority each was given, as the composite needs them. */
  private Map<Integer, ActiveTransaction> marked(Map<Integer, ActiveTransaction> transactions) {
    if (priority.isEmpty()) {
      return transactions;
    }
    Map<Integer, ActiveTransaction> out = new HashMap<>(transactions);
    out.replaceAll((evse, tx) -> priority.contains(tx.id()) ? tx.withPriority() : tx);
    return out;
  }

  /** TxProfiles cease with their transaction (1.6 §3.13.1; 2.0.1 K01). */
  public void transactionEnded(int evse, String transactionId) {
    priority.remove(transactionId);
    if (!store.endTransaction(evse, transactionId).isEmpty()) {
      persist();
    }
  }

  public CompositeSchedule composite(
      Map<Integer, ActiveTransaction> transactions,
      int evse,
      Instant start,
      int duration,
      RateUnit unit) {
    return scheduler.composite(inForce(), marked(transactions), evse, start, duration, unit);
  }

  /**
   * Whether any profile in force has a 2.1 period in another mode than ChargingOnly: without one,
   * nothing but the charging limits needs computing.
   */
  public boolean operationModesInUse() {
    for (ChargingProfile p : inForce()) {
      for (ChargingSchedule s : p.schedules()) {
        for (SchedulePeriod period : s.periods()) {
          if (period.mode() != OperationMode.CHARGING_ONLY) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The limit on discharging the whole station at {@code at} (OCPP 2.1), in {@code unit}. */
  public StationDischarge stationDischarge(
      Map<Integer, ActiveTransaction> transactions, Instant at, RateUnit unit) {
    return scheduler.stationDischarge(inForce(), marked(transactions), at, unit);
  }

  /** What {@code evse} may do in both directions at {@code at} (OCPP 2.1), in {@code unit}. */
  public BidirectionalLimit bidirectional(
      Map<Integer, ActiveTransaction> transactions, int evse, Instant at, RateUnit unit) {
    return scheduler.bidirectional(inForce(), marked(transactions), evse, at, unit);
  }

  /**
   * {@link #bidirectional} with what the station's surroundings tell the modes ({@code signals}).
   */
  public BidirectionalLimit bidirectional(
      Map<Integer, ActiveTransaction> transactions,
      int evse,
      Instant at,
      RateUnit unit,
      ModeSignals signals) {
    return scheduler.bidirectional(inForce(), marked(transactions), evse, at, unit, signals);
  }

  /**
   * The reactive setpoint in force on {@code evse} (2.1), see {@link CompositeScheduler#reactive}.
   */
  public @Nullable BigDecimal reactive(
      Map<Integer, ActiveTransaction> transactions, int evse, Instant at, RateUnit unit) {
    return scheduler.reactive(inForce(), marked(transactions), evse, at, unit);
  }

  /**
   * The limit for {@code evse} now, in amps per phase, and when it next changes (including the
   * instant a profile expires offline, see {@link #offline}).
   */
  public EffectiveLimit effectiveAmps(
      Map<Integer, ActiveTransaction> transactions, int evse, Instant now) {
    return scheduler.effectiveLimit(inForce(), marked(transactions), evse, now, RateUnit.A);
  }

  /**
   * The limit of {@code evse} alone now, in amps per phase, and when it next changes: as {@link
   * #effectiveAmps} without the limits on the whole station, which the station shares among its
   * EVSEs ({@link #stationWide}).
   */
  public EffectiveLimit ownAmps(
      Map<Integer, ActiveTransaction> transactions, int evse, Instant now) {
    return scheduler.ownLimit(inForce(), marked(transactions), evse, now, RateUnit.A);
  }

  /** The limits on the whole station now (its maximum, external constraints on EVSE 0). */
  public StationWideLimits stationWide(Map<Integer, ActiveTransaction> transactions, Instant now) {
    return scheduler.stationWide(inForce(), marked(transactions), now);
  }

  /**
   * The CSMS has been unreachable since {@code since} (null: reachable). While offline, a profile
   * with a 2.1 {@code maxOfflineDuration} counts as valid only until {@code since +
   * maxOfflineDuration}; after that the composite falls through to lower stack levels (SPEC-FACTS
   * C). The expiry is an ordinary validity end, so {@link EffectiveLimit#nextChange()} names it.
   */
  public void offline(@Nullable Instant since) {
    this.offlineSince = since;
  }

  public @Nullable Instant offlineSince() {
    return offlineSince;
  }

  /**
   * The CSMS is reachable again at {@code now}: profiles with {@code invalidAfterOfflineDuration}
   * whose {@code maxOfflineDuration} passed during the outage are removed (and the store
   * persisted); the others are valid again.
   *
   * @return the profiles removed
   */
  public List<ChargingProfile> reconnected(Instant now) {
    Instant since = offlineSince;
    offlineSince = null;
    if (since == null) {
      return List.of();
    }
    List<ChargingProfile> removed = new ArrayList<>();
    for (ChargingProfile p : store.profiles()) {
      Instant expiry = offlineExpiry(p, since);
      if (p.invalidAfterOfflineDuration() && expiry != null && !now.isBefore(expiry)) {
        removed.addAll(store.clear(ClearCriteria.byId(p.id())));
      }
    }
    if (!removed.isEmpty()) {
      LOG.info("removed {} charging profile(s) invalid after the offline period", removed.size());
      persist();
    }
    return removed;
  }

  /**
   * The profiles as the composite sees them now: Dynamic ones as their one running period ({@link
   * DynamicUpdate#inForce}), offline expiry folded into validTo.
   */
  private List<ChargingProfile> inForce() {
    Instant since = offlineSince;
    List<ChargingProfile> all = store.profiles();
    if (all.stream().anyMatch(p -> p.kind() == ProfileKind.DYNAMIC)) {
      List<ChargingProfile> shown = new ArrayList<>(all.size());
      for (ChargingProfile p : all) {
        shown.add(p.kind() == ProfileKind.DYNAMIC ? DynamicUpdate.inForce(p) : p);
      }
      all = shown;
    }
    if (since == null) {
      return all;
    }
    List<ChargingProfile> out = new ArrayList<>(all.size());
    for (ChargingProfile p : all) {
      Instant expiry = offlineExpiry(p, since);
      Instant validTo = p.validTo();
      if (expiry == null || (validTo != null && !validTo.isAfter(expiry))) {
        out.add(p);
      } else if (p.validFrom() == null || p.validFrom().isBefore(expiry)) {
        out.add(p.toBuilder().validTo(expiry).build());
      }
    }
    return out;
  }

  private static @Nullable Instant offlineExpiry(ChargingProfile p, Instant offlineSince) {
    Integer max = p.maxOfflineDuration();
    return max == null ? null : offlineSince.plusSeconds(max);
  }

  /** The hardware maximum of an EVSE, in amps per phase. */
  public BigDecimal hardwareMax(int evse) {
    return limits.hardwareLimit(evse).value();
  }

  private void persist() {
    snapshots.write(ProfileStore.SNAPSHOT_NAME, store.toBytes());
  }
}
