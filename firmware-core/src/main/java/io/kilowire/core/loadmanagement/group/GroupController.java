package io.kilowire.core.loadmanagement.group;

import io.kilowire.core.loadmanagement.Allocation;
import io.kilowire.core.loadmanagement.AllocationMode;
import io.kilowire.core.loadmanagement.EvseDemand;
import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.LoadBalancer;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The site controller's side of the group. Pure: feed it reports and call {@link #tick} every
 * heartbeat; it returns the allocations to send. Not thread-safe.
 *
 * <p>It starts {@link Role#GATHERING}: it sends nothing until every member has reported or {@code
 * controllerSilentAfter} has passed (by then every allocation of an earlier term has lapsed). It
 * then takes a term above every term reported (and at least {@code epochFloor}) and leads.
 *
 * <p>Each tick it asks the {@link LoadBalancer} for a target per member, and sends:
 *
 * <ul>
 *   <li>min(target, held) at once, where held is the most the member may be applying or its EV
 *       drawing: the limit it confirmed, every allocation it has not yet confirmed, every
 *       allocation sent within the response window, and, for a member not (yet) following this term
 *       or silent, its safe share and its last reported limit. That never adds load;
 *   <li>more than held only out of the headroom {@code budget - sum(held)} per phase, so an amp
 *       freed by a decrease is handed out again only after the EVs' response window, and members
 *       not yet switched count at their current or safe-share value;
 *   <li>when the members it cannot reach (counted at their held value) and those not yet following
 *       (counted at what they may rise to by themselves) would overload the site, lower the
 *       allocations at once.
 * </ul>
 *
 * A report from a newer term deposes it: it never competes with a newer controller.
 */
public final class GroupController {
  /** Where the controller stands. */
  public enum Role {
    /** Learning the members' states and terms; sends nothing. */
    GATHERING,
    /** Allocating under its term. */
    LEADING,
    /** A member reported a newer term: this instance is stale and sends nothing. */
    DEPOSED
  }

  private static final double EPSILON = 1e-9;

  private final GroupConfig config;
  private final Instant start;
  private final long epochFloor;
  private final BiFunction<Instant, List<EvseDemand>, Map<String, Double>> targets;
  private final Map<String, View> views = new LinkedHashMap<>();
  private Role role = Role.GATHERING;
  private long epoch;
  private long seq;
  private long maxSeenEpoch;

  /**
   * @param epochFloor the lowest term to take (for example the start time in seconds, so a
   *     controller that restarts while no member can tell it the last term still goes upwards)
   */
  public GroupController(GroupConfig config, Instant start, long epochFloor) {
    this(config, start, epochFloor, balancer(config));
  }

  GroupController(
      GroupConfig config,
      Instant start,
      long epochFloor,
      BiFunction<Instant, List<EvseDemand>, Map<String, Double>> targets) {
    this.config = config;
    this.start = start;
    this.epochFloor = epochFloor;
    this.targets = targets;
    for (GroupMemberConfig m : config.members()) {
      views.put(m.id(), new View(m));
    }
  }

  public Role role() {
    return role;
  }

  /** The term while leading; 0 while gathering. */
  public long epoch() {
    return epoch;
  }

  /** A member's report (periodic, or the answer to an allocation) arrived at {@code now}. */
  public void onReport(Instant now, DemandReport report) {
    View v = views.get(report.memberId());
    if (v == null) {
      return;
    }
    maxSeenEpoch = Math.max(maxSeenEpoch, report.epoch());
    if (role == Role.LEADING && report.epoch() > epoch) {
      role = Role.DEPOSED;
      return;
    }
    Instant previous = v.reportAt;
    if (previous != null && now.isBefore(previous)) {
      return;
    }
    v.report = report;
    v.reportAt = now;
    if (report.active()) {
      if (v.activeSince == null) {
        v.activeSince = now;
      }
    } else {
      v.activeSince = null;
    }
  }

  /** The allocations to send now; empty while gathering or deposed. */
  public List<GroupAllocation> tick(Instant now) {
    if (role == Role.DEPOSED) {
      return List.of();
    }
    if (role == Role.GATHERING) {
      boolean all = views.values().stream().allMatch(v -> v.reportAt != null);
      if (!all && now.isBefore(start.plus(config.controllerSilentAfter()))) {
        return List.of();
      }
      epoch = Math.max(epochFloor, maxSeenEpoch + 1);
      role = Role.LEADING;
    }
    Map<String, Double> target = targets(now);
    Map<String, Double> held = new HashMap<>();
    PhaseCurrents heldSum = PhaseCurrents.ZERO;
    for (View v : views.values()) {
      double h = held(v, now);
      held.put(v.member.id(), h);
      heldSum = heldSum.plus(GroupConfig.load(v.member, h));
    }
    // 1. Decreases (and holds) always; more than the member's current limit only while everything
    // held fits the budget, up to its own held value plus what is left over.
    PhaseCurrents headroom = PhaseCurrents.all(config.budgetA()).minus(heldSum);
    Map<String, Double> grant = new LinkedHashMap<>();
    for (View v : views.values()) {
      if (!live(v, now)) {
        continue;
      }
      String id = v.member.id();
      double t = Math.min(target.getOrDefault(id, 0.0), v.member.maxA());
      double h = held.get(id);
      double g = Math.min(t, current(v, now));
      double room = Double.POSITIVE_INFINITY;
      for (Phase p : v.member.wiring()) {
        room = Math.min(room, headroom.get(p));
      }
      if (t > g + EPSILON && room >= -EPSILON) {
        double raised = Math.min(t, h + Math.max(0, room));
        if (raised > g) {
          g = raised;
          if (g > h) {
            headroom = headroom.minus(GroupConfig.load(v.member, g - h));
          }
        }
      }
      grant.put(id, Math.max(0, g));
    }
    // 2. If every grant arrives, the reachable members apply their grants (one not yet following
    // this term at least what it may rise to by itself) and the unreachable ones stay at their
    // held value: lower grants at once, largest first, while that overloads the site.
    Map<String, Double> base = new HashMap<>();
    PhaseCurrents planned = PhaseCurrents.ZERO;
    for (View v : views.values()) {
      String id = v.member.id();
      Double g = grant.get(id);
      double b = g == null ? held.get(id) : confirmed(v, now) ? 0 : ownLevel(v, now);
      base.put(id, b);
      planned = planned.plus(GroupConfig.load(v.member, g == null ? b : Math.max(g, b)));
    }
    shed(planned, grant, base);
    List<GroupAllocation> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : grant.entrySet()) {
      View v = views.get(e.getKey());
      double limit = Math.max(0, e.getValue());
      seq++;
      v.sent.add(new Sent(seq, now, limit));
      out.add(
          new GroupAllocation(
              config.controllerId(), epoch, seq, e.getKey(), limit, config.lease()));
    }
    prune(now);
    return out;
  }

  /** The most a member may be applying now or its EV drawing, as the controller must assume. */
  public double heldA(String memberId, Instant now) {
    View v = views.get(memberId);
    if (v == null) {
      throw new IllegalArgumentException("no member " + memberId);
    }
    return held(v, now);
  }

  private double held(View v, Instant now) {
    DemandReport r = v.report;
    if (!confirmed(v, now) || r == null) {
      return unconfirmedHeld(v, now);
    }
    // A follower applies the limit it confirmed or one sent after it; its EV may still draw
    // anything it was given within the response window (the member reports the highest limit it
    // applied within that window, which covers what it held before it switched to this term).
    double h = Math.max(r.appliedA(), r.recentA());
    Instant window = now.minus(config.responseWindow());
    for (Sent s : v.sent) {
      if (s.seq >= r.seq() || s.at.isAfter(window)) {
        h = Math.max(h, s.limitA);
      }
    }
    return h;
  }

  /**
   * A member that does not (yet) follow this term, or is silent, may be at any allocation sent
   * within a lease plus the response window, at its last reported limit (possibly from an earlier
   * term), or at its safe share.
   */
  private double unconfirmedHeld(View v, Instant now) {
    Instant stale = now.minus(config.lease().plus(config.responseWindow()));
    double h = ownLevel(v, now);
    DemandReport r = v.report;
    Instant rAt = v.reportAt;
    if (r != null && rAt != null && rAt.isAfter(stale)) {
      h = Math.max(h, r.recentA());
    }
    for (Sent s : v.sent) {
      if (s.at.isAfter(stale)) {
        h = Math.max(h, s.limitA);
      }
    }
    return h;
  }

  /** The limit the member applies now as far as the controller knows. */
  private double current(View v, Instant now) {
    DemandReport r = v.report;
    double reported = r == null ? 0 : r.appliedA();
    if (confirmed(v, now) && !v.sent.isEmpty()) {
      return v.sent.get(v.sent.size() - 1).limitA;
    }
    return reported;
  }

  private boolean live(View v, Instant now) {
    Instant at = v.reportAt;
    return at != null && now.isBefore(at.plus(config.memberSilentAfter()));
  }

  private boolean confirmed(View v, Instant now) {
    DemandReport r = v.report;
    return live(v, now)
        && r != null
        && role == Role.LEADING
        && r.epoch() == epoch
        && r.state() == MemberState.FOLLOWING;
  }

  /** Lowers grants, largest first, until {@code planned} fits the budget on every phase. */
  private void shed(PhaseCurrents planned, Map<String, Double> grant, Map<String, Double> base) {
    PhaseCurrents excess = planned.minus(PhaseCurrents.all(config.budgetA()));
    if (excess.max() <= EPSILON) {
      return;
    }
    List<String> order = new ArrayList<>(grant.keySet());
    order.sort((a, b) -> Double.compare(grant.get(b), grant.get(a)));
    for (String id : order) {
      GroupMemberConfig m = views.get(id).member;
      double need = 0;
      for (Phase p : m.wiring()) {
        need = Math.max(need, excess.get(p));
      }
      if (need <= EPSILON) {
        continue;
      }
      double g = grant.get(id);
      double lowered = Math.max(0, g - need);
      double b = base.get(id);
      grant.put(id, lowered);
      excess = excess.minus(GroupConfig.load(m, Math.max(g, b) - Math.max(lowered, b)));
    }
  }

  /**
   * What a member not following this term may go to by itself: its safe share, or the limit it last
   * reported (an earlier term's allocation until that lapses).
   */
  private double ownLevel(View v, Instant now) {
    DemandReport r = v.report;
    Instant rAt = v.reportAt;
    double h = v.member.safeShareA();
    Instant stale = now.minus(config.lease().plus(config.responseWindow()));
    if (r != null && rAt != null && rAt.isAfter(stale)) {
      h = Math.max(h, r.appliedA());
    }
    return h;
  }

  private Map<String, Double> targets(Instant now) {
    List<EvseDemand> demands = new ArrayList<>();
    for (View v : views.values()) {
      DemandReport r = v.report;
      if (r != null && r.active() && live(v, now)) {
        int phases = v.member.wiring().size();
        double evMax = Math.min(r.evMaxA(), v.member.maxA());
        // An EV that takes all it is offered is not tapering: the member may be held below the
        // balancer's limit by the takeover rule, so its draw says nothing about the EV's wish.
        double drawA = r.drawA() >= r.appliedA() - 1 ? evMax : r.drawA();
        PhaseCurrents draw =
            phases == 1 ? new PhaseCurrents(drawA, 0, 0) : PhaseCurrents.all(drawA);
        demands.add(
            new EvseDemand(v.member.id(), true, v.activeSince, phases, evMax, draw, 0, null, null));
      } else {
        demands.add(EvseDemand.idle(v.member.id()));
      }
    }
    return targets.apply(now, demands);
  }

  private void prune(Instant now) {
    Duration keep = config.lease().plus(config.responseWindow());
    for (View v : views.values()) {
      v.sent.removeIf(s -> !s.at.isAfter(now.minus(keep)));
    }
  }

  static BiFunction<Instant, List<EvseDemand>, Map<String, Double>> balancer(GroupConfig config) {
    List<EvseSlot> slots = new ArrayList<>();
    for (GroupMemberConfig m : config.members()) {
      slots.add(new EvseSlot(m.id(), null, m.wiring(), m.maxA(), m.maxA(), 0));
    }
    // The balancer sees the group's budget as its grid limit (the margin is already taken off)
    // and does not ramp: when a rise may be given is the group's takeover rule.
    SiteConfig site =
        SiteConfig.builder(config.budgetA())
            .mode(AllocationMode.STATIC)
            .staticBudgetA(config.budgetA())
            .evses(slots)
            .ramp(Duration.ZERO, config.siteLimitA())
            .build();
    LoadBalancer lb = new LoadBalancer(site);
    return (now, demands) -> {
      Allocation a = lb.step(now, null, demands);
      return a.limitsA();
    };
  }

  private static final class View {
    final GroupMemberConfig member;
    @Nullable DemandReport report;
    @Nullable Instant reportAt;
    @Nullable Instant activeSince;

    /** What it was held at while it last did not follow this term. */
    double unconfirmedA;

    /** Since when it follows this term, as seen at the ticks; null = it does not. */
    @Nullable Instant confirmedSince;

    final List<Sent> sent = new ArrayList<>();

    View(GroupMemberConfig member) {
      this.member = member;
    }
  }

  private record Sent(long seq, Instant at, double limitA) {}
}
