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
import java.util.List;
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
    List<long[]> starts = new ArrayList<>();
    List<BigDecimal> values = new ArrayList<>();
    BigDecimal previous = null;
    for (CompositePeriod p : c.periods()) {
      BigDecimal v = quantize.apply(watts(p, c.unit(), s));
      // When now is not a whole second after the composite's start, a boundary falls inside a
      // second: start a lower limit at the earlier whole second and a higher one at the later, so
      // no instant gets more than the composite allows.
      Duration rel = Duration.ofSeconds(p.startPeriod()).minus(lead);
      long floor = rel.getSeconds();
      long ceil = floor + (rel.getNano() > 0 ? 1 : 0);
      long at = previous != null && v.compareTo(previous) < 0 ? floor : ceil;
      previous = v;
      starts.add(new long[] {Math.max(0, at)});
      values.add(v);
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      long start = starts.get(i)[0];
      long end = i + 1 < values.size() ? Math.min(horizon, starts.get(i + 1)[0]) : horizon;
      if (start >= horizon || end <= start) {
        continue;
      }
      appendMerging(steps, new Step(start, end, values.get(i)));
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
        // a zero-length higher step was skipped: the lower neighbour fills the gap
        next = new Step(last.end(), next.end(), next.value().min(last.value()));
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
   * energy (value gap x length of the higher step).
   */
  static List<Step> reduce(List<Step> steps, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<Step> out = new ArrayList<>(steps);
    while (out.size() > max) {
      int best = -1;
      BigDecimal bestCost = null;
      for (int i = 0; i + 1 < out.size(); i++) {
        Step a = out.get(i);
        Step b = out.get(i + 1);
        Step higher = a.value().compareTo(b.value()) >= 0 ? a : b;
        BigDecimal cost =
            a.value().subtract(b.value()).abs().multiply(BigDecimal.valueOf(higher.length()));
        if (bestCost == null || cost.compareTo(bestCost) < 0) {
          best = i;
          bestCost = cost;
        }
      }
      Step a = out.get(best);
      Step b = out.remove(best + 1);
      out.set(best, new Step(a.start(), b.end(), a.value().min(b.value())));
      // merging may make the new step equal to a neighbour; join them
      if (best > 0 && out.get(best - 1).value().compareTo(out.get(best).value()) == 0) {
        Step left = out.remove(best - 1);
        out.set(best - 1, new Step(left.start(), out.get(best - 1).end(), left.value()));
        best--;
      }
      if (best + 1 < out.size()
          && out.get(best + 1).value().compareTo(out.get(best).value()) == 0) {
        Step right = out.remove(best + 1);
        out.set(best, new Step(out.get(best).start(), right.end(), right.value()));
      }
    }
    return out;
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
