package io.kilowire.core.smartcharging;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.store.SnapshotStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final OcppVersion version;
  private final SnapshotStore snapshots;
  private final ProfileValidator validator;
  private final CompositeScheduler scheduler;
  private ProfileStore store;

  public SmartChargingService(
      SmartChargingLimits limits, OcppVersion version, SnapshotStore snapshots) {
    this.limits = limits;
    this.version = version;
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

  /** Validates and, if accepted, installs (with the version's replacement rules) and persists. */
  public ValidationResult set(
      ChargingProfile profile, Map<Integer, ActiveTransaction> transactions) {
    ValidationResult result = validator.validate(profile, version, store, transactions);
    if (result.isAccepted()) {
      store.install(result.acceptedProfile(), version);
      persist();
    }
    return result;
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

  /** TxProfiles cease with their transaction (1.6 §3.13.1; 2.0.1 K01). */
  public void transactionEnded(int evse, String transactionId) {
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
    return scheduler.composite(store.profiles(), transactions, evse, start, duration, unit);
  }

  /** The limit for {@code evse} now, in amps per phase, and when it next changes. */
  public EffectiveLimit effectiveAmps(
      Map<Integer, ActiveTransaction> transactions, int evse, Instant now) {
    return scheduler.effectiveLimit(store.profiles(), transactions, evse, now, RateUnit.A);
  }

  /** The hardware maximum of an EVSE, in amps per phase. */
  public BigDecimal hardwareMax(int evse) {
    return limits.hardwareLimit(evse).value();
  }

  private void persist() {
    snapshots.write(ProfileStore.SNAPSHOT_NAME, store.toBytes());
  }
}
