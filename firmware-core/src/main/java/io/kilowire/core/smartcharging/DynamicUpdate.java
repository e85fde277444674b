package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * New values for the one period of a Dynamic profile (OCPP 2.1 ChargingScheduleUpdateType, from
 * UpdateDynamicSchedule, a PullDynamicScheduleUpdate answer or a local system): what it gives
 * replaces the period's value, what it leaves out stays. Values are in the profile's unit and
 * phases; the composite caps them like any profile's, so an update never lifts the station above
 * its hardware, its maximum or its external constraints.
 *
 * @param limit the charging limit, at or above 0; null: unchanged
 * @param dischargeLimit the discharge limit, at or below 0; null: unchanged
 * @param setpoint the setpoint, negative to discharge; null: unchanged
 * @param perPhase values for L2 and L3, each replacing the period's where given; null: unchanged
 * @param setpointReactive the reactive setpoint, its value (L1's where L2 / L3 are given) replacing
 *     the period's, and L2 / L3 each where given; null: unchanged
 */
public record DynamicUpdate(
    @Nullable BigDecimal limit,
    @Nullable BigDecimal dischargeLimit,
    @Nullable BigDecimal setpoint,
    @Nullable PhaseValues perPhase,
    @Nullable ReactiveSetpoint setpointReactive) {

  /** An update without reactive values. */
  public DynamicUpdate(
      @Nullable BigDecimal limit,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint,
      @Nullable PhaseValues perPhase) {
    this(limit, dischargeLimit, setpoint, perPhase, null);
  }

  /** An update of values for all phases. */
  public DynamicUpdate(
      @Nullable BigDecimal limit,
      @Nullable BigDecimal dischargeLimit,
      @Nullable BigDecimal setpoint) {
    this(limit, dischargeLimit, setpoint, null);
  }

  /** What became of an update. */
  public enum Outcome {
    ACCEPTED("Accepted"),
    /** No profile has the id. */
    UNKNOWN_PROFILE("UnknownProfile"),
    /** The profile is not Dynamic: only a Dynamic profile is updated in place (K28). */
    NOT_DYNAMIC("InvalidProfile"),
    /** A negative limit or a positive discharge limit. */
    INVALID_VALUE("InvalidValue"),
    /** Values per phase the updated period may not hold ({@link ProfileValidator}'s rules). */
    PHASE_CONFLICT("PhaseConflict"),
    /** A reactive setpoint for an EVSE that cannot exchange reactive power now. */
    REACTIVE_NOT_POSSIBLE("UnsupportedParam");

    private final String reasonCode;

    Outcome(String reasonCode) {
      this.reasonCode = reasonCode;
    }

    /** The statusInfo.reasonCode of a refusal (at most 20 characters). */
    public String reasonCode() {
      return reasonCode;
    }
  }

  /** Whether the values can stand in a period: limit not negative, discharge limit not positive. */
  boolean valid() {
    PhaseValues p = perPhase;
    return atLeastZero(limit)
        && atMostZero(dischargeLimit)
        && (p == null
            || (atLeastZero(p.limitL2())
                && atLeastZero(p.limitL3())
                && atMostZero(p.dischargeLimitL2())
                && atMostZero(p.dischargeLimitL3())));
  }

  private static boolean atLeastZero(@Nullable BigDecimal v) {
    return v == null || v.signum() >= 0;
  }

  private static boolean atMostZero(@Nullable BigDecimal v) {
    return v == null || v.signum() <= 0;
  }

  /** {@code period} with this update's values where it gives them. */
  SchedulePeriod applyTo(SchedulePeriod period) {
    return new SchedulePeriod(
        period.startPeriod(),
        limit == null ? period.limit() : limit,
        period.numberPhases(),
        period.phaseToUse(),
        dischargeLimit == null ? period.dischargeLimit() : dischargeLimit,
        setpoint == null ? period.setpoint() : setpoint,
        period.operationMode(),
        merged(period.perPhase()),
        mergedReactive(period.setpointReactive()),
        period.v2x());
  }

  /** The period's reactive setpoint with this update's where it gives it, phase by phase. */
  private @Nullable ReactiveSetpoint mergedReactive(@Nullable ReactiveSetpoint old) {
    ReactiveSetpoint u = setpointReactive;
    if (u == null) {
      return old;
    }
    return new ReactiveSetpoint(
        u.value(),
        or(u.l2(), old == null ? null : old.l2()),
        or(u.l3(), old == null ? null : old.l3()));
  }

  /** The period's values per phase with this update's where it gives them. */
  private @Nullable PhaseValues merged(@Nullable PhaseValues old) {
    PhaseValues u = perPhase;
    if (u == null) {
      return old;
    }
    PhaseValues o = old == null ? new PhaseValues(null, null, null, null, null, null) : old;
    return new PhaseValues(
        or(u.limitL2(), o.limitL2()),
        or(u.limitL3(), o.limitL3()),
        or(u.dischargeLimitL2(), o.dischargeLimitL2()),
        or(u.dischargeLimitL3(), o.dischargeLimitL3()),
        or(u.setpointL2(), o.setpointL2()),
        or(u.setpointL3(), o.setpointL3()));
  }

  private static @Nullable BigDecimal or(@Nullable BigDecimal given, @Nullable BigDecimal old) {
    return given == null ? old : given;
  }

  /**
   * The ids of the Dynamic profiles whose update is due at {@code now}: dynUpdateInterval after the
   * later of their last update and the last time the station asked ({@code asked}, by id), so a
   * CSMS that answers without an update is asked again an interval later, not at once (K28.FR.10).
   */
  public static List<Integer> pullsDue(
      List<ChargingProfile> profiles, Map<Integer, Instant> asked, Instant now) {
    List<Integer> due = new ArrayList<>();
    for (ChargingProfile p : profiles) {
      Instant at = pullAt(p, asked);
      if (at != null && !at.isAfter(now)) {
        due.add(p.id());
      }
    }
    return due;
  }

  /** The earliest instant a pull is due; null when no profile asks for pulls. */
  public static @Nullable Instant nextPull(
      List<ChargingProfile> profiles, Map<Integer, Instant> asked) {
    Instant next = null;
    for (ChargingProfile p : profiles) {
      Instant at = pullAt(p, asked);
      if (at != null && (next == null || at.isBefore(next))) {
        next = at;
      }
    }
    return next;
  }

  private static @Nullable Instant pullAt(ChargingProfile p, Map<Integer, Instant> asked) {
    Integer interval = p.dynUpdateInterval();
    if (p.kind() != ProfileKind.DYNAMIC || interval == null || interval <= 0) {
      return null;
    }
    Instant last = p.dynUpdateTime() == null ? Instant.EPOCH : p.dynUpdateTime();
    Instant askedAt = asked.get(p.id());
    if (askedAt != null && askedAt.isAfter(last)) {
      last = askedAt;
    }
    return last.plusSeconds(interval);
  }

  /**
   * How the composite sees a Dynamic profile: its one period from the start of time, valid until
   * {@code duration} seconds after the last update where the schedule has a duration (K28.FR.13/15:
   * no update within it, the profile is invalid and the next valid one applies; the next update
   * makes it valid again, K28.FR.14). The boundary instant itself already counts as too late.
   */
  static ChargingProfile inForce(ChargingProfile p) {
    ChargingSchedule s = p.schedule();
    Integer duration = s.duration();
    Instant last = p.dynUpdateTime();
    Instant validTo = p.validTo();
    if (duration != null && last != null) {
      Instant end = last.plusSeconds(duration);
      if (validTo == null || end.isBefore(validTo)) {
        validTo = end;
      }
    }
    List<ChargingSchedule> schedules = new ArrayList<>(p.schedules());
    schedules.set(0, s.withStart(Instant.EPOCH).withDuration(null));
    return p.toBuilder().kind(ProfileKind.ABSOLUTE).schedules(schedules).validTo(validTo).build();
  }
}
