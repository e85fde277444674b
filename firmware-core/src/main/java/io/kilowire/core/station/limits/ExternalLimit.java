package io.kilowire.core.station.limits;

import io.kilowire.core.loadmanagement.DemandResponse;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.Limit;
import io.kilowire.core.smartcharging.LimitSource;
import io.kilowire.core.smartcharging.ProfilePurpose;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.SmartChargingService;
import io.kilowire.core.smartcharging.StationWideLimits;
import io.kilowire.core.station.CsmsGateway;
import io.kilowire.core.station.reports.PendingReports;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The limit an external system (EMS, SO, ...) puts on the station's EVs until a given end. One
 * holds at a time: a new one replaces the one in force. It is installed as a station-wide (EVSE 0)
 * ChargingStationExternalConstraints profile (Absolute, W, validTo = its end, chargingLimitSource
 * from {@link DemandResponse#source()}, id {@link SmartChargingService#externalLimitId}), so
 * composite schedules and 2.0.1 GetChargingProfiles show it and the CSMS cannot clear it. Its
 * reports (2.0.1 NotifyChargingLimit, ClearedChargingLimit also when it runs out) wait in order
 * until the CSMS confirmed them and go again after a reconnect; 1.6 has no such messages.
 */
final class ExternalLimit {
  private final SmartChargingService smartCharging;
  private final TaskScheduler scheduler;
  private final PendingReports<LimitReport> reports;
  private @Nullable DemandResponse limit;

  /** The queued report of the limit in force; null = none. */
  private @Nullable LimitReport report;

  /**
   * A report of an external limit to the CSMS, queued until confirmed: the limit (2.0.1
   * NotifyChargingLimit) or, with {@code limit} null, the end of {@code source}'s limit
   * (ClearedChargingLimit).
   */
  private record LimitReport(@Nullable DemandResponse limit, String source) {}

  ExternalLimit(
      SmartChargingService smartCharging,
      TaskScheduler scheduler,
      CsmsGateway gateway,
      BooleanSupplier registered) {
    this.smartCharging = smartCharging;
    this.scheduler = scheduler;
    this.reports =
        new PendingReports<>(
            "external-limit reports",
            PendingReports.CAPACITY,
            registered,
            r -> {
              DemandResponse reported = r.limit();
              return reported == null
                  ? gateway.externalLimitCleared(r.source(), null)
                  : gateway.externalLimit(reported, null);
            });
  }

  /** {@code limit} replaces the one in force (null: none); one already over is not taken. */
  void set(@Nullable DemandResponse limit) {
    if (this.limit != null) {
      end();
    }
    if (limit != null && scheduler.now().isBefore(limit.until())) {
      this.limit = limit;
      smartCharging.installExternalLimit(profile(limit, scheduler.now()));
      report(limit);
    }
  }

  /** The limit in force; null = none. */
  @Nullable DemandResponse inForce() {
    return limit;
  }

  /** Ends the limit if it ran out by {@code now}. */
  void expire(Instant now) {
    DemandResponse current = limit;
    if (current != null && !now.isBefore(current.until())) {
      end();
    }
  }

  /**
   * Whether the limit is what holds the EVs back: it is in force and no tighter than the station
   * maximum (compared in watts over three phases).
   */
  boolean binds(StationWideLimits wide) {
    Limit ext = wide.external();
    Limit max = wide.maximum();
    if (limit == null || ext == null) {
      return false;
    }
    BigDecimal volts = smartCharging.limits().nominalVoltage();
    return max == null || ext.in(RateUnit.W, volts).compareTo(max.in(RateUnit.W, volts)) <= 0;
  }

  /**
   * After a restart: the limit's profile survived with the others (the store persists every
   * profile), so the limit is taken up again until its end and reported again; one that ran out
   * meanwhile is removed (and its end is not reported: the report of its start may not have been
   * made either).
   */
  void restore() {
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
      limit = restored;
      report(restored);
    }
  }

  /** The station is registered again: the reports kept go out. */
  void flush() {
    reports.flush();
  }

  void connectionLost() {
    reports.connectionLost();
  }

  private void end() {
    DemandResponse ended = limit;
    limit = null;
    if (ended != null) {
      smartCharging.removeExternalLimit(
          SmartChargingService.externalLimitId(limitSource(ended.source())));
      // A report not sent yet is taken back; one that may have reached the CSMS is cleared.
      LimitReport queued = report;
      if (queued != null && !reports.withdraw(queued)) {
        reports.add(new LimitReport(null, ended.source()));
      }
    }
    report = null;
  }

  /** Queues NotifyChargingLimit for {@code limit}, after every report queued before it. */
  private void report(DemandResponse limit) {
    LimitReport queued = new LimitReport(limit, limit.source());
    report = queued;
    reports.add(queued);
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

  private static ChargingProfile profile(DemandResponse limit, Instant now) {
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
}
