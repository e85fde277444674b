package io.kilowire.core.hal.iso15118;

import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.Limit;
import io.kilowire.core.smartcharging.RateUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A composite schedule seen from {@code now} as steps of seconds, and the conversions of its limits
 * into watts and amps. Shared by the -2 and -20 mappings.
 */
final class PowerSteps {
  /**
   * Without a departure time the schedule must cover at least 24 h ([V2G2-304], SPEC-FACTS F.1).
   */
  static final long DEFAULT_HORIZON = 86_400;

  private PowerSteps() {}

  /** A constant limit over {@code [start, end)} seconds from now. */
  record Step(long start, long end, BigDecimal value) {
    long length() {
      return end - start;
    }
  }

  /**
   * Watts over all phases. Amps are per phase (SPEC-FACTS A.5): W = A x nominal voltage x phases,
   * with the fewer of the period's and the supply's phases, because -2 cannot tell the EV to use
   * fewer phases and the total must stay within what the profile allowed.
   */
  static BigDecimal watts(CompositePeriod p, RateUnit unit, Supply s) {
    if (unit == RateUnit.W) {
      return p.limit();
    }
    int phases = Math.max(1, Math.min(p.numberPhases(), s.phases()));
    return Limit.amps(p.limit(), phases).in(RateUnit.W, s.nominalVoltage());
  }

  /**
   * Amps per phase. Watts are the total, spread over the phases the EV really uses (SPEC-FACTS A.5:
   * the limit as given on the phases actually used), so the EV's total never exceeds it.
   */
  static BigDecimal amps(CompositePeriod p, RateUnit unit, Supply s) {
    if (unit == RateUnit.A) {
      return p.limit();
    }
    return Limit.watts(p.limit(), s.phases()).in(RateUnit.A, s.nominalVoltage());
  }

  /**
   * The period in force at {@code now}. After the composite's end the last period holds: it is the
   * limit known to hold until the next change, and any change triggers a renegotiation (K16.FR.02).
   */
  static CompositePeriod inForce(CompositeSchedule c, Instant now) {
    if (now.isBefore(c.start())) {
      throw new IllegalArgumentException("now " + now + " is before the composite " + c.start());
    }
    long offset = Duration.between(c.start(), now).getSeconds();
    CompositePeriod found = c.periods().get(0);
    for (CompositePeriod p : c.periods()) {
      if (p.startPeriod() <= offset) {
        found = p;
      }
    }
    return found;
  }

  /** Seconds from now to the departure, or 24 h without one. */
  static long horizon(Instant now, @Nullable Instant departure) {
    if (departure == null) {
      return DEFAULT_HORIZON;
    }
    Duration d = Duration.between(now, departure);
    long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  /**
   * The composite's limits from {@code now} to {@code horizon} seconds, each value passed through
   * {@code quantize} (the encoder's rounding down), neighbours different.
   */
  static List<Step> steps(
      CompositeSchedule c,
      Instant now,
      long horizon,
      Supply s,
      UnaryOperator<BigDecimal> quantize) {
    inForce(c, now); // rejects a composite that starts after now: its limit before is unknown
    Duration lead = Duration.between(c.start(), now);
    int n = c.periods().size();
    long[] starts = new long[n];
    BigDecimal[] values = new BigDecimal[n];
    BigDecimal previous = null;
    for (int i = 0; i < n; i++) {
      CompositePeriod p = c.periods().get(i);
      if (i > 0 && p.startPeriod() <= c.periods().get(i - 1).startPeriod()) {
        throw new IllegalArgumentException("composite period starts must rise: " + c.periods());
      }
      BigDecimal v = quantize.apply(watts(p, c.unit(), s));
      // When now is not a whole second after the composite's start, a boundary falls inside a
      // second: start a lower limit at the earlier whole second and a higher one at the later, so
      // no instant gets more than the composite allows.
      Duration rel = Duration.ofSeconds(p.startPeriod()).minus(lead);
      long floor = rel.getSeconds();
      long ceil = floor + (rel.getNano() > 0 ? 1 : 0);
      long at = previous != null && v.compareTo(previous) < 0 ? floor : ceil;
      previous = v;
      starts[i] = Math.max(0, at);
      values[i] = v;
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = starts[i];
      long end = i + 1 < n ? Math.min(horizon, starts[i + 1]) : horizon;
      if (start >= horizon || end <= start) {
        continue;
      }
      appendMerging(steps, new Step(start, end, values[i]));
    }
    if (steps.isEmpty() || steps.get(0).start() != 0) {
      throw new IllegalStateException("steps do not start at now");
    }
    return steps;
  }

  private static void appendMerging(List<Step> steps, Step next) {
    if (!steps.isEmpty()) {
      Step last = steps.get(steps.size() - 1);
      if (last.end() != next.start()) {
        // cannot happen with rising period starts: a boundary moves by under a second, periods
        // last at least one
        throw new IllegalStateException("steps are not contiguous: " + last + ", " + next);
      }
      if (last.value().compareTo(next.value()) == 0) {
        steps.set(steps.size() - 1, new Step(last.start(), next.end(), last.value()));
        return;
      }
    }
    steps.add(next);
  }

  /**
   * Merges neighbours until at most {@code max} steps remain. A merged step takes the lower value,
   * so no step is ever above any limit it covers; each merge picks the pair that gives up the least
   * energy (value gap x length of the higher step), found through a priority queue because the
   * whole mapping must fit the 2 s ChargeParameterDiscoveryRes deadline (SPEC-FACTS F.1).
   */
  static List<Step> reduce(List<Step> steps, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    int n = steps.size();
    if (n <= max) {
      return new ArrayList<>(steps);
    }
    Chain chain = new Chain(steps);
    PriorityQueue<Candidate> queue =
        new PriorityQueue<>(
            Comparator.comparingDouble(Candidate::cost).thenComparingLong(Candidate::start));
    for (int i = 0; i + 1 < n; i++) {
      queue.add(chain.candidate(i));
    }
    int size = n;
    while (size > max) {
      Candidate c = queue.remove();
      int i = c.left();
      if (!chain.alive[i] || chain.version[i] != c.version() || chain.next[i] < 0) {
        continue; // stale: one of the pair changed since it was queued
      }
      chain.absorbNext(i, chain.value[i].min(chain.value[chain.next[i]]));
      size--;
      // a merged step equal to a neighbour joins it, so entries stay distinct
      int k = chain.prev[i];
      if (k >= 0 && chain.value[k].compareTo(chain.value[i]) == 0) {
        chain.absorbNext(k, chain.value[k]);
        size--;
        i = k;
      }
      int j = chain.next[i];
      if (j >= 0 && chain.value[j].compareTo(chain.value[i]) == 0) {
        chain.absorbNext(i, chain.value[i]);
        size--;
      }
      k = chain.prev[i];
      if (k >= 0) {
        chain.version[k]++;
        queue.add(chain.candidate(k));
      }
      if (chain.next[i] >= 0) {
        queue.add(chain.candidate(i));
      }
    }
    return chain.toList();
  }

  /** A queued merge of {@code left} with its next step, valid while left's version holds. */
  private record Candidate(double cost, long start, int left, int version) {}

  /** Steps as a doubly linked list over arrays, for merging in place. */
  private static final class Chain {
    final long[] start;
    final long[] end;
    final BigDecimal[] value;
    final int[] next;
    final int[] prev;
    final int[] version;
    final boolean[] alive;

    Chain(List<Step> steps) {
      int n = steps.size();
      start = new long[n];
      end = new long[n];
      value = new BigDecimal[n];
      next = new int[n];
      prev = new int[n];
      version = new int[n];
      alive = new boolean[n];
      for (int i = 0; i < n; i++) {
        Step s = steps.get(i);
        start[i] = s.start();
        end[i] = s.end();
        value[i] = s.value();
        next[i] = i + 1 < n ? i + 1 : -1;
        prev[i] = i - 1;
        alive[i] = true;
      }
    }

    Candidate candidate(int i) {
      int j = next[i];
      boolean leftHigher = value[i].compareTo(value[j]) >= 0;
      long higherLength = leftHigher ? end[i] - start[i] : end[j] - start[j];
      double cost = value[i].subtract(value[j]).abs().doubleValue() * higherLength;
      return new Candidate(cost, start[i], i, version[i]);
    }

    /** Step {@code i} takes over its next step's interval with {@code merged} as its value. */
    void absorbNext(int i, BigDecimal merged) {
      int j = next[i];
      end[i] = end[j];
      value[i] = merged;
      alive[j] = false;
      next[i] = next[j];
      if (next[j] >= 0) {
        prev[next[j]] = i;
      }
      version[i]++;
    }

    List<Step> toList() {
      List<Step> out = new ArrayList<>();
      for (int i = 0; i >= 0; i = next[i]) {
        out.add(new Step(start[i], end[i], value[i]));
      }
      return out;
    }
  }

  /** {@code power / voltage} rounded down to milliamps, capped at {@code rated}. */
  static BigDecimal current(BigDecimal power, BigDecimal presentVoltage, BigDecimal rated) {
    if (presentVoltage.signum() <= 0) {
      // No voltage yet (before precharge): power cannot bind, the rating does.
      return rated;
    }
    return power.divide(presentVoltage, 3, RoundingMode.FLOOR).min(rated);
  }
}
