package io.kilowire.core.transaction;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The limits a transaction may not pass (OCPP 2.1 E16, transactionLimit): a cost in the tariff's
 * currency, an energy in Wh delivered since the start, a duration since the start, the EV's state
 * of charge in percent. Each is optional; a limit reached stops the energy.
 *
 * @param maxCost the most the transaction may cost (the station's local cost, or the CSMS's)
 * @param maxEnergyWh the most energy it may deliver
 * @param maxTime how long it may run from its start
 * @param maxSocPercent the state of charge at which the EV has had enough
 */
public record TransactionLimit(
    @Nullable BigDecimal maxCost,
    @Nullable Double maxEnergyWh,
    @Nullable Duration maxTime,
    @Nullable Integer maxSocPercent) {

  /** Which limit a transaction reached; each has its own trigger and stop reason. */
  public enum Kind {
    COST,
    ENERGY,
    TIME,
    SOC
  }

  /**
   * Where a transaction stands.
   *
   * @param energyWh delivered since its start
   * @param elapsed since its start
   * @param cost its cost so far; null when nobody knows it
   * @param socPercent the EV's state of charge; null when the EV does not tell it
   */
  public record Progress(
      double energyWh, Duration elapsed, @Nullable BigDecimal cost, @Nullable Integer socPercent) {}

  public TransactionLimit {
    if (maxCost != null && maxCost.signum() < 0) {
      throw new IllegalArgumentException("maxCost below zero: " + maxCost);
    }
    if (maxEnergyWh != null && !(maxEnergyWh >= 0)) {
      throw new IllegalArgumentException("maxEnergy below zero or not a number: " + maxEnergyWh);
    }
    if (maxTime != null && maxTime.isNegative()) {
      throw new IllegalArgumentException("maxTime below zero: " + maxTime);
    }
    if (maxSocPercent != null && (maxSocPercent < 0 || maxSocPercent > 100)) {
      throw new IllegalArgumentException("maxSoC outside 0..100: " + maxSocPercent);
    }
  }

  /** No limit at all. */
  public boolean isEmpty() {
    return maxCost == null && maxEnergyWh == null && maxTime == null && maxSocPercent == null;
  }

  /** Whether reaching a limit can only be seen on the meter (or the cost, or the EV's SoC). */
  public boolean needsMeter() {
    return maxCost != null || maxEnergyWh != null || maxSocPercent != null;
  }

  /** The limit {@code p} has reached, if any; a cost or SoC nobody knows reaches nothing. */
  public Optional<Kind> reached(Progress p) {
    if (maxCost != null && p.cost() != null && p.cost().compareTo(maxCost) >= 0) {
      return Optional.of(Kind.COST);
    }
    if (maxEnergyWh != null && p.energyWh() >= maxEnergyWh) {
      return Optional.of(Kind.ENERGY);
    }
    if (maxTime != null && p.elapsed().compareTo(maxTime) >= 0) {
      return Optional.of(Kind.TIME);
    }
    if (maxSocPercent != null && p.socPercent() != null && p.socPercent() >= maxSocPercent) {
      return Optional.of(Kind.SOC);
    }
    return Optional.empty();
  }

  /** How long the transaction may still run, {@code elapsed} after its start; empty: no limit. */
  public Optional<Duration> timeLeft(Duration elapsed) {
    if (maxTime == null) {
      return Optional.empty();
    }
    Duration left = maxTime.minus(elapsed);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
