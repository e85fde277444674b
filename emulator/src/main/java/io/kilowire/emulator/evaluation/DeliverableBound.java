package io.kilowire.emulator.evaluation;

import io.kilowire.core.loadmanagement.EvseSlot;
import io.kilowire.core.loadmanagement.Phase;
import io.kilowire.core.loadmanagement.PhaseCurrents;
import io.kilowire.core.loadmanagement.SiteConfig;
import io.kilowire.core.loadmanagement.energy.Battery;
import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.station.EvModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An upper bound on the energy that was physically deliverable, worked out without the balancer:
 * the maximum flow of a network in which, per minute, the EVs present share the grid headroom.
 *
 * <ul>
 *   <li>An EV gets at most the energy it wanted, and by any minute at most what it would have got
 *       charging alone at what it accepts (its maximum, the EVSE's rating, its taper) since it
 *       came: a chain of nodes per EV caps the cumulative energy (charging as fast as it can is the
 *       fastest way up the state of charge, so no schedule gets it more by then).
 *   <li>Per minute, the EVs drawing on a set of grid phases S take at most |S| × the smallest
 *       headroom of S (headroom = fuse − margin − building load, per phase), and all EVs together
 *       at most the sum of the phases' headroom, the kW contract and a demand-response limit.
 * </ul>
 *
 * <p>On a site with PV and a battery: the PV's production (its clear-sky profile dimmed by the
 * file's clouds, on all three phases evenly) adds to each phase's headroom and to the kW contract;
 * the battery adds up to its discharge power per minute, in all at most what it holds above its
 * reserve at the start plus everything the PV produces (after the round-trip loss).
 *
 * <p>Everything else is relaxed (no minimum current, instant response, circuits ignored, a
 * three-phase EV may share a phase's headroom with single-phase EVs only through the totals), so
 * any real schedule, the balancer's included, delivers at most this.
 */
public final class DeliverableBound {
  /** The bound's time step. */
  public static final Duration STEP = Duration.ofMinutes(1);

  private DeliverableBound() {}

  /** One EV's visit. */
  record Visit(
      SiteFile.Arrival arrival, EvseSlot slot, Instant arrives, Instant leaves, int phases) {
    double wantedWh() {
      return arrival.ev().energyNeededWh(arrival.socPercent());
    }

    Set<Phase> grid() {
      return new LinkedHashSet<>(slot.wiring().subList(0, phases));
    }
  }

  /** The EVs that arrive within [start, end), as {@code SiteSimulation} brings them. */
  static List<Visit> visits(SiteFile site, Instant start, Instant end) {
    List<Visit> out = new ArrayList<>();
    for (SiteFile.Arrival a : site.arrivals()) {
      Instant arrives = next(site, a.at(), start);
      if (!arrives.isBefore(end)) {
        continue;
      }
      EvseSlot slot = slot(site, a);
      Instant leaves = next(site, a.departure(), arrives.plusSeconds(1));
      out.add(new Visit(a, slot, arrives, leaves, Math.min(a.ev().phases(), slot.wiring().size())));
    }
    return out;
  }

  /** The bound (Wh) from {@code start} for {@code duration}. */
  public static double deliverableWh(SiteFile site, Instant start, Duration duration) {
    Instant end = start.plus(duration);
    List<Visit> visits = visits(site, start, end);
    SiteConfig c = site.config();
    double v = c.nominalVoltageV();
    double rule = c.continuousLoadRule() ? 0.8 : 1;
    double fuse = c.gridLimitA() * rule - c.safetyMarginA();
    int steps = (int) (duration.toSeconds() / STEP.toSeconds());
    double stepH = STEP.toSeconds() / 3600.0;
    // Flow unit: Wh. Nodes: source, sink, per minute a total node and one per phase set, per EV
    // one per minute present.
    FlowNetwork net = new FlowNetwork();
    int source = net.node();
    int sink = net.node();
    int[] total = new int[steps];
    int[][] phase = new int[steps][Phase.values().length];
    List<Map<Set<Phase>, Integer>> groups = new ArrayList<>();
    PhaseCurrents[] headroom = new PhaseCurrents[steps];
    // what the EVs on a phase may take: its headroom plus the battery's share of its discharge
    PhaseCurrents[] reach = new PhaseCurrents[steps];
    SiteEnergy energy = c.energy();
    Battery battery = energy.battery();
    // the battery's discharge: at most its power each minute, and in all what it holds above its
    // reserve plus all the sun could have put in it (a relaxation: that sun counts twice)
    int pool = battery == null ? -1 : net.node();
    double batteryWh =
        battery == null
            ? 0
            : (battery.initialSocPercent() - battery.minSocPercent())
                / 100
                * battery.capacityKwh()
                * 1000
                * battery.oneWayEfficiency();
    for (int k = 0; k < steps; k++) {
      Instant t = start.plus(STEP.multipliedBy(k));
      LocalTime time = t.atZone(site.zone()).toLocalTime();
      PhaseCurrents b = site.building().at(time);
      // the PV feeds all three phases evenly: the EVs may take its production beside the fuse
      double pvW = energy.pvKwAt(time) * 1000;
      PhaseCurrents sunA = PhaseCurrents.all(pvW / 3 / v);
      headroom[k] = PhaseCurrents.all(fuse).minus(b).plus(sunA).nonNegative();
      double capA = headroom[k].l1() + headroom[k].l2() + headroom[k].l3();
      if (c.gridLimitKw() != null) {
        double kwA = c.gridLimitKw() * rule * 1000 / v - b.l1() - b.l2() - b.l3() + pvW / v;
        capA = Math.min(capA, Math.max(0, kwA));
      }
      for (SiteFile.DemandResponseWindow w : site.demandResponses()) {
        if (within(time, w.from(), w.until())) {
          capA = Math.min(capA, w.limitKw() * 1000 / v);
        }
      }
      total[k] = net.node();
      net.edge(total[k], sink, capA * v * stepH);
      for (Phase p : Phase.values()) {
        phase[k][p.ordinal()] = net.node();
        net.edge(phase[k][p.ordinal()], total[k], headroom[k].get(p) * v * stepH);
      }
      reach[k] = headroom[k];
      if (battery != null) {
        reach[k] = headroom[k].plus(PhaseCurrents.all(battery.maxDischargeKw() * 1000 / 3 / v));
        double dischargeWh = battery.maxDischargeKw() * 1000 * stepH;
        int minute = net.node();
        for (Phase p : Phase.values()) {
          net.edge(phase[k][p.ordinal()], minute, dischargeWh / 3);
        }
        net.edge(minute, pool, dischargeWh);
        batteryWh += pvW * stepH * battery.roundTripEfficiency();
      }
      groups.add(new HashMap<>());
    }
    if (battery != null) {
      net.edge(pool, sink, batteryWh);
    }
    for (Visit visit : visits) {
      EvModel m = visit.arrival().ev();
      int from = (int) Math.max(0, ceilDiv(Duration.between(start, visit.arrives()), STEP));
      int to = (int) Math.min(steps, ceilDiv(Duration.between(start, visit.leaves()), STEP));
      if (to <= from) {
        continue;
      }
      double[] alone = alone(visit, to - from, stepH, v);
      double rateWh = Math.min(visit.slot().maxA(), m.maxCurrentA()) * visit.phases() * v * stepH;
      Set<Phase> set = visit.grid();
      int previous = -1;
      for (int k = to - 1; k >= from; k--) {
        int node = net.node();
        double cumulative = alone[k - from];
        if (previous < 0) {
          net.edge(source, node, Math.min(visit.wantedWh(), cumulative));
        } else {
          net.edge(previous, node, cumulative);
        }
        int step = k;
        int group =
            groups
                .get(k)
                .computeIfAbsent(set, g -> group(net, g, reach[step], phase[step], v * stepH));
        net.edge(node, group, rateWh);
        previous = node;
      }
    }
    return net.maxFlow(source, sink);
  }

  /**
   * The node of the EVs drawing on the grid phases {@code set} in one minute: together at most
   * |set| × the smallest reach of the set, and on each of its phases at most that (reach: the
   * headroom plus the battery's share of its discharge).
   */
  private static int group(
      FlowNetwork net, Set<Phase> set, PhaseCurrents headroom, int[] phase, double whPerA) {
    double min = Double.MAX_VALUE;
    for (Phase p : set) {
      min = Math.min(min, headroom.get(p));
    }
    int g = net.node();
    for (Phase p : set) {
      net.edge(g, phase[p.ordinal()], min * whPerA);
    }
    return g;
  }

  /**
   * What the EV gets charging alone, cumulative (Wh) up to the end of each of its {@code n}
   * minutes, integrated per second with its taper.
   */
  private static double[] alone(Visit visit, int n, double stepH, double v) {
    EvModel m = visit.arrival().ev();
    double soc = visit.arrival().socPercent();
    double got = 0;
    double[] out = new double[n];
    int perStep = (int) Math.round(stepH * 3600);
    for (int k = 0; k < n; k++) {
      for (int s = 0; s < perStep; s++) {
        double a = Math.min(visit.slot().maxA(), m.acceptA(soc));
        double wh = Math.min(a * visit.phases() * v / 3600, m.energyNeededWh(soc));
        got += wh;
        soc += wh / m.batteryWh() * 100;
      }
      out[k] = got;
    }
    return out;
  }

  private static long ceilDiv(Duration d, Duration step) {
    long s = d.toSeconds();
    long q = step.toSeconds();
    return Math.floorDiv(s + q - 1, q);
  }

  /** Whether {@code time} is in [from, until), across midnight when {@code until <= from}. */
  static boolean within(LocalTime time, LocalTime from, LocalTime until) {
    return from.isBefore(until)
        ? !time.isBefore(from) && time.isBefore(until)
        : !time.isBefore(from) || time.isBefore(until);
  }

  /** The next instant at {@code time} of day, not before {@code from} (as the simulation does). */
  static Instant next(SiteFile site, LocalTime time, Instant from) {
    ZonedDateTime z = from.atZone(site.zone());
    ZonedDateTime candidate = z.toLocalDate().atTime(time).atZone(site.zone());
    if (candidate.toInstant().isBefore(from)) {
      candidate = z.toLocalDate().plusDays(1).atTime(time).atZone(site.zone());
    }
    return candidate.toInstant();
  }

  private static EvseSlot slot(SiteFile site, SiteFile.Arrival a) {
    for (SiteFile.Evse e : site.evses()) {
      if (e.station() == a.station() && e.evse() == a.evse()) {
        return e.slot();
      }
    }
    throw new IllegalArgumentException("no EVSE " + SiteFile.slotId(a.station(), a.evse()));
  }

  /** A flow network with real capacities; Dinic's algorithm. */
  static final class FlowNetwork {
    private static final double EPS = 1e-9;
    private int[] head = new int[64];
    private int nodes;
    private int[] to = new int[256];
    private int[] next = new int[256];
    private double[] cap = new double[256];
    private int edges;

    int node() {
      if (nodes == head.length) {
        head = Arrays.copyOf(head, nodes * 2);
      }
      head[nodes] = -1;
      return nodes++;
    }

    void edge(int from, int target, double capacity) {
      add(from, target, Math.max(0, capacity));
      add(target, from, 0);
    }

    private void add(int from, int target, double capacity) {
      if (edges == to.length) {
        to = Arrays.copyOf(to, edges * 2);
        next = Arrays.copyOf(next, edges * 2);
        cap = Arrays.copyOf(cap, edges * 2);
      }
      to[edges] = target;
      cap[edges] = capacity;
      next[edges] = head[from];
      head[from] = edges++;
    }

    double maxFlow(int source, int sink) {
      double flow = 0;
      int[] level = new int[nodes];
      int[] it = new int[nodes];
      while (bfs(source, sink, level)) {
        System.arraycopy(head, 0, it, 0, nodes);
        double f;
        while ((f = dfs(source, sink, Double.MAX_VALUE, level, it)) > EPS) {
          flow += f;
        }
      }
      return flow;
    }

    private boolean bfs(int source, int sink, int[] level) {
      Arrays.fill(level, -1);
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      level[source] = 0;
      queue.add(source);
      while (!queue.isEmpty()) {
        int u = queue.poll();
        for (int e = head[u]; e >= 0; e = next[e]) {
          if (cap[e] > EPS && level[to[e]] < 0) {
            level[to[e]] = level[u] + 1;
            queue.add(to[e]);
          }
        }
      }
      return level[sink] >= 0;
    }

    /** Iterative-deepening would do too; paths here are at most a few thousand nodes long. */
    private double dfs(int u, int sink, double pushed, int[] level, int[] it) {
      if (u == sink) {
        return pushed;
      }
      for (; it[u] >= 0; it[u] = next[it[u]]) {
        int e = it[u];
        int w = to[e];
        if (cap[e] > EPS && level[w] == level[u] + 1) {
          double d = dfs(w, sink, Math.min(pushed, cap[e]), level, it);
          if (d > EPS) {
            cap[e] -= d;
            cap[e ^ 1] += d;
            return d;
          }
        }
      }
      return 0;
    }
  }
}
