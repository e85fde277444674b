package io.kilowire.core.smartcharging;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.v16.adapter.V16SmartChargingMapping;
import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Terse builders for tests. */
final class Profiles {
  static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z"); // a Monday

  private Profiles() {}

  /** The SetChargingProfile rules the adapter of {@code version} passes to the engine. */
  static ProfileRules rules(OcppVersion version) {
    return version == OcppVersion.V16
        ? V16SmartChargingMapping.PROFILE_RULES
        : V201SmartChargingMapping.PROFILE_RULES;
  }

  static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  static BigDecimal d(long value) {
    return BigDecimal.valueOf(value);
  }

  /** Periods from pairs of (startPeriod, limit). */
  static List<SchedulePeriod> periods(long... startAndLimit) {
    List<SchedulePeriod> result = new ArrayList<>();
    for (int i = 0; i < startAndLimit.length; i += 2) {
      result.add(SchedulePeriod.of((int) startAndLimit[i], d(startAndLimit[i + 1])));
    }
    return result;
  }

  static ChargingSchedule schedule(RateUnit unit, long... startAndLimit) {
    return ChargingSchedule.of(unit, periods(startAndLimit));
  }

  /** An Absolute profile starting at {@link #T0}. */
  static ChargingProfile.Builder absolute(
      int id, ProfilePurpose purpose, int evse, int stack, RateUnit unit, long... startAndLimit) {
    return ChargingProfile.builder(id, purpose)
        .evseId(evse)
        .stackLevel(stack)
        .kind(ProfileKind.ABSOLUTE)
        .schedule(schedule(unit, startAndLimit).withStart(T0));
  }

  static ChargingProfile.Builder relative(
      int id, ProfilePurpose purpose, int evse, int stack, RateUnit unit, long... startAndLimit) {
    return ChargingProfile.builder(id, purpose)
        .evseId(evse)
        .stackLevel(stack)
        .kind(ProfileKind.RELATIVE)
        .schedule(schedule(unit, startAndLimit));
  }

  static ChargingProfile.Builder recurring(
      int id,
      ProfilePurpose purpose,
      int evse,
      int stack,
      Recurrency recurrency,
      RateUnit unit,
      long... startAndLimit) {
    return ChargingProfile.builder(id, purpose)
        .evseId(evse)
        .stackLevel(stack)
        .kind(ProfileKind.RECURRING)
        .recurrency(recurrency)
        .schedule(schedule(unit, startAndLimit).withStart(T0));
  }
}
