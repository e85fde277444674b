package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks a profile from SetChargingProfile before it is installed, with the {@link ProfileRules} of
 * the protocol it came in. The first broken rule decides; its {@link RejectionReason} names the
 * rule, and the detail says how the profile broke it.
 */
public final class ProfileValidator {
  private final SmartChargingLimits limits;

  public ProfileValidator(SmartChargingLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Validates {@code profile} (its evseId is the request's connectorId / evseId) against the
   * installed profiles and the running transactions (by EVSE).
   */
  public ValidationResult validate(
      ChargingProfile profile,
      ProfileRules rules,
      ProfileStore store,
      Map<Integer, ActiveTransaction> transactions) {
    int evse = profile.evseId();
    if (!limits.hasEvse(evse)) {
      return reject(RejectionReason.UNKNOWN_EVSE, "EVSE " + evse + " does not exist");
    }
    if (SmartChargingService.isExternalLimitId(profile.id())) {
      return reject(
          RejectionReason.INVALID_VALUE,
          "profile ids "
              + SmartChargingService.externalLimitId(LimitSource.CSO)
              + "..-1 are"
              + " reserved for external limits");
    }
    ChargingProfile candidate = profile;
    switch (profile.purpose()) {
      case CHARGING_STATION_EXTERNAL_CONSTRAINTS:
        return reject(
            RejectionReason.EXTERNAL_CONSTRAINTS_NOT_SETTABLE,
            "ChargingStationExternalConstraints are set by local systems, not the CSMS (K01.FR.22)");
      case CHARGING_STATION_MAX:
        if (evse != 0) {
          return reject(
              RejectionReason.STATION_MAX_NOT_ON_STATION,
              "a station maximum profile may only be set on EVSE 0");
        }
        if (profile.kind() == ProfileKind.RELATIVE) {
          return reject(
              RejectionReason.STATION_MAX_RELATIVE,
              "a station maximum profile must not be Relative");
        }
        OperationMode stationMode = notChargingOnly(profile);
        if (stationMode != null) {
          return reject(
              RejectionReason.OPERATION_MODE_NOT_ALLOWED,
              "station maximum periods are ChargingOnly (K01.FR.111), not " + stationMode);
        }
        break;
      case TX:
        if (evse == 0) {
          return reject(RejectionReason.TX_PROFILE_ON_STATION, "a TxProfile needs an EVSE above 0");
        }
        ActiveTransaction tx = transactions.get(evse);
        if (tx == null) {
          return reject(
              RejectionReason.NO_TRANSACTION,
              "no transaction on EVSE " + evse + ": a TxProfile cannot be set in advance");
        }
        String txId = profile.transactionId();
        if (txId == null) {
          if (rules.txProfileNeedsTransactionId()) {
            return reject(
                RejectionReason.MISSING_TRANSACTION_ID, "a TxProfile must carry transactionId");
          }
          // 1.6 §5.16 says the CSMS SHALL include it; without one, bind to the running transaction
          // so that it is removed when that ends.
          candidate = profile.toBuilder().transactionId(tx.id()).build();
        } else if (!txId.equals(tx.id())) {
          return reject(
              RejectionReason.TRANSACTION_MISMATCH,
              "transactionId " + txId + " is not the transaction on EVSE " + evse);
        }
        break;
      case TX_DEFAULT:
        break;
      case PRIORITY_CHARGING:
        for (ChargingSchedule s : profile.schedules()) {
          if (s.duration() != null) {
            return reject(
                RejectionReason.PRIORITY_WITH_DURATION,
                "a PriorityCharging schedule has no duration: it lasts the transaction (K01.FR.70)");
          }
        }
        OperationMode priorityMode = notChargingOnly(profile);
        if (priorityMode != null) {
          return reject(
              RejectionReason.OPERATION_MODE_NOT_ALLOWED,
              "PriorityCharging periods are ChargingOnly (K01.FR.71), not " + priorityMode);
        }
        break;
    }
    if (profile.purpose() != ProfilePurpose.TX && profile.transactionId() != null) {
      return reject(
          RejectionReason.TRANSACTION_ID_NOT_ALLOWED,
          "transactionId is only allowed on a TxProfile");
    }
    if (profile.stackLevel() < 0 || profile.stackLevel() > limits.maxStackLevel()) {
      return reject(
          RejectionReason.STACK_LEVEL_OUT_OF_RANGE,
          "stackLevel " + profile.stackLevel() + " outside 0.." + limits.maxStackLevel());
    }
    if (profile.kind() == ProfileKind.DYNAMIC) {
      if (profile.schedules().size() != 1 || profile.schedule().periods().size() != 1) {
        return reject(
            RejectionReason.DYNAMIC_NOT_ONE_PERIOD,
            "a Dynamic profile holds one schedule of one period (K28.FR.01)");
      }
    } else if (profile.dynUpdateInterval() != null || profile.dynUpdateTime() != null) {
      return reject(
          RejectionReason.NOT_DYNAMIC,
          "dynUpdateInterval and dynUpdateTime belong to Dynamic profiles only");
    }
    if (isNegative(profile.dynUpdateInterval()) || isNegative(profile.maxOfflineDuration())) {
      return reject(
          RejectionReason.INVALID_VALUE,
          "dynUpdateInterval and maxOfflineDuration must not be negative");
    }
    if (profile.kind() == ProfileKind.RECURRING && profile.recurrency() == null) {
      return reject(RejectionReason.RECURRENCY_MISSING, "a Recurring profile needs recurrencyKind");
    }
    if (profile.validFrom() != null
        && profile.validTo() != null
        && !profile.validTo().isAfter(profile.validFrom())) {
      return reject(RejectionReason.EMPTY_VALIDITY, "validTo must be after validFrom");
    }
    for (ChargingSchedule schedule : profile.schedules()) {
      ValidationResult bad = checkSchedule(profile.kind(), schedule, rules);
      if (bad == null) {
        bad = checkPerPhase(profile.purpose(), schedule);
      }
      if (bad != null) {
        return bad;
      }
    }
    if (rules.refusesDuplicateStackLevel()) {
      ValidationResult duplicate = checkDuplicates(profile, store);
      if (duplicate != null) {
        return duplicate;
      }
    }
    List<ChargingProfile> replaced = store.replacedBy(candidate, rules);
    for (ChargingProfile old : replaced) {
      if (old.purpose() == ProfilePurpose.CHARGING_STATION_EXTERNAL_CONSTRAINTS) {
        return reject(
            RejectionReason.EXTERNAL_CONSTRAINTS_NOT_REPLACEABLE,
            "profile " + old.id() + " holds external constraints and cannot be replaced");
      }
    }
    if (store.size() - replaced.size() + 1 > limits.maxInstalled()) {
      return reject(
          RejectionReason.TOO_MANY_PROFILES,
          "at most " + limits.maxInstalled() + " profiles may be installed");
    }
    return ValidationResult.accepted(candidate, replaced);
  }

  private @Nullable ValidationResult checkSchedule(
      ProfileKind kind, ChargingSchedule schedule, ProfileRules rules) {
    if ((kind == ProfileKind.ABSOLUTE || kind == ProfileKind.RECURRING)
        && schedule.startSchedule() == null) {
      return reject(RejectionReason.START_SCHEDULE_MISSING, kind + " profiles need startSchedule");
    }
    // Where it is allowed (1.6) the start is ignored; the schedule runs from the anchor.
    if (rules.relativeRefusesStartSchedule()
        && kind == ProfileKind.RELATIVE
        && schedule.startSchedule() != null) {
      return reject(
          RejectionReason.START_SCHEDULE_NOT_ALLOWED,
          "a Relative profile must not have startSchedule");
    }
    if (!limits.allowedUnits().contains(schedule.unit())) {
      return reject(
          RejectionReason.UNSUPPORTED_RATE_UNIT,
          "chargingRateUnit " + schedule.unit() + " is not in " + limits.allowedUnits());
    }
    Integer duration = schedule.duration();
    if (duration != null && duration < 0) {
      return reject(RejectionReason.INVALID_VALUE, "duration must not be negative");
    }
    if (schedule.minChargingRate() != null && schedule.minChargingRate().signum() < 0) {
      return reject(RejectionReason.INVALID_VALUE, "minChargingRate must not be negative");
    }
    List<SchedulePeriod> periods = schedule.periods();
    if (periods.isEmpty()) {
      return reject(RejectionReason.NO_PERIODS, "a schedule needs at least one period");
    }
    if (periods.size() > limits.maxPeriods()) {
      return reject(
          RejectionReason.TOO_MANY_PERIODS,
          periods.size() + " periods, at most " + limits.maxPeriods() + " allowed");
    }
    if (periods.get(0).startPeriod() != 0) {
      return reject(RejectionReason.FIRST_PERIOD_NOT_AT_ZERO, "the first period must start at 0");
    }
    int previous = -1;
    for (SchedulePeriod period : periods) {
      if (period.startPeriod() <= previous) {
        return reject(
            RejectionReason.PERIODS_NOT_ASCENDING,
            "startPeriod " + period.startPeriod() + " does not follow " + previous);
      }
      previous = period.startPeriod();
      BigDecimal limit = period.limit();
      if (limit == null) {
        if (period.mode().needsLimit()) {
          return reject(
              RejectionReason.LIMIT_REQUIRED,
              "period at "
                  + period.startPeriod()
                  + " s: limit is required in operationMode "
                  + period.mode().specName());
        }
      } else if (limit.signum() < 0) {
        return reject(RejectionReason.INVALID_VALUE, "limit must not be negative");
      }
      Integer phases = period.numberPhases();
      if (phases != null && (phases < 1 || phases > 3)) {
        return reject(
            RejectionReason.INVALID_NUMBER_PHASES, "numberPhases " + phases + " outside 1..3");
      }
      Integer phaseToUse = period.phaseToUse();
      if (phaseToUse != null) {
        if (phases == null || phases != 1) {
          return reject(
              RejectionReason.PHASE_TO_USE_NEEDS_ONE_PHASE,
              "phaseToUse is only allowed with numberPhases 1");
        }
        if (!limits.phaseSwitchingSupported()) {
          return reject(
              RejectionReason.PHASE_SWITCHING_UNSUPPORTED,
              "phaseToUse needs ACPhaseSwitchingSupported");
        }
        if (phaseToUse < 1 || phaseToUse > 3) {
          return reject(
              RejectionReason.INVALID_VALUE, "phaseToUse " + phaseToUse + " outside 1..3");
        }
      }
    }
    return null;
  }

  /** 2.1 values per phase: where they may stand (K01.FR.142-146) and their ranges. */
  static @Nullable ValidationResult checkPerPhase(
      ProfilePurpose purpose, ChargingSchedule schedule) {
    for (SchedulePeriod period : schedule.periods()) {
      PhaseValues values = period.perPhase();
      ReactiveSetpoint reactive = period.setpointReactive();
      boolean reactivePerPhase = reactive != null && reactive.perPhase();
      if (values == null && !reactivePerPhase) {
        continue;
      }
      if (purpose != ProfilePurpose.TX) {
        return reject(
            RejectionReason.PHASE_CONFLICT, "values per phase are only allowed in a TxProfile");
      }
      if (period.phases() != SchedulePeriod.DEFAULT_PHASES) {
        return reject(
            RejectionReason.PHASE_CONFLICT,
            "values per phase need numberPhases 3, not " + period.phases());
      }
      ValidationResult bad =
          reactivePerPhase
              ? pair("setpointReactive", reactive.value(), reactive.l2(), reactive.l3(), 0)
              : null;
      if (values == null) {
        if (bad != null) {
          return bad;
        }
        continue;
      }
      if (bad == null) {
        bad = pair("limit", period.limit(), values.limitL2(), values.limitL3(), 1);
      }
      if (bad == null) {
        bad =
            pair(
                "dischargeLimit",
                period.dischargeLimit(),
                values.dischargeLimitL2(),
                values.dischargeLimitL3(),
                -1);
      }
      if (bad == null) {
        bad = pair("setpoint", period.setpoint(), values.setpointL2(), values.setpointL3(), 0);
      }
      if (bad != null) {
        return bad;
      }
    }
    return null;
  }

  /**
   * One split value: L2 and L3 together, with the L1 value beside them, each on the side {@code
   * sign} asks (1: at or above 0, -1: at or below 0, 0: either).
   */
  private static @Nullable ValidationResult pair(
      String name,
      @Nullable BigDecimal l1,
      @Nullable BigDecimal l2,
      @Nullable BigDecimal l3,
      int sign) {
    if (l2 == null && l3 == null) {
      return null;
    }
    if (l2 == null || l3 == null) {
      return reject(
          RejectionReason.PHASE_CONFLICT,
          name
              + "_L2 and "
              + name
              + "_L3 come together; "
              + name
              + (l2 == null ? "_L2" : "_L3")
              + " is missing");
    }
    if (l1 == null) {
      return reject(
          RejectionReason.PHASE_CONFLICT,
          name + "_L2 and " + name + "_L3 need " + name + " (phase L1) beside them");
    }
    if (l2.signum() * sign < 0 || l3.signum() * sign < 0) {
      return reject(
          RejectionReason.INVALID_VALUE,
          name
              + "_L2 and "
              + name
              + "_L3 must be "
              + (sign > 0 ? "at or above" : "at or below")
              + " 0");
    }
    return null;
  }

  /** 2.0.1 K01.FR.06 (other purposes) and K01.FR.39 (TxProfiles). */
  private static @Nullable ValidationResult checkDuplicates(
      ChargingProfile profile, ProfileStore store) {
    for (ChargingProfile other : store.profiles()) {
      if (other.id() == profile.id()
          || other.purpose() != profile.purpose()
          || other.stackLevel() != profile.stackLevel()) {
        continue;
      }
      if (profile.purpose() == ProfilePurpose.TX) {
        if (Objects.equals(other.transactionId(), profile.transactionId())) {
          return reject(
              RejectionReason.DUPLICATE_PROFILE,
              "TxProfile " + other.id() + " has the same stackLevel and transaction (K01.FR.39)");
        }
      } else if (other.evseId() == profile.evseId() && overlap(other, profile)) {
        return reject(
            RejectionReason.DUPLICATE_PROFILE,
            "profile "
                + other.id()
                + " has the same stackLevel, purpose and EVSE with overlapping validity (K01.FR.06)");
      }
    }
    return null;
  }

  private static boolean overlap(ChargingProfile a, ChargingProfile b) {
    return before(a.validFrom(), b.validTo()) && before(b.validFrom(), a.validTo());
  }

  /** Whether a start (null = always) lies before an end (null = never). */
  private static boolean before(@Nullable Instant start, @Nullable Instant end) {
    return start == null || end == null || start.isBefore(end);
  }

  /** The first period mode of {@code profile} other than ChargingOnly; null if all only charge. */
  private static @Nullable OperationMode notChargingOnly(ChargingProfile profile) {
    for (ChargingSchedule s : profile.schedules()) {
      for (SchedulePeriod period : s.periods()) {
        if (period.mode() != OperationMode.CHARGING_ONLY) {
          return period.mode();
        }
      }
    }
    return null;
  }

  private static boolean isNegative(@Nullable Integer seconds) {
    return seconds != null && seconds < 0;
  }

  private static ValidationResult reject(RejectionReason reason, String detail) {
    return ValidationResult.rejected(reason, detail);
  }
}
