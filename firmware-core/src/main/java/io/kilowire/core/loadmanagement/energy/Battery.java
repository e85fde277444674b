package io.kilowire.core.loadmanagement.energy;

/**
 * A stationary battery behind the grid meter (its inverter feeds all three phases evenly).
 *
 * @param capacityKwh usable capacity at 100 % state of charge
 * @param maxChargeKw the most it takes, AC side
 * @param maxDischargeKw the most it gives, AC side
 * @param minSocPercent it never discharges below this (reserve, battery life)
 * @param maxSocPercent it never charges above this
 * @param roundTripEfficiency energy out ÷ energy in, 0..1 (split evenly between charging and
 *     discharging)
 * @param initialSocPercent its state of charge when a simulation starts
 */
public record Battery(
    double capacityKwh,
    double maxChargeKw,
    double maxDischargeKw,
    double minSocPercent,
    double maxSocPercent,
    double roundTripEfficiency,
    double initialSocPercent) {
  public Battery {
    EnergyFields.positive(capacityKwh, "battery.capacityKwh");
    EnergyFields.within(maxChargeKw, 0, 1_000_000, "battery.maxChargeKw");
    EnergyFields.within(maxDischargeKw, 0, 1_000_000, "battery.maxDischargeKw");
    EnergyFields.within(minSocPercent, 0, 100, "battery.minSoc");
    EnergyFields.within(maxSocPercent, 0, 100, "battery.maxSoc");
    EnergyFields.require(
        minSocPercent < maxSocPercent,
        "battery.maxSoc",
        "must be above battery.minSoc (" + EnergyFields.fmt(minSocPercent) + ")");
    EnergyFields.require(
        roundTripEfficiency > 0 && roundTripEfficiency <= 1,
        "battery.roundTripEfficiency",
        "must be above 0 and at most 1, not " + EnergyFields.fmt(roundTripEfficiency));
    EnergyFields.within(initialSocPercent, minSocPercent, maxSocPercent, "battery.initialSoc");
  }

  /** The efficiency of each way, charging and discharging: the square root of the round trip. */
  public double oneWayEfficiency() {
    return Math.sqrt(roundTripEfficiency);
  }
}
