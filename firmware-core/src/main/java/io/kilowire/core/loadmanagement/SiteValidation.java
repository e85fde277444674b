package io.kilowire.core.loadmanagement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a {@link SiteConfig} passes before a {@link LoadBalancer} takes it: numbers in range,
 * a circuit tree without repeats, cycles or unknown parents, EVSEs that are unique and hang on
 * known circuits, and a safe budget for a stale meter. Each failure names the field.
 */
final class SiteValidation {
  private SiteValidation() {}

  /**
   * Checks {@code site}; returns, for each circuit, the circuits it hangs under, itself first.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  static Map<String, List<String>> check(SiteConfig site) {
    validate(site);
    Map<String, Circuit> circuits = new HashMap<>();
    for (Circuit c : site.circuits()) {
      if (circuits.put(c.id(), c) != null) {
        throw new IllegalArgumentException("circuits: id " + c.id() + " repeated");
      }
    }
    Map<String, List<String>> chains = new HashMap<>();
    for (Circuit c : site.circuits()) {
      List<String> chain = new ArrayList<>();
      String at = c.id();
      while (at != null) {
        if (chain.contains(at)) {
          throw new IllegalArgumentException("circuits: cycle through " + at);
        }
        chain.add(at);
        Circuit node = circuits.get(at);
        if (node == null) {
          throw new IllegalArgumentException(
              "circuits: " + chain.get(chain.size() - 2) + " has unknown parent " + at);
        }
        at = node.parent();
      }
      chains.put(c.id(), List.copyOf(chain));
    }
    Set<String> slots = new HashSet<>();
    for (EvseSlot e : site.evses()) {
      if (!slots.add(e.id())) {
        throw new IllegalArgumentException("evses: id " + e.id() + " repeated");
      }
      if (e.circuit() != null && !circuits.containsKey(e.circuit())) {
        throw new IllegalArgumentException(
            "evses: " + e.id() + " hangs on unknown circuit " + e.circuit());
      }
    }
    for (String id : site.energy().evses().keySet()) {
      if (!slots.contains(id)) {
        throw new IllegalArgumentException("evses: energy settings for unknown evse " + id);
      }
    }
    require(
        site.mode() == AllocationMode.DYNAMIC || !site.energy().usesSolar(),
        "chargingMode solar-first or solar-only needs mode DYNAMIC: the site meter measures the"
            + " surplus");
    // The safe budget defaults to the static one, which defaults to the whole fuse: with a stale
    // meter that would treat the building as drawing nothing.
    require(
        site.mode() != AllocationMode.DYNAMIC
            || site.meterFallbackBudgetA() != null
            || site.staticBudgetA() < site.headroomA(),
        "DYNAMIC mode needs meterFallbackBudgetA (or a staticBudgetA below the fuse's headroom"
            + " after the 80 % rule and the margin): the EVs' budget per phase while the site"
            + " meter is stale");
    return chains;
  }

  private static void validate(SiteConfig s) {
    require(s.gridLimitA() > 0 && Double.isFinite(s.gridLimitA()), "gridLimitA must be > 0");
    Double kw = s.gridLimitKw();
    require(kw == null || (kw > 0 && Double.isFinite(kw)), "gridLimitKw must be > 0");
    require(s.nominalVoltageV() > 0 && Double.isFinite(s.nominalVoltageV()), "nominalVoltageV");
    require(
        s.safetyMarginA() >= 0 && s.safetyMarginA() < s.gridLimitA(),
        "safetyMarginA must be >= 0 and below gridLimitA");
    require(
        s.staticBudgetA() >= 0 && s.staticBudgetA() <= s.gridLimitA(),
        "staticBudgetA must be within 0..gridLimitA");
    Double fb = s.meterFallbackBudgetA();
    require(
        fb == null || (fb >= 0 && fb <= s.gridLimitA()),
        "meterFallbackBudgetA must be within 0..gridLimitA");
    require(s.minCurrentA() > 0 && Double.isFinite(s.minCurrentA()), "minCurrentA must be > 0");
    require(s.rampStepA() > 0 && Double.isFinite(s.rampStepA()), "rampStepA must be > 0");
    require(!s.rampInterval().isNegative(), "rampInterval must be >= 0");
    require(positive(s.rotationPeriod()), "rotationPeriod must be > 0");
    require(positive(s.meterStaleAfter()), "meterStaleAfter must be > 0");
    Double cap = s.demandCapKw();
    require(cap == null || (cap > 0 && Double.isFinite(cap)), "demandCapKw must be > 0");
    require(cap == null || positive(s.demandWindow()), "demandWindow must be > 0");
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("site: " + message);
    }
  }
}
