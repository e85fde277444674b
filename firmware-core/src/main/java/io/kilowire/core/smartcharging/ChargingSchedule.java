package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule of limits (OCPP 1.6 §7.11, 2.0.1 ChargingScheduleType).
 *
 * @param id the 2.0.1 schedule id (1.6 has none; 0 there)
 * @param startSchedule the start for Absolute and Recurring profiles; absent for Relative ones
 * @param duration seconds; null means the last period runs on indefinitely (OCPP 1.6 §7.11)
 * @param unit the unit of every period's limit
 * @param periods the periods, first at 0 and strictly ascending once validated
 * @param minChargingRate a hint below which charging is inefficient, in {@code unit}
 */
public record ChargingSchedule(
    int id,
    @Nullable Instant startSchedule,
    @Nullable Integer duration,
    RateUnit unit,
    List<SchedulePeriod> periods,
    @Nullable BigDecimal minChargingRate) {
  public ChargingSchedule {
    Objects.requireNonNull(unit, "unit");
    periods = List.copyOf(periods);
  }

  /** A schedule with only a unit and periods: no start, no duration, no minimum rate. */
  public static ChargingSchedule of(RateUnit unit, List<SchedulePeriod> periods) {
    return new ChargingSchedule(0, null, null, unit, periods, null);
  }

  public ChargingSchedule withStart(@Nullable Instant start) {
    return new ChargingSchedule(id, start, duration, unit, periods, minChargingRate);
  }

  public ChargingSchedule withDuration(@Nullable Integer seconds) {
    return new ChargingSchedule(id, startSchedule, seconds, unit, periods, minChargingRate);
  }

  public ChargingSchedule withMinChargingRate(@Nullable BigDecimal rate) {
    return new ChargingSchedule(id, startSchedule, duration, unit, periods, rate);
  }
}
