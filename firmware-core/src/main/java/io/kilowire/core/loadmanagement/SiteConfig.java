package io.kilowire.core.loadmanagement;

import io.kilowire.core.loadmanagement.energy.SiteEnergy;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A site's grid connection and the EVSEs on it (fixed by the installation and its operator).
 *
 * @param gridLimitA the main fuse, per phase
 * @param gridLimitKw an optional contracted total, all phases (the smaller of the two applies),
 *     minus the measured non-EV load (the last measured one while the meter is stale). STATIC mode
 *     measures nothing: the contract then limits the EVs alone, the static budget being the
 *     operator's statement of what the building leaves
 * @param nominalVoltageV phase-to-neutral, to convert kW to A
 * @param safetyMarginA kept free on every phase
 * @param continuousLoadRule budget at 80 % of the limits (EV charging is a continuous load)
 * @param mode static or dynamic budget
 * @param staticBudgetA per phase, shared by the EVs in STATIC mode
 * @param circuits sub-circuits below the main fuse
 * @param evses the EVSEs
 * @param meterStaleAfter a site-meter reading older than this no longer counts (DYNAMIC)
 * @param meterFallbackBudgetA per phase, the EVs' budget while the meter is stale; null = {@code
 *     staticBudgetA}
 * @param minCurrentA the least current an EV can charge with (IEC 61851-1: 6 A)
 * @param rampInterval an EVSE's limit rises at most once per interval; decreases apply at once
 * @param rampStepA the largest rise per interval
 * @param rotationPeriod when the budget cannot give every active EV the minimum, the EVs take turns
 *     of this length
 * @param demandCapKw optional soft cap on the rolling average demand (peak shaving)
 * @param demandWindow the window of that average (15 min)
 * @param energy PV, battery, export limit, tariffs and how the EVSEs use the sun ({@link
 *     SiteEnergy#NONE}: none of them)
 */
public record SiteConfig(
    double gridLimitA,
    @Nullable Double gridLimitKw,
    double nominalVoltageV,
    double safetyMarginA,
    boolean continuousLoadRule,
    AllocationMode mode,
    double staticBudgetA,
    List<Circuit> circuits,
    List<EvseSlot> evses,
    Duration meterStaleAfter,
    @Nullable Double meterFallbackBudgetA,
    double minCurrentA,
    Duration rampInterval,
    double rampStepA,
    Duration rotationPeriod,
    @Nullable Double demandCapKw,
    Duration demandWindow,
    SiteEnergy energy) {

  public SiteConfig {
    circuits = List.copyOf(circuits);
    evses = List.copyOf(evses);
  }

  /**
   * The most the building and the EVs together may draw per phase: the fuse (80 % of it with the
   * continuous-load rule) minus the safety margin.
   */
  public double headroomA() {
    return gridLimitA * (continuousLoadRule ? 0.8 : 1.0) - safetyMarginA;
  }

  public static Builder builder(double gridLimitA) {
    return new Builder(gridLimitA);
  }

  /** Defaults: 230 V, no margin, DYNAMIC, static budget = grid limit, 6 A minimum, 15 s stale. */
  public static final class Builder {
    private final double gridLimitA;
    private @Nullable Double gridLimitKw;
    private double nominalVoltageV = 230;
    private double safetyMarginA;
    private boolean continuousLoadRule;
    private AllocationMode mode = AllocationMode.DYNAMIC;
    private @Nullable Double staticBudgetA;
    private List<Circuit> circuits = List.of();
    private List<EvseSlot> evses = List.of();
    private Duration meterStaleAfter = Duration.ofSeconds(15);
    private @Nullable Double meterFallbackBudgetA;
    private double minCurrentA = 6;
    private Duration rampInterval = Duration.ofSeconds(5);
    private double rampStepA = 32;
    private Duration rotationPeriod = Duration.ofMinutes(15);
    private @Nullable Double demandCapKw;
    private Duration demandWindow = Duration.ofMinutes(15);
    private SiteEnergy energy = SiteEnergy.NONE;

    private Builder(double gridLimitA) {
      this.gridLimitA = gridLimitA;
    }

    public Builder gridLimitKw(@Nullable Double v) {
      gridLimitKw = v;
      return this;
    }

    public Builder nominalVoltageV(double v) {
      nominalVoltageV = v;
      return this;
    }

    public Builder safetyMarginA(double v) {
      safetyMarginA = v;
      return this;
    }

    public Builder continuousLoadRule(boolean v) {
      continuousLoadRule = v;
      return this;
    }

    public Builder mode(AllocationMode v) {
      mode = v;
      return this;
    }

    public Builder staticBudgetA(double v) {
      staticBudgetA = v;
      return this;
    }

    public Builder circuits(List<Circuit> v) {
      circuits = v;
      return this;
    }

    public Builder evses(List<EvseSlot> v) {
      evses = v;
      return this;
    }

    public Builder meterStaleAfter(Duration v) {
      meterStaleAfter = v;
      return this;
    }

    public Builder meterFallbackBudgetA(@Nullable Double v) {
      meterFallbackBudgetA = v;
      return this;
    }

    public Builder minCurrentA(double v) {
      minCurrentA = v;
      return this;
    }

    public Builder ramp(Duration interval, double stepA) {
      rampInterval = interval;
      rampStepA = stepA;
      return this;
    }

    public Builder rotationPeriod(Duration v) {
      rotationPeriod = v;
      return this;
    }

    public Builder demandCap(@Nullable Double kw, Duration window) {
      demandCapKw = kw;
      demandWindow = window;
      return this;
    }

    public Builder energy(SiteEnergy v) {
      energy = v;
      return this;
    }

    public SiteConfig build() {
      return new SiteConfig(
          gridLimitA,
          gridLimitKw,
          nominalVoltageV,
          safetyMarginA,
          continuousLoadRule,
          mode,
          staticBudgetA == null ? gridLimitA : staticBudgetA,
          circuits,
          evses,
          meterStaleAfter,
          meterFallbackBudgetA,
          minCurrentA,
          rampInterval,
          rampStepA,
          rotationPeriod,
          demandCapKw,
          demandWindow,
          energy);
    }
  }
}
