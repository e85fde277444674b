package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.core.metering.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Shares a site's budget among its EVSEs. Pure and deterministic: the caller passes {@code now},
 * the latest site-meter reading and every EVSE's demand; the balancer keeps only what it needs
 * between steps (last limits for ramping, rotation turns, the demand window). Not thread-safe.
 *
 * <p>One step, in order (see {@code docs/LOADMANAGEMENT.md}):
 *
 * <ol>
 *   <li>the hard budget per grid phase: fuse (80 % with the continuous-load rule) minus margin
 *       minus the measured non-EV load (DYNAMIC, fresh meter), the static budget (STATIC) or the
 *       safe budget (DYNAMIC, meter stale or silent); plus the total-kW contract, every circuit of
 *       the tree and an active demand-response request;
 *   <li>the soft demand cap (rolling average over the demand window), which never pauses an EV;
 *   <li>each EVSE's cap: slot (hardware, cable), the EV's own maximum, and its observed draw when
 *       it takes well below its limit (tapering, full battery), so that the rest is redistributed;
 *   <li>who runs: every active EV at the minimum current if all fit; otherwise greedily by priority
 *       class, then the running sessions (a newcomer waits instead of pushing them below their
 *       minimum), then earliest deadline, then the longest waiting. A running EV whose turn lasted
 *       {@link SiteConfig#rotationPeriod()} while an EV of its class waits goes to the back;
 *   <li>above the minimum, class by class: first the rate each deadline needs (earliest deadline
 *       first), then fair water-filling up to each cap within every constraint;
 *   <li>decreases apply at once; increases rise by at most {@link SiteConfig#rampStepA()} per
 *       {@link SiteConfig#rampInterval()} (a start from 0 goes straight to the minimum).
 * </ol>
 */
public final class LoadBalancer {
  /** Limits are cut to tenths of an amp (floor), well below the pilot's own resolution. */
  private static final double STEPS_PER_A = 10;

  private static final double EPS = 1e-9;

  /** An EV drawing this much below its limit has left capacity unused. */
  static final double TAPER_GAP_A = 3;

  /** A tapering EV keeps this much above its draw, to show that it wants more. */
  static final double TAPER_HEADROOM_A = 2;

  /** The shortest time a limit must hold before the EV's draw is judged against it. */
  static final Duration TAPER_SETTLE = Duration.ofSeconds(10);

  /** An EV that has not drawn at all for this long since it got current is judged as tapering. */
  static final Duration NEVER_DREW_GRACE = Duration.ofMinutes(2);

  /** The demand cap plans this fraction of the demand window ahead. */
  static final int DEMAND_HORIZON_DIVISOR = 3;

  private final SiteConfig site;
  private final Map<String, EvseSlot> slots = new LinkedHashMap<>();
  private final Map<String, List<String>> circuitsOf = new HashMap<>();
  private final Map<String, SessionTrack> tracks = new HashMap<>();
  private final DemandWindow demandWindow;
  private @Nullable DemandResponse demandResponse;
  private @Nullable Allocation last;
  private @Nullable Instant buildingAt;
  private @Nullable PhaseCurrents buildingOfReading;
  private final ReadingAge gridAge = new ReadingAge();
  private final ReadingAge pvAge = new ReadingAge();
  private final ReadingAge batteryAge = new ReadingAge();

  /**
   * @throws IllegalArgumentException when the site is inconsistent (unknown circuit, cycle, EVSE
   *     ids repeated, budget above the limit ...), with a message naming the field
   */
  public LoadBalancer(SiteConfig site) {
    this.site = site;
    this.demandWindow = new DemandWindow(site.demandWindow());
    circuitsOf.putAll(SiteValidation.check(site));
    for (EvseSlot e : site.evses()) {
      slots.put(e.id(), e);
    }
  }

  public SiteConfig site() {
    return site;
  }

  /** The last step's outcome; null before the first step. */
  public @Nullable Allocation last() {
    return last;
  }

  /** Sets (or, with null, ends) a demand-response request; applies from the next step. */
  public void demandResponse(@Nullable DemandResponse request) {
    this.demandResponse = request;
  }

  public @Nullable DemandResponse demandResponse() {
    return demandResponse;
  }

  /**
   * One decision.
   *
   * @param now the step's instant
   * @param meter the latest site-meter reading, any age (older than {@link
   *     SiteConfig#meterStaleAfter()} counts as none); null = no reading yet. Ignored in STATIC
   *     mode.
   * @param demands one per EVSE of the site; EVSEs not listed count as idle
   * @throws IllegalArgumentException for a demand naming an unknown EVSE, or two for one EVSE
   */
  public Allocation step(Instant now, @Nullable SiteReading meter, List<EvseDemand> demands) {
    return step(now, meter, demands, List.of());
  }

  /**
   * One decision, with {@code shared} limits binding the EVSEs for this step on top of the site's
   * own (a station's maximum, an external constraint on a whole station): amps per phase through
   * each EVSE's wiring, watts over the phases each EV draws on. They are hard limits, shared like
   * the grid's budget.
   */
  public Allocation step(
      Instant now,
      @Nullable SiteReading meter,
      List<EvseDemand> demands,
      List<SharedLimit> shared) {
    return stepOn(now, SiteReadings.grid(meter), demands, shared);
  }

  /**
   * One decision on a site with PV or a battery: {@code readings} are the newest of the grid, PV
   * and battery meters, any age. A PV or battery reading older than {@link
   * io.kilowire.core.loadmanagement.energy.SolarRules#readingStaleAfter()} counts as zero
   * production and zero discharge.
   */
  public Allocation stepOn(Instant now, SiteReadings readings, List<EvseDemand> demands) {
    return stepOn(now, readings, demands, List.of());
  }

  /** As {@link #stepOn(Instant, SiteReadings, List)}, with {@code shared} limits on top. */
  public Allocation stepOn(
      Instant now, SiteReadings readings, List<EvseDemand> demands, List<SharedLimit> shared) {
    Map<String, EvseDemand> byId = new HashMap<>();
    for (EvseDemand d : demands) {
      if (!slots.containsKey(d.evseId())) {
        throw new IllegalArgumentException("demand for unknown evse " + d.evseId());
      }
      if (byId.put(d.evseId(), d) != null) {
        throw new IllegalArgumentException("two demands for evse " + d.evseId());
      }
    }
    Set<Instant> wakeUps = new TreeSet<>();
    SiteEnergy energySite = site.energy();
    Allocation previous = last;
    EnergyView energy =
        EnergyView.at(
            now,
            readings,
            energySite,
            pvAge,
            batteryAge,
            previous == null ? 0 : previous.batteryW(),
            wakeUps);
    Budget budget = budget(now, readings.grid(), energy, byId, wakeUps);
    double v = site.nominalVoltageV();
    // the sun's surplus over the building, all phases (W / V); none while the grid meter is stale
    double surplusA = budget.fresh() ? energy.pvTrustedW() / v - budget.gross().total() : 0;
    // at the export limit the inverter holds back what nobody takes: offer a little more
    ExportLimit export =
        budget.fresh() ? ExportLimit.of(energySite, readings.grid(), energy, v) : ExportLimit.NONE;
    Set<String> waiting = new TreeSet<>();
    List<ActiveEv> evs = activeEvs(now, byId);
    // a cost EV outside its cheap hours still takes the sun's surplus, as a solar-only EV
    boolean costOnSun = energySite.usesCost() && energySite.pv() != null;
    boolean sun = energySite.usesSolar() || costOnSun;
    if (energySite.usesCost()) {
      evs = CostGate.admit(now, evs, site, costOnSun, waiting, wakeUps);
    }
    if (sun) {
      evs = SolarGate.admit(now, evs, surplusA, export.clearSkyRoomW() / v, site, waiting, wakeUps);
    }
    List<Constraint> hard = hardConstraints(now, budget, wakeUps);
    addShared(hard, shared);
    List<Constraint> all = new ArrayList<>(hard);
    Double cap = site.demandCapKw();
    double demandExcessA = 0;
    if (cap != null) {
      Duration horizon = site.demandWindow().dividedBy(DEMAND_HORIZON_DIVISOR);
      double allowedSiteKw = demandWindow.allowanceKw(now, cap, horizon);
      double allowedA = allowedSiteKw * 1000 / site.nominalVoltageV();
      demandExcessA = Math.max(0, budget.total() - allowedA);
      double evAmps = Math.max(0, allowedA - budget.total());
      all.add(new Constraint("demand cap", evAmps, ActiveEv::phaseCount));
      if (!evs.isEmpty()) {
        Duration every = horizon.dividedBy(5);
        wakeUps.add(now.plus(every.isZero() ? horizon : every));
      }
    }
    List<ActiveEv> running = chooseRunning(now, evs, hard, waiting, wakeUps);
    List<Constraint> withSun = new ArrayList<>(all);
    if (sun) {
      withSun.add(
          SolarGate.surplusConstraint(running, surplusA + export.probeW() / v, site.minCurrentA()));
    }
    for (Constraint c : withSun.subList(hard.size(), withSun.size())) {
      for (ActiveEv ev : running) {
        c.used += c.coef(ev) * ev.alloc;
      }
    }
    raiseAboveMinimum(now, running, all, withSun);

    // 6. ramp, record
    Map<String, Double> limits = new LinkedHashMap<>();
    for (EvseSlot slot : slots.values()) {
      limits.put(slot.id(), 0.0);
    }
    PhaseCurrents commanded = PhaseCurrents.ZERO;
    Map<String, Integer> phases = new LinkedHashMap<>();
    for (ActiveEv ev : evs) {
      double limit = ramp(ev.track, quantize(ev.alloc), now, wakeUps);
      limits.put(ev.slot.id(), limit);
      commanded = commanded.plus(ev.onGrid(limit));
      if (energySite.phaseSwitching(ev.slot.id())) {
        phases.put(ev.slot.id(), ev.phaseCount());
      }
    }
    double batteryW =
        BatteryDispatch.setpointW(
            energySite.battery(),
            energy,
            budget.fresh(),
            budget.gross().total() * v,
            (commanded.l1() + commanded.l2() + commanded.l3()) * v,
            (gridShortA(running, budget) + demandExcessA) * v,
            BatteryDispatch.roomA(all) * v,
            export.probeW());
    for (Map.Entry<String, SessionTrack> e : tracks.entrySet()) {
      if (limits.get(e.getKey()) == 0.0 && e.getValue().lastLimit != 0) {
        e.getValue().lastLimit = 0;
        e.getValue().lastChangeAt = now;
      }
    }
    if (cap != null) {
      double evTotal = commanded.l1() + commanded.l2() + commanded.l3();
      demandWindow.record(now, (budget.total() + evTotal) * site.nominalVoltageV() / 1000);
    }
    Instant next = null;
    for (Instant w : wakeUps) {
      if (w.isAfter(now)) {
        next = w;
        break;
      }
    }
    Allocation a =
        new Allocation(
            now,
            limits,
            budget.available(),
            commanded,
            budget.building(),
            budget.source(),
            waiting,
            next,
            phases,
            batteryW,
            surplusA * v);
    last = a;
    return a;
  }

  /**
   * A step's budget per grid phase, the non-EV load it assumed (net of the production and discharge
   * it may count on), the building alone ({@code gross}: no EV, PV or battery), where it came from
   * and whether the grid meter was fresh.
   */
  private record Budget(
      PhaseCurrents available,
      PhaseCurrents building,
      PhaseCurrents gross,
      BudgetSource source,
      boolean fresh) {
    /** The non-EV load over all phases. */
    double total() {
      return building.l1() + building.l2() + building.l3();
    }
  }

  /**
   * 1. The hard budget per grid phase, with the non-EV load that the kW contract and the demand cap
   * count: the measured one (fresh meter), the last measured one (stale or silent meter; none
   * before the first reading) or none in STATIC mode, where nothing is measured and the static
   * budget is the operator's statement of what the building leaves, so the kW contract and the
   * demand cap then limit the EVs alone.
   */
  private Budget budget(
      Instant now,
      @Nullable SiteReading meter,
      EnergyView energy,
      Map<String, EvseDemand> byId,
      Set<Instant> wakeUps) {
    double headroom = site.headroomA();
    if (site.mode() == AllocationMode.STATIC) {
      return new Budget(
          PhaseCurrents.all(Math.max(0, Math.min(site.staticBudgetA(), headroom))),
          PhaseCurrents.ZERO,
          PhaseCurrents.ZERO,
          BudgetSource.STATIC,
          false);
    }
    if (meter != null) {
      Instant staleAt = gridAge.staleAt(now, meter.at(), site.meterStaleAfter());
      if (now.isBefore(staleAt)) {
        PhaseCurrents gross = nonEvLoad(meter, energy, byId);
        // production and discharge count only while their own readings are fresh: what the net
        // reading hides of a stale one is load again
        PhaseCurrents building =
            gross
                .minus(PhaseCurrents.all(energy.trustedCreditA(site.nominalVoltageV())))
                .nonNegative();
        wakeUps.add(staleAt);
        return new Budget(
            PhaseCurrents.all(headroom).minus(building).nonNegative(),
            building,
            gross,
            BudgetSource.METER,
            true);
      }
    }
    Double fb = site.meterFallbackBudgetA();
    double safe = Math.min(fb == null ? site.staticBudgetA() : fb, headroom);
    PhaseCurrents lastBuilding = buildingOfReading;
    if (lastBuilding == null) {
      return new Budget(
          PhaseCurrents.all(Math.max(0, safe)),
          PhaseCurrents.ZERO,
          PhaseCurrents.ZERO,
          BudgetSource.METER_FALLBACK,
          false);
    }
    // Never more than the last measurement left free: the building does not vanish with the
    // meter, and neither the sun nor the battery is counted on meanwhile. It stays the assumed
    // non-EV load too, so the kW contract and the demand cap still count it.
    safe = Math.min(safe, headroom - lastBuilding.max());
    return new Budget(
        PhaseCurrents.all(Math.max(0, safe)),
        lastBuilding,
        lastBuilding,
        BudgetSource.METER_FALLBACK,
        false);
  }

  /**
   * What the grid EVs wanted beyond their allocation, and what the non-EV load alone is above the
   * fuse (on its highest phase, for all three) and the kW contract, in amps × phases: a battery
   * discharges to cover it. Solar EVs never draw on the battery; a cost EV does while it charges
   * (in its cheap hours, or urgent), as a grid EV.
   */
  private double gridShortA(List<ActiveEv> running, Budget budget) {
    double shortA = 0;
    for (ActiveEv ev : running) {
      if (!ev.mode.solar() && ev.cap > ev.alloc) {
        shortA += (ev.cap - ev.alloc) * ev.phaseCount();
      }
    }
    shortA += Math.max(0, budget.building().max() - site.headroomA()) * 3;
    Double kw = site.gridLimitKw();
    if (kw != null) {
      shortA += Math.max(0, budget.total() - kw * 1000 / site.nominalVoltageV());
    }
    return shortA;
  }

  /** The EVs that want energy with their caps (3.); tracks of ended sessions are forgotten. */
  private List<ActiveEv> activeEvs(Instant now, Map<String, EvseDemand> byId) {
    List<ActiveEv> evs = new ArrayList<>();
    for (EvseSlot slot : slots.values()) {
      EvseDemand d = byId.getOrDefault(slot.id(), EvseDemand.idle(slot.id()));
      SessionTrack t = tracks.get(slot.id());
      if (!d.active()) {
        tracks.remove(slot.id());
        continue;
      }
      if (t == null || !Objects.equals(t.sessionStart, d.sessionStart())) {
        t = new SessionTrack(d.sessionStart(), now);
        tracks.put(slot.id(), t);
      }
      String circuit = slot.circuit();
      ActiveEv ev =
          new ActiveEv(
              slot,
              d,
              t,
              circuit == null ? List.of() : circuitsOf.getOrDefault(circuit, List.of()));
      ev.mode = site.energy().modeOf(slot.id());
      ev.cap = Math.min(slot.maxA(), d.evMaxA());
      taper(ev, now);
      if (ev.cap + EPS < site.minCurrentA()) {
        t.running = false;
        continue;
      }
      evs.add(ev);
    }
    return evs;
  }

  /** Grid phases, every circuit, the kW contract and an active demand response. */
  private List<Constraint> hardConstraints(Instant now, Budget budget, Set<Instant> wakeUps) {
    double v = site.nominalVoltageV();
    List<Constraint> hard = new ArrayList<>();
    for (Phase p : Phase.values()) {
      hard.add(new Constraint("grid " + p, budget.available().get(p), ev -> ev.count(p)));
    }
    double circuitFactor = site.continuousLoadRule() ? 0.8 : 1.0;
    for (Circuit c : site.circuits()) {
      for (Phase p : Phase.values()) {
        hard.add(
            new Constraint(
                "circuit " + c.id() + " " + p,
                c.limitA() * circuitFactor,
                ev -> ev.under(c.id()) ? ev.count(p) : 0));
      }
    }
    Double kw = site.gridLimitKw();
    if (kw != null) {
      hard.add(
          new Constraint(
              "grid kW", Math.max(0, kw * 1000 / v - budget.total()), ActiveEv::phaseCount));
    }
    DemandResponse dr = demandResponse;
    if (dr != null && now.isBefore(dr.until())) {
      hard.add(new Constraint("demand response", dr.limitKw() * 1000 / v, ActiveEv::phaseCount));
      wakeUps.add(dr.until());
    }
    return hard;
  }

  private void addShared(List<Constraint> hard, List<SharedLimit> shared) {
    for (SharedLimit limit : shared) {
      if (limit.unit() == SharedLimit.Unit.WATTS) {
        hard.add(
            new Constraint(
                limit.name(), limit.value() / site.nominalVoltageV(), ActiveEv::phaseCount));
      } else {
        for (Phase p : Phase.values()) {
          hard.add(new Constraint(limit.name() + " " + p, limit.value(), ev -> ev.count(p)));
        }
      }
    }
  }

  /**
   * 4. Who runs, each at the minimum current: greedily in the order priority class, running turns
   * (admission control), earliest deadline, longest wait; the rest wait. Updates the turns.
   */
  private List<ActiveEv> chooseRunning(
      Instant now,
      List<ActiveEv> evs,
      List<Constraint> hard,
      Set<String> waiting,
      Set<Instant> wakeUps) {
    Set<Integer> waitingClasses = new HashSet<>();
    for (ActiveEv ev : evs) {
      if (!ev.track.running) {
        waitingClasses.add(ev.priority());
      }
    }
    for (ActiveEv ev : evs) {
      SessionTrack t = ev.track;
      ev.protectedTurn =
          t.running
              && !(waitingClasses.contains(ev.priority())
                  && !now.isBefore(t.turnStart.plus(site.rotationPeriod())));
      ev.lastServed = t.running ? (ev.protectedTurn ? t.turnStart : now) : t.waitingSince;
    }
    // running turns keep their place (when one must go: the longest run goes first); the others
    // by the longest wait, and among turns that ended, the longest run yields first
    evs.sort(
        Comparator.comparingInt((ActiveEv e) -> -e.priority())
            .thenComparing(e -> !e.protectedTurn)
            .thenComparing(ActiveEv::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(e -> e.protectedTurn ? Instant.EPOCH : e.lastServed)
            .thenComparing(
                e -> e.track.running ? e.track.runningSince : Instant.MAX,
                Comparator.reverseOrder())
            .thenComparing(ActiveEv::sessionKey)
            .thenComparing(e -> e.slot.id()));
    List<ActiveEv> running = new ArrayList<>();
    for (ActiveEv ev : evs) {
      if (Constraint.fits(hard, ev, site.minCurrentA())) {
        for (Constraint c : hard) {
          c.used += c.coef(ev) * site.minCurrentA();
        }
        ev.alloc = site.minCurrentA();
        running.add(ev);
      } else {
        waiting.add(ev.slot.id());
      }
    }
    for (ActiveEv ev : evs) {
      SessionTrack t = ev.track;
      boolean runs = running.contains(ev);
      if (runs && !t.running) {
        t.runningSince = now;
      }
      if (runs && (!t.running || !ev.protectedTurn)) {
        t.turnStart = now;
      }
      if (!runs && t.running) {
        t.waitingSince = now;
      }
      t.running = runs;
    }
    if (!waiting.isEmpty()) {
      for (ActiveEv ev : running) {
        wakeUps.add(ev.track.turnStart.plus(site.rotationPeriod()));
      }
    }
    return running;
  }

  /** 5. Class by class: the rate each deadline needs (EDF), then fair water-filling. */
  private void raiseAboveMinimum(
      Instant now, List<ActiveEv> running, List<Constraint> all, List<Constraint> withSun) {
    List<Integer> classes =
        running.stream()
            .map(ActiveEv::priority)
            .distinct()
            .sorted(Comparator.reverseOrder())
            .toList();
    for (int cls : classes) {
      List<ActiveEv> members = running.stream().filter(e -> e.priority() == cls).toList();
      // a solar EV's departure draws on the grid only once the sun alone would miss it
      List<ActiveEv> byDeadline =
          members.stream()
              .filter(e -> e.deadline() != null && (!e.mode.solar() || e.track.urgent))
              .sorted(Comparator.comparing(e -> e.deadline()))
              .toList();
      for (ActiveEv ev : byDeadline) {
        double needed = Math.min(ev.cap, ev.neededA(now, site.nominalVoltageV()));
        if (needed > ev.alloc) {
          Constraint.fill(List.of(ev), all, Map.of(ev, needed));
        }
      }
      Map<ActiveEv, Double> caps = new HashMap<>();
      for (ActiveEv ev : members) {
        caps.put(ev, ev.cap);
      }
      Constraint.fill(members, withSun, caps);
    }
  }

  /**
   * The building's load of a reading: the meter's current per phase minus the EVs' draw mapped onto
   * grid phases, plus what the PV and the battery supplied (their newest readings, any age). Worked
   * out once per reading, at the first step that sees it (its draws are the ones closest to the
   * measurement); a reading seen again keeps that figure, so EV draws that changed since are never
   * subtracted from an old measurement.
   */
  private PhaseCurrents nonEvLoad(
      SiteReading meter, EnergyView energy, Map<String, EvseDemand> byId) {
    PhaseCurrents known = buildingOfReading;
    if (known != null && meter.at().equals(buildingAt)) {
      return known;
    }
    PhaseCurrents evDraw = PhaseCurrents.ZERO;
    for (EvseDemand d : byId.values()) {
      if (d.active()) {
        evDraw = evDraw.plus(onGrid(slots.get(d.evseId()), d.drawA()));
      }
    }
    PhaseCurrents measured =
        new PhaseCurrents(meter.currentA().l1(), meter.currentA().l2(), meter.currentA().l3());
    // the building alone: what the PV and the battery supply in the net reading added back
    PhaseCurrents b =
        measured
            .minus(evDraw)
            .plus(PhaseCurrents.all(energy.inNetA(site.nominalVoltageV())))
            .nonNegative();
    buildingAt = meter.at();
    buildingOfReading = b;
    return b;
  }

  // ---- caps, taper, ramp

  private void taper(ActiveEv ev, Instant now) {
    SessionTrack t = ev.track;
    double draw = ev.drawMax();
    if (draw >= site.minCurrentA() / 2) {
      t.drew = true;
    }
    if (t.lastLimit >= site.minCurrentA()) {
      boolean settled =
          t.drew
              ? !now.isBefore(t.lastChangeAt.plus(settle()))
              : !now.isBefore(t.runningSince.plus(NEVER_DREW_GRACE));
      if (t.tapered && draw >= t.lastLimit - 1) {
        t.tapered = false;
      } else if (!t.tapered && settled && draw + TAPER_GAP_A < t.lastLimit) {
        t.tapered = true;
      }
    } else {
      t.tapered = false;
    }
    if (t.tapered) {
      ev.cap = Math.min(ev.cap, Math.max(site.minCurrentA(), draw + TAPER_HEADROOM_A));
    }
  }

  private Duration settle() {
    return site.rampInterval().compareTo(TAPER_SETTLE) > 0 ? site.rampInterval() : TAPER_SETTLE;
  }

  private double quantize(double amps) {
    if (amps + EPS < site.minCurrentA()) {
      return 0;
    }
    // Divided, not multiplied by 0.1: 66 x 0.1 is 6.6000000000000005, above the 6.6 meant.
    double q = Math.floor(amps * STEPS_PER_A + 1e-6) / STEPS_PER_A;
    return Math.max(q, site.minCurrentA());
  }

  private double ramp(SessionTrack t, double target, Instant now, Set<Instant> wakeUps) {
    double last = t.lastLimit;
    double limit;
    if (target <= last) {
      limit = target;
    } else if (last < site.minCurrentA()) {
      limit = Math.min(target, Math.max(site.minCurrentA(), last + site.rampStepA()));
      t.lastRaiseAt = now;
    } else if (t.lastRaiseAt == null || !now.isBefore(t.lastRaiseAt.plus(site.rampInterval()))) {
      limit = Math.min(target, last + site.rampStepA());
      t.lastRaiseAt = now;
    } else {
      limit = last;
    }
    if (limit < target) {
      Instant raise = t.lastRaiseAt == null ? now : t.lastRaiseAt.plus(site.rampInterval());
      wakeUps.add(raise.isAfter(now) ? raise : now.plus(site.rampInterval()));
    }
    if (limit != last) {
      t.lastChangeAt = now;
    }
    t.lastLimit = limit;
    return limit;
  }

  /** The grid phases an EVSE's per-EVSE-phase currents land on. */
  static PhaseCurrents onGrid(EvseSlot slot, PhaseCurrents evsePhases) {
    PhaseCurrents out = PhaseCurrents.ZERO;
    List<Phase> wiring = slot.wiring();
    double[] values = {evsePhases.l1(), evsePhases.l2(), evsePhases.l3()};
    for (int i = 0; i < wiring.size(); i++) {
      Phase p = wiring.get(i);
      out = out.with(p, out.get(p) + values[i]);
    }
    return out;
  }
}
