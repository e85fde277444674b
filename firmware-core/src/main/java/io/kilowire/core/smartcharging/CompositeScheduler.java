package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Composite schedules and effective limits from installed profiles (1.6 §3.13.3 and §5.7,
 * SPEC-FACTS A.4; 2.0.1 K08, B.4). At each instant, for an EVSE:
 *
 * <ol>
 *   <li>within a purpose the highest stack level that is valid and defines a limit wins; a profile
 *       with a gap (before its start, after its duration) lets lower levels through (A.3);
 *   <li>the base is the TxProfile of the running transaction, else the EVSE's TxDefault, else the
 *       station-wide TxDefault (ERR16 3.53), else the EVSE's hardware maximum (the gap default,
 *       A.4);
 *   <li>the result is the minimum of the base, the station maximum, the external constraints (on
 *       the station and on the EVSE) and the hardware maximum. A 2.1 period without a limit of its
 *       own wins its place as any other but adds nothing to this minimum; the hardware maximum is
 *       always in it, so a composite period always has a limit.
 * </ol>
 *
 * For the station (0) the EVSE values are summed and the sum is capped by the station maximum and
 * the station's external constraints: the station maximum is shared, not granted to each EVSE (A.2,
 * B.4). Limits are converted to the requested unit one by one with their own phases (A.5), then
 * compared. Evaluation happens on whole seconds from the start, where the periods of a composite
 * begin.
 */
public final class CompositeScheduler {
  /** Every daily and weekly pattern repeats within this window. */
  private static final long REPEAT_SECONDS = Duration.ofDays(8).getSeconds();

  private final SmartChargingLimits limits;

  public CompositeScheduler(SmartChargingLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The composite for {@code evseId} (0 = station) over {@code [start, start + duration)} in {@code
   * unit}. Relative profiles start with the EVSE's transaction, or at {@code start} without one.
   */
  public CompositeSchedule composite(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant start,
      int duration,
      RateUnit unit) {
    return composite(profiles, transactions, evseId, start, duration, unit, start, true);
  }

  /**
   * The limit in force for {@code evseId} at {@code now} and the instant it next changes. Relative
   * profiles without a transaction are anchored at {@code now}.
   */
  public EffectiveLimit effectiveLimit(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant now,
      RateUnit unit) {
    return effectiveLimit(profiles, transactions, evseId, now, unit, true);
  }

  /**
   * The limit of EVSE {@code evseId} (1..n) alone at {@code now} and when it next changes: its
   * TxProfile, TxDefault, own external constraints and hardware, without the limits on the whole
   * station (its maximum, the station's external constraints), which bind all EVSEs together and
   * are shared among them ({@link #stationWide}), not granted to each.
   */
  public EffectiveLimit ownLimit(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant now,
      RateUnit unit) {
    if (evseId < 1) {
      throw new IllegalArgumentException("an EVSE's own limit needs an EVSE id >= 1");
    }
    return effectiveLimit(profiles, transactions, evseId, now, unit, false);
  }

  /**
   * What EVSE {@code evseId} may do in both directions at {@code now} (OCPP 2.1). The charge limit
   * is {@link #effectiveLimit}'s. Discharging needs the period in force (TxProfile, else
   * TxDefaultProfile) to be in a mode that may discharge and to give a dischargeLimit; it is then
   * capped by the EVSE's hardware current (taken as the same both ways) and by the dischargeLimit
   * of each station maximum or external constraint in force that gives one (one that gives none
   * limits charging only). In CentralSetpoint the period's setpoint is clamped into the range; Idle
   * transfers nothing. Values are cut toward zero, like every conversion here.
   */
  public BidirectionalLimit bidirectional(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant now,
      RateUnit unit) {
    return bidirectional(profiles, transactions, evseId, now, unit, ModeSignals.NONE);
  }

  /**
   * {@link #bidirectional} with what the station's surroundings say ({@code signals}): in
   * ExternalSetpoint the external system's setpoint, if it gave one, is what the EV follows; in
   * LocalFrequency the period's frequency-watt curve at the grid's frequency, in CentralFrequency
   * its signal-watt curve at the aFRR signal, each plus the period's baseline ({@link V2xCurves}).
   * All held within the same range as a CSMS's setpoint.
   */
  public BidirectionalLimit bidirectional(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant now,
      RateUnit unit,
      ModeSignals signals) {
    if (evseId < 1) {
      throw new IllegalArgumentException("a bidirectional limit is an EVSE's (id >= 1)");
    }
    return range(new Evaluation(profiles, transactions, now, unit), evseId, now, unit, signals);
  }

  /** {@link #bidirectional} at {@code now} within an evaluation already made. */
  private BidirectionalLimit range(
      Evaluation eval, int evseId, Instant now, RateUnit unit, ModeSignals signals) {
    Hit base = eval.base(evseId, now);
    OperationMode mode = base == null ? OperationMode.CHARGING_ONLY : base.period().mode();
    if (mode == OperationMode.IDLE) {
      return new BidirectionalLimit(
          evseId, now, unit, BigDecimal.ZERO, BigDecimal.ZERO, null, OperationMode.IDLE);
    }
    BigDecimal charge = eval.evse(evseId, now, true).value();
    BigDecimal discharge = BigDecimal.ZERO;
    BigDecimal baseDischarge = base == null ? null : base.dischargeLimit();
    if (base != null && mode.mayDischarge() && baseDischarge != null) {
      BigDecimal most = eval.magnitude(base, baseDischarge);
      most = most.min(limits.hardwareLimit(evseId).in(unit, limits.nominalVoltage()));
      List<Hit> caps = new ArrayList<>();
      caps.add(
          eval.winningHit(
              ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, evseId, evseId, now));
      caps.add(eval.winningHit(ProfilePurpose.CHARGING_STATION_MAX, 0, evseId, now));
      caps.add(
          eval.winningHit(ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, evseId, now));
      for (Hit cap : caps) {
        BigDecimal capDischarge = cap == null ? null : cap.dischargeLimit();
        if (cap != null && capDischarge != null) {
          most = most.min(eval.magnitude(cap, capDischarge));
        }
      }
      discharge = most.negate();
    }
    BigDecimal setpoint = null;
    BigDecimal external = signals.externalSetpointA();
    BigDecimal wanted = base == null ? null : base.setpoint();
    if (base != null && mode == OperationMode.EXTERNAL_SETPOINT && external != null) {
      BigDecimal converted =
          Limit.amps(external.abs(), base.period().phases()).in(unit, limits.nominalVoltage());
      setpoint = external.signum() < 0 ? converted.negate() : converted;
    } else if (base != null && mode.followsFrequency()) {
      V2xCurves curves = base.period().v2x();
      BigDecimal watts =
          curves == null
              ? null
              : mode == OperationMode.LOCAL_FREQUENCY
                  ? curves.wattsAtFrequency(signals.gridFrequencyHz())
                  : curves.wattsAtSignal(signals.afrrSignal());
      if (watts != null) {
        BigDecimal converted =
            Limit.watts(watts.abs(), base.period().phases()).in(unit, limits.nominalVoltage());
        setpoint = watts.signum() < 0 ? converted.negate() : converted;
      }
    } else if (base != null && mode.followsSetpoint() && wanted != null) {
      BigDecimal converted = eval.magnitude(base, wanted);
      setpoint = wanted.signum() < 0 ? converted.negate() : converted;
    }
    if (setpoint != null) {
      setpoint = setpoint.max(discharge).min(charge);
    }
    return new BidirectionalLimit(evseId, now, unit, charge, discharge, setpoint, mode);
  }

  /**
   * The reactive setpoint in force on EVSE {@code evseId} at {@code now} in {@code unit} (OCPP 2.1
   * setpointReactive: reactive current per phase in A, reactive power over the phases in W;
   * positive inductive), one value for all phases; null where the period in force (TxProfile, else
   * TxDefaultProfile) gives none or is Idle. Not capped by the charging limits, which bound active
   * power.
   */
  public @Nullable BigDecimal reactive(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant now,
      RateUnit unit) {
    if (evseId < 1) {
      throw new IllegalArgumentException("a reactive setpoint is an EVSE's (id >= 1)");
    }
    return new Evaluation(profiles, transactions, now, unit).reactive(evseId, now);
  }

  /**
   * The limit on discharging the whole station at {@code now} in {@code unit}, and the next instant
   * any profile's period may change (OCPP 2.1). Each EVSE's {@link #bidirectional} range is capped
   * by the same station dischargeLimit on its own; this is the one limit they share.
   */
  public StationDischarge stationDischarge(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      Instant now,
      RateUnit unit) {
    Evaluation eval = new Evaluation(profiles, transactions, now, unit);
    BigDecimal most = null;
    for (ProfilePurpose purpose :
        List.of(
            ProfilePurpose.CHARGING_STATION_MAX,
            ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS)) {
      Hit cap = eval.winningHit(purpose, 0, 0, now);
      BigDecimal dischargeLimit = cap == null ? null : cap.dischargeLimit();
      if (cap != null && dischargeLimit != null) {
        BigDecimal size = eval.magnitude(cap, dischargeLimit);
        most = most == null ? size : most.min(size);
      }
    }
    Instant next = null;
    Instant horizon = now.plusSeconds(REPEAT_SECONDS);
    for (ChargingProfile p : eval.relevant) {
      for (Instant anchor : anchors(p, transactions, now)) {
        for (Instant b : breakpoints(p, anchor, now, horizon)) {
          if (b.isAfter(now) && (next == null || b.isBefore(next))) {
            next = b;
          }
        }
      }
    }
    return new StationDischarge(most, next);
  }

  /**
   * The limits on the whole station at {@code now}, each in the unit and phases it was given in:
   * the winning ChargingStationMaxProfile and the winning station-wide external constraint (EVSE
   * 0), and the first later instant at which either may change.
   */
  public StationWideLimits stationWide(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      Instant now) {
    Evaluation eval = new Evaluation(profiles, transactions, now, RateUnit.A);
    Limit max = eval.winner(ProfilePurpose.CHARGING_STATION_MAX, 0, 0, now);
    Limit external = eval.winner(ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, 0, now);
    Instant next = null;
    Instant horizon = now.plusSeconds(REPEAT_SECONDS);
    for (ChargingProfile p : eval.relevant) {
      boolean stationWide =
          p.evseId() == 0
              && (p.purpose() == ProfilePurpose.CHARGING_STATION_MAX
                  || p.purpose() == ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS);
      if (!stationWide) {
        continue;
      }
      for (Instant b : breakpoints(p, now, now, horizon)) {
        if (b.isAfter(now) && (next == null || b.isBefore(next))) {
          next = b;
        }
      }
    }
    return new StationWideLimits(max, external, next);
  }

  private EffectiveLimit effectiveLimit(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant now,
      RateUnit unit,
      boolean capByStation) {
    // After the last one-off instant (validity bounds, absolute ends) every pattern repeats within
    // a week, so a change that has not happened by then never will.
    Instant lastFixed = now;
    for (ChargingProfile p : profiles) {
      for (Instant anchor : anchors(p, transactions, now)) {
        Instant fixed = lastFixedInstant(p, anchor);
        if (fixed.isAfter(lastFixed)) {
          lastFixed = fixed;
        }
      }
    }
    Instant bound = lastFixed.plusSeconds(REPEAT_SECONDS);
    CompositeSchedule first =
        composite(
            profiles, transactions, evseId, now, (int) REPEAT_SECONDS, unit, now, capByStation);
    CompositePeriod current = first.periods().get(0);
    CompositeSchedule window = first;
    while (true) {
      for (CompositePeriod p : window.periods()) {
        if (!p.sameLimit(current.limit(), current.numberPhases())) {
          Instant change = window.start().plusSeconds(p.startPeriod());
          return new EffectiveLimit(
              evseId, now, current.limit(), unit, current.numberPhases(), change);
        }
      }
      Instant next = window.start().plusSeconds(REPEAT_SECONDS);
      if (next.isAfter(bound)) {
        return new EffectiveLimit(evseId, now, current.limit(), unit, current.numberPhases(), null);
      }
      window =
          composite(
              profiles, transactions, evseId, next, (int) REPEAT_SECONDS, unit, now, capByStation);
    }
  }

  private CompositeSchedule composite(
      Collection<ChargingProfile> profiles,
      Map<Integer, ActiveTransaction> transactions,
      int evseId,
      Instant start,
      int duration,
      RateUnit unit,
      Instant anchorWithoutTransaction,
      boolean capByStation) {
    if (!limits.hasEvse(evseId)) {
      throw new IllegalArgumentException("EVSE " + evseId + " does not exist");
    }
    if (duration < 0) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    Evaluation eval = new Evaluation(profiles, transactions, anchorWithoutTransaction, unit);
    // Offsets (whole seconds from start) where any contribution may change, sorted and unique.
    long[] offsets = new long[64];
    int count = 0;
    offsets[count++] = 0;
    Instant end = start.plusSeconds(duration);
    for (ChargingProfile p : eval.relevant) {
      for (Instant anchor : anchors(p, transactions, anchorWithoutTransaction)) {
        for (Instant b : breakpoints(p, anchor, start, end)) {
          long offset = ceilSecondsBetween(start, b);
          if (offset > 0 && offset < duration) {
            if (count == offsets.length) {
              offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = offset;
          }
        }
      }
    }
    Arrays.sort(offsets, 0, count);
    List<CompositePeriod> periods = new ArrayList<>();
    long previous = -1;
    for (int i = 0; i < count; i++) {
      long offset = offsets[i];
      if (offset == previous) {
        continue;
      }
      previous = offset;
      Instant t = start.plusSeconds(offset);
      Limit value = evseId == 0 ? eval.station(t) : eval.evse(evseId, t, capByStation);
      CompositePeriod period =
          new CompositePeriod((int) offset, value.value(), value.numberPhases());
      LimitPerPhase perPhase = evseId > 0 ? eval.evsePerPhase(evseId, t, capByStation) : null;
      if (perPhase != null) {
        period =
            new CompositePeriod(
                period.startPeriod(),
                period.limit(),
                period.numberPhases(),
                null,
                null,
                null,
                perPhase);
      }
      if (evseId > 0) {
        // 2.1: where the period in force does more than charge, the composite says so.
        BidirectionalLimit range = range(eval, evseId, t, unit, ModeSignals.NONE);
        OperationMode mode = range.mode();
        if (mode != OperationMode.CHARGING_ONLY) {
          period =
              new CompositePeriod(
                  period.startPeriod(),
                  period.limit(),
                  period.numberPhases(),
                  mode.mayDischarge() ? range.discharge() : null,
                  range.setpoint(),
                  mode,
                  perPhase);
        }
      }
      if (evseId > 0) {
        period = period.withSetpointReactive(eval.reactive(evseId, t));
      }
      CompositePeriod last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
      if (last == null || !last.sameAs(period)) {
        periods.add(period);
      }
    }
    BigDecimal minRate = evseId == 0 ? null : eval.minChargingRate(evseId, start);
    return new CompositeSchedule(evseId, start, duration, unit, periods, minRate);
  }

  /** The anchors a profile's schedule may start from: one per EVSE it can apply to. */
  private List<Instant> anchors(
      ChargingProfile p, Map<Integer, ActiveTransaction> transactions, Instant fallback) {
    if (p.kind() != ProfileKind.RELATIVE) {
      return List.of(fallback); // unused for Absolute and Recurring
    }
    List<Instant> result = new ArrayList<>();
    if (p.evseId() == 0) {
      result.add(fallback);
      for (ActiveTransaction tx : transactions.values()) {
        result.add(tx.start());
      }
    } else {
      result.add(anchorFor(p.evseId(), transactions, fallback));
    }
    return result;
  }

  private static Instant anchorFor(
      int evseId, Map<Integer, ActiveTransaction> transactions, Instant fallback) {
    ActiveTransaction tx = transactions.get(evseId);
    return tx == null ? fallback : tx.start();
  }

  /** Where the schedule's periods count from. */
  private static Instant scheduleStart(ChargingProfile p, Instant anchor) {
    Instant s = p.schedule().startSchedule();
    return p.kind() == ProfileKind.RELATIVE || s == null ? anchor : s;
  }

  /** The period of {@code p} in force at {@code t}, or null where it defines no limit. */
  static @Nullable SchedulePeriod periodAt(ChargingProfile p, Instant t, Instant anchor) {
    if (!p.isValidAt(t)) {
      return null;
    }
    ChargingSchedule schedule = p.schedule();
    Instant start = scheduleStart(p, anchor);
    if (t.isBefore(start)) {
      return null;
    }
    // Whole seconds since the schedule start (floor; t is not before start here). Period starts,
    // durations and recurrence periods are whole seconds, so the floor decides exactly as the
    // full offset would; plain longs keep this hot path free of allocations.
    long seconds = t.getEpochSecond() - start.getEpochSecond();
    if (t.getNano() < start.getNano()) {
      seconds--;
    }
    Recurrency recurrency = p.recurrency();
    if (p.kind() == ProfileKind.RECURRING && recurrency != null) {
      // Periods and durations beyond the recurrence period are not executed (A.3).
      seconds = Math.floorMod(seconds, recurrency.seconds());
    }
    Integer duration = schedule.duration();
    if (duration != null && seconds >= duration) {
      return null;
    }
    // Periods ascend strictly (validated): the last one starting at or before the offset.
    List<SchedulePeriod> periods = schedule.periods();
    int low = 0;
    int high = periods.size() - 1;
    SchedulePeriod found = null;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (periods.get(mid).startPeriod() <= seconds) {
        found = periods.get(mid);
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Instants in {@code (from, to)} where the contribution of {@code p} may change. */
  private static List<Instant> breakpoints(
      ChargingProfile p, Instant anchor, Instant from, Instant to) {
    List<Instant> result = new ArrayList<>();
    if (p.validFrom() != null) {
      result.add(p.validFrom());
    }
    if (p.validTo() != null) {
      result.add(p.validTo());
    }
    ChargingSchedule schedule = p.schedule();
    Instant start = scheduleStart(p, anchor);
    Recurrency recurrency = p.recurrency();
    if (p.kind() == ProfileKind.RECURRING && recurrency != null) {
      long period = recurrency.seconds();
      long firstCycle =
          Math.max(0, Math.floorDiv(Duration.between(start, from).getSeconds(), period));
      for (long k = firstCycle; ; k++) {
        Instant cycle = start.plusSeconds(k * period);
        if (cycle.isAfter(to)) {
          break;
        }
        addCycle(result, schedule, cycle, period);
      }
    } else {
      addCycle(result, schedule, start, Long.MAX_VALUE);
    }
    return result;
  }

  private static void addCycle(
      List<Instant> result, ChargingSchedule schedule, Instant cycle, long cycleSeconds) {
    for (SchedulePeriod period : schedule.periods()) {
      if (period.startPeriod() < cycleSeconds) {
        result.add(cycle.plusSeconds(period.startPeriod()));
      }
    }
    Integer duration = schedule.duration();
    if (duration != null && duration < cycleSeconds) {
      result.add(cycle.plusSeconds(duration));
    }
  }

  /** The latest instant of {@code p} that does not repeat. */
  private static Instant lastFixedInstant(ChargingProfile p, Instant anchor) {
    Instant last = Instant.MIN;
    for (Instant t : new Instant[] {p.validFrom(), p.validTo()}) {
      if (t != null && t.isAfter(last)) {
        last = t;
      }
    }
    Instant start = scheduleStart(p, anchor);
    ChargingSchedule schedule = p.schedule();
    long tail =
        schedule.periods().isEmpty()
            ? 0
            : schedule.periods().get(schedule.periods().size() - 1).startPeriod();
    if (schedule.duration() != null) {
      tail = Math.max(tail, schedule.duration());
    }
    Instant end = p.kind() == ProfileKind.RECURRING ? start : start.plusSeconds(tail);
    return end.isAfter(last) ? end : last;
  }

  /** {@code to - from} in seconds, rounded up, without allocating a Duration. */
  private static long ceilSecondsBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    return to.getNano() > from.getNano() ? seconds + 1 : seconds;
  }

  /** The profiles and transactions of one composite, with the selection rules. */
  private final class Evaluation {
    private final List<ChargingProfile> relevant = new ArrayList<>();
    private final Map<Integer, ActiveTransaction> transactions;
    private final Instant fallbackAnchor;
    private final RateUnit unit;

    Evaluation(
        Collection<ChargingProfile> profiles,
        Map<Integer, ActiveTransaction> transactions,
        Instant fallbackAnchor,
        RateUnit unit) {
      this.transactions = transactions;
      this.fallbackAnchor = fallbackAnchor;
      this.unit = unit;
      for (ChargingProfile p : profiles) {
        if (p.purpose() != ProfilePurpose.TX || belongsToRunningTransaction(p)) {
          relevant.add(p);
        }
      }
      // Highest stack level first; ties (2.0.1 allows them with disjoint validity) by id.
      relevant.sort(
          Comparator.comparingInt(ChargingProfile::stackLevel)
              .reversed()
              .thenComparingInt(ChargingProfile::id));
    }

    private boolean belongsToRunningTransaction(ChargingProfile p) {
      ActiveTransaction tx = transactions.get(p.evseId());
      return tx != null && (p.transactionId() == null || p.transactionId().equals(tx.id()));
    }

    /** The winning period of a purpose on exactly {@code profileEvse}, for {@code evse}. */
    private @Nullable Limit winner(ProfilePurpose purpose, int profileEvse, int evse, Instant t) {
      Hit hit = winningHit(purpose, profileEvse, evse, t);
      return hit == null ? null : hit.limit();
    }

    private @Nullable Hit winningHit(ProfilePurpose purpose, int profileEvse, int evse, Instant t) {
      Instant anchor = evse == 0 ? fallbackAnchor : anchorFor(evse, transactions, fallbackAnchor);
      for (ChargingProfile p : relevant) {
        if (p.purpose() == purpose && p.evseId() == profileEvse) {
          SchedulePeriod period = periodAt(p, t, anchor);
          if (period != null) {
            return new Hit(p, period);
          }
        }
      }
      return null;
    }

    private @Nullable Hit base(int evse, Instant t) {
      ActiveTransaction tx = transactions.get(evse);
      if (tx != null && tx.priority()) {
        // 2.1 priority charging: the PriorityCharging profile instead of Tx and TxDefault.
        Hit priority = winningHit(ProfilePurpose.PRIORITY_CHARGING, evse, evse, t);
        if (priority == null) {
          priority = winningHit(ProfilePurpose.PRIORITY_CHARGING, 0, evse, t);
        }
        if (priority != null) {
          return priority;
        }
      }
      Hit hit = winningHit(ProfilePurpose.TX, evse, evse, t);
      if (hit == null) {
        hit = winningHit(ProfilePurpose.TX_DEFAULT, evse, evse, t);
      }
      if (hit == null) {
        hit = winningHit(ProfilePurpose.TX_DEFAULT, 0, evse, t);
      }
      return hit;
    }

    /**
     * The limit of one EVSE at {@code t}, in the output unit. A base period without a limit of its
     * own (2.1) still wins its place, for its mode and setpoint, but caps nothing: the lower stack
     * levels and TxDefaultProfiles it overrides do not come back, and the caps below (always the
     * hardware) give the limit.
     */
    Limit evse(int evse, Instant t, boolean capByStation) {
      Hit base = base(evse, t);
      Minimum min = new Minimum();
      if (base != null) {
        Limit own = base.limit();
        if (own != null) {
          min.offer(own);
        } else {
          // No limit of its own, but its numberPhases still says how many phases to use.
          min.offerPhases(base.period().phases());
        }
      }
      caps(evse, t, capByStation).forEach(min::offer);
      return min.result();
    }

    /** What caps an EVSE's base: its hardware, its and (if asked) the station's constraints. */
    private List<Limit> caps(int evse, Instant t, boolean capByStation) {
      List<Limit> caps = new ArrayList<>();
      caps.add(limits.hardwareLimit(evse));
      addIfPresent(
          caps, winner(ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, evse, evse, t));
      if (capByStation) {
        addIfPresent(caps, winner(ProfilePurpose.CHARGING_STATION_MAX, 0, evse, t));
        addIfPresent(
            caps, winner(ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, evse, t));
      }
      return caps;
    }

    /**
     * 2.1: the limit of one EVSE on each phase at {@code t}, where its base gives one per phase:
     * each phase the least of the base's value for it and every cap (a cap given for all phases
     * holds on each). Null otherwise, or when the composite runs on fewer than three phases.
     */
    @Nullable LimitPerPhase evsePerPhase(int evse, Instant t, boolean capByStation) {
      Hit base = base(evse, t);
      LimitPerPhase own = base == null ? null : base.limitPerPhase(unit, limits.nominalVoltage());
      if (own == null) {
        return null;
      }
      BigDecimal l1 = own.l1();
      BigDecimal l2 = own.l2();
      BigDecimal l3 = own.l3();
      for (Limit cap : caps(evse, t, capByStation)) {
        if (cap.numberPhases() < SchedulePeriod.DEFAULT_PHASES) {
          return null;
        }
        BigDecimal each =
            onePhase(
                cap.in(RateUnit.A, limits.nominalVoltage()),
                RateUnit.A,
                unit,
                limits.nominalVoltage());
        l1 = l1.min(each);
        l2 = l2.min(each);
        l3 = l3.min(each);
      }
      return new LimitPerPhase(l1, l2, l3);
    }

    /**
     * The smallest of the limits offered, in the output unit, with the fewest phases among them.
     */
    private final class Minimum {
      private @Nullable BigDecimal best;
      private int phases = SchedulePeriod.DEFAULT_PHASES;

      void offer(@Nullable Limit l) {
        if (l == null) {
          return;
        }
        BigDecimal v = l.in(unit, limits.nominalVoltage());
        if (best == null || v.compareTo(best) < 0) {
          best = v;
        }
        offerPhases(l.numberPhases());
      }

      void offerPhases(int numberPhases) {
        phases = Math.min(phases, numberPhases);
      }

      Limit result() {
        return new Limit(Objects.requireNonNull(best), unit, phases);
      }
    }

    /** The station total at {@code t}: the EVSE values summed, then capped by station limits. */
    Limit station(Instant t) {
      BigDecimal sum = BigDecimal.ZERO;
      int phases = SchedulePeriod.DEFAULT_PHASES;
      for (int e = 1; e <= limits.numberOfEvses(); e++) {
        Limit l = evse(e, t, false);
        sum = sum.add(l.value());
        phases = Math.min(phases, l.numberPhases());
      }
      List<Limit> candidates = new ArrayList<>();
      candidates.add(new Limit(sum, unit, phases));
      addIfPresent(candidates, winner(ProfilePurpose.CHARGING_STATION_MAX, 0, 0, t));
      addIfPresent(
          candidates, winner(ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS, 0, 0, t));
      return minimum(candidates);
    }

    /** The reactive setpoint of the period in force on {@code evse}, in the output unit. */
    @Nullable BigDecimal reactive(int evse, Instant t) {
      Hit base = base(evse, t);
      BigDecimal wanted = base == null ? null : base.setpointReactive();
      if (wanted == null || base.period().mode() == OperationMode.IDLE) {
        return null;
      }
      BigDecimal size = magnitude(base, wanted);
      return wanted.signum() < 0 ? size.negate() : size;
    }

    @Nullable BigDecimal minChargingRate(int evse, Instant t) {
      Hit base = base(evse, t);
      if (base == null) {
        return null;
      }
      BigDecimal rate = base.profile().schedule().minChargingRate();
      if (rate == null) {
        return null;
      }
      return new Limit(rate, base.profile().schedule().unit(), base.period().phases())
          .in(unit, limits.nominalVoltage());
    }

    private Limit minimum(List<Limit> candidates) {
      BigDecimal best = null;
      int phases = SchedulePeriod.DEFAULT_PHASES;
      for (Limit l : candidates) {
        BigDecimal v = l.in(unit, limits.nominalVoltage());
        if (best == null || v.compareTo(best) < 0) {
          best = v;
        }
        phases = Math.min(phases, l.numberPhases());
      }
      return new Limit(Objects.requireNonNull(best), unit, phases);
    }

    /** The size of {@code value}, given in {@code hit}'s unit and phases, in the output unit. */
    private BigDecimal magnitude(Hit hit, BigDecimal value) {
      return new Limit(value.abs(), hit.profile().schedule().unit(), hit.period().phases())
          .in(unit, limits.nominalVoltage());
    }

    private void addIfPresent(List<Limit> list, @Nullable Limit limit) {
      if (limit != null) {
        list.add(limit);
      }
    }
  }

  /** A profile and the period of it in force. */
  private record Hit(ChargingProfile profile, SchedulePeriod period) {
    /**
     * The period's limit as one output carries it: its lowest phase's where given per phase; null
     * where the period sets none of its own (2.1), so that it caps nothing.
     */
    @Nullable Limit limit() {
      RateUnit unit = profile.schedule().unit();
      BigDecimal own = period.limitOnAllPhases(unit);
      return own == null ? null : new Limit(own, unit, period.phases());
    }

    @Nullable BigDecimal dischargeLimit() {
      return period.dischargeLimitOnAllPhases(profile.schedule().unit());
    }

    @Nullable BigDecimal setpoint() {
      return period.setpointOnAllPhases(profile.schedule().unit());
    }

    @Nullable BigDecimal setpointReactive() {
      return period.setpointReactiveOnAllPhases(profile.schedule().unit());
    }

    /** Each phase's limit in {@code unit} for one phase, where the period gives them. */
    @Nullable LimitPerPhase limitPerPhase(RateUnit unit, BigDecimal nominalVoltage) {
      PhaseValues values = period.perPhase();
      BigDecimal l1 = period.limit();
      if (values == null || !values.limits() || l1 == null) {
        return null;
      }
      RateUnit own = profile.schedule().unit();
      return new LimitPerPhase(
          onePhase(l1, own, unit, nominalVoltage),
          onePhase(values.limitL2() == null ? l1 : values.limitL2(), own, unit, nominalVoltage),
          onePhase(values.limitL3() == null ? l1 : values.limitL3(), own, unit, nominalVoltage));
    }
  }

  /** One phase's value in {@code from}, in {@code to}. */
  private static BigDecimal onePhase(
      BigDecimal value, RateUnit from, RateUnit to, BigDecimal nominalVoltage) {
    return new Limit(value, from, 1).in(to, nominalVoltage);
  }
}
