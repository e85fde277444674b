package io.kilowire.core.loadmanagement.group;

import io.kilowire.core.loadmanagement.EvseDemand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A group in virtual time, 100 ms steps: members report and the controller ticks every heartbeat,
 * messages arrive at once unless cut or lost. After every step it checks the two sums the group
 * promises to keep within the budget: the applied limits, and the EVs' envelope (an EV may take the
 * response window to follow a decrease, so it draws up to the highest limit of that window).
 */
final class GroupSim {
  static final Duration STEP = Duration.ofMillis(100);

  final GroupConfig config;
  final Map<String, GroupMember> members = new LinkedHashMap<>();
  final Map<String, Double> evMaxA = new LinkedHashMap<>();
  final Set<String> cut = new HashSet<>();
  final List<GroupController> controllers = new ArrayList<>();
  final Map<String, Deque<double[]>> history = new LinkedHashMap<>();
  final BiFunction<Instant, List<EvseDemand>, Map<String, Double>> targets;
  Instant now;
  long steps;
  double lossRate;
  final Random random;
  double maxAppliedSum;
  double maxEnvelopeSum;
  final Deque<String> trace = new ArrayDeque<>();

  GroupSim(
      GroupConfig config,
      Instant start,
      Map<String, Double> evMaxA,
      BiFunction<Instant, List<EvseDemand>, Map<String, Double>> targets,
      long seed) {
    this.config = config;
    this.now = start;
    this.targets = targets;
    this.random = new Random(seed);
    for (GroupMemberConfig m : config.members()) {
      members.put(m.id(), new GroupMember(config, m.id(), start));
      history.put(m.id(), new ArrayDeque<>());
    }
    this.evMaxA.putAll(evMaxA);
  }

  /** Fixed targets per member, whatever the demands. */
  static BiFunction<Instant, List<EvseDemand>, Map<String, Double>> fixed(Map<String, Double> t) {
    return (now, demands) -> t;
  }

  GroupController startController(long epochFloor) {
    GroupController c = new GroupController(config, now, epochFloor, targets);
    controllers.add(c);
    return c;
  }

  void killControllers() {
    controllers.clear();
  }

  void run(Duration d) {
    Instant end = now.plus(d);
    while (now.isBefore(end)) {
      step();
    }
  }

  double applied(String id) {
    return members.get(id).appliedA();
  }

  MemberState state(String id) {
    return members.get(id).state();
  }

  private boolean delivered(String member) {
    return !cut.contains(member) && (lossRate == 0 || random.nextDouble() >= lossRate);
  }

  private void step() {
    now = now.plus(STEP);
    steps++;
    boolean beat = steps % (config.heartbeat().toMillis() / STEP.toMillis()) == 0;
    for (GroupMember m : members.values()) {
      MemberState before = m.state();
      m.evaluate(now);
      if (m.state() != before) {
        log(m.id() + " -> " + m.state() + " " + m.appliedA());
      }
      if (beat || m.state() != before) {
        report(m);
      }
    }
    if (beat) {
      for (GroupController c : List.copyOf(controllers)) {
        for (GroupAllocation a : c.tick(now)) {
          GroupMember m = members.get(a.memberId());
          boolean ok = delivered(a.memberId());
          log(
              "grant "
                  + a.memberId()
                  + " "
                  + a.limitA()
                  + " e"
                  + a.epoch()
                  + " s"
                  + a.seq()
                  + (ok ? "" : " LOST"));
          if (ok) {
            m.onAllocation(now, a);
            report(m);
          }
        }
      }
    }
    check();
  }

  private void report(GroupMember m) {
    Double max = evMaxA.get(m.id());
    boolean active = max != null && max > 0;
    DemandReport r =
        m.report(now, active, active ? max : 0, Math.min(m.appliedA(), active ? max : 0));
    for (GroupController c : controllers) {
      boolean ok = delivered(m.id());
      log("report " + r + (ok ? "" : " LOST"));
      if (ok) {
        c.onReport(now, r);
      }
    }
  }

  private void check() {
    double sum = 0;
    double envelope = 0;
    long window = config.responseWindow().toMillis();
    for (GroupMember m : members.values()) {
      sum += m.appliedA();
      Deque<double[]> h = history.get(m.id());
      h.addLast(new double[] {now.toEpochMilli(), m.appliedA()});
      while (h.peekFirst() != null && h.peekFirst()[0] <= now.toEpochMilli() - window) {
        h.removeFirst();
      }
      envelope += h.stream().mapToDouble(e -> e[1]).max().orElse(0);
    }
    maxAppliedSum = Math.max(maxAppliedSum, sum);
    maxEnvelopeSum = Math.max(maxEnvelopeSum, envelope);
    if (sum > config.budgetA() + 1e-6 || envelope > config.budgetA() + 1e-6) {
      throw new AssertionError(
          "over budget at "
              + now
              + ": applied "
              + sum
              + " A, envelope "
              + envelope
              + " A "
              + snapshot()
              + "\n"
              + String.join("\n", trace));
    }
  }

  private void log(String line) {
    trace.addLast(now + " " + line);
    if (trace.size() > 60) {
      trace.removeFirst();
    }
  }

  String snapshot() {
    StringBuilder b = new StringBuilder();
    for (GroupMember m : members.values()) {
      b.append(m.id()).append('=').append(m.appliedA()).append('/').append(m.state()).append(' ');
    }
    return b.toString();
  }

  @Nullable GroupController controller() {
    return controllers.isEmpty() ? null : controllers.get(controllers.size() - 1);
  }
}
