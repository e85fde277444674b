package io.kilowire.core.hal.iso15118;

import io.kilowire.core.smartcharging.CompositePeriod;
import io.kilowire.core.smartcharging.CompositeSchedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ISO 15118-20 limits from a composite schedule (SPEC-FACTS F.2): the PowerSchedule of Scheduled
 * control mode (OCPP K18) and the ChargeLoopRes targets of Dynamic control mode (K19). Every value
 * is rounded down, never above the composite.
 */
public final class Iso20Limits {
  private Iso20Limits() {}

  /**
   * A PowerSchedule anchored at {@code now} following {@code composite}: to {@code departure} or
   * for 24 h (the -2 rule [V2G2-304], kept for -20 so both protocols promise the same), at most
   * {@code min(maxEntries, 1024)} entries, neighbours merged to their minimum when there are more
   * breakpoints. Past the composite's end its last limit holds.
   *
   * @param maxEntries the EV's limit on schedule entries, or {@link PowerSchedule#MAX_ENTRIES}
   */
  public static PowerSchedule powerSchedule(
      CompositeSchedule composite,
      Instant now,
      @Nullable Instant departure,
      Supply supply,
      int maxEntries) {
    int max = Math.min(maxEntries, PowerSchedule.MAX_ENTRIES);
    long horizon = Math.min(PowerSteps.horizon(now, departure), 0xFFFF_FFFFL);
    List<PowerSteps.Step> steps =
        PowerSteps.reduce(
            PowerSteps.steps(
                composite, now, horizon, supply, w -> RationalNumber.limit(w).quantity()),
            max);
    List<PowerScheduleEntry> entries = new ArrayList<>();
    for (PowerSteps.Step s : steps) {
      entries.add(new PowerScheduleEntry(s.length(), RationalNumber.limit(s.value())));
    }
    return new PowerSchedule(now, entries);
  }

  /** AC EVSETargetActivePower (W, total) from the limit in force at {@code now}. */
  public static RationalNumber evseTargetActivePower(
      CompositeSchedule composite, Instant now, Supply supply) {
    CompositePeriod p = PowerSteps.inForce(composite, now);
    return RationalNumber.limit(PowerSteps.watts(p, composite.unit(), supply));
  }

  /**
   * DC EVSEMaximumChargePower and EVSEMaximumChargeCurrent from the limit in force at {@code now},
   * the current being that power at {@code presentVoltage}, capped at {@code ratedCurrent}; amp
   * limits are read as in {@link Iso2Limits#dcLimits}.
   */
  public static DcChargeLimits dcChargeLimits(
      CompositeSchedule composite,
      Instant now,
      Supply supply,
      BigDecimal presentVoltage,
      BigDecimal ratedCurrent) {
    CompositePeriod p = PowerSteps.inForce(composite, now);
    RationalNumber power = RationalNumber.limit(PowerSteps.watts(p, composite.unit(), supply));
    BigDecimal current = PowerSteps.current(power.quantity(), presentVoltage, ratedCurrent);
    return new DcChargeLimits(power, RationalNumber.limit(current));
  }
}
