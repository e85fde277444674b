package io.kilowire.core.smartcharging;

/**
 * Why a SetChargingProfile was refused, with a short reason code (at most 20 characters, as 2.0.1
 * {@code statusInfo.reasonCode} allows). The 2.0.1 requirement ids are reconstructions (SPEC-FACTS
 * B.3, gap H.1); the reason codes are ours, as 2.0.1 leaves them free. How a version answers each
 * reason is its adapter's business (1.6: {@code V16SmartChargingMapping.status}).
 */
public enum RejectionReason {
  /** The EVSE does not exist (2.0.1 K01.FR.28). */
  UNKNOWN_EVSE("InvalidEVSE"),
  /** A station maximum on an EVSE. 1.6 §3.13.1; 2.0.1 K01.FR.38 as libocpp reads it. */
  STATION_MAX_NOT_ON_STATION("InvalidEVSE"),
  /** A TxProfile on the station (1.6 §3.13.1, 2.0.1 K01.FR.16). */
  TX_PROFILE_ON_STATION("InvalidEVSE"),
  /** 2.0.1 ChargingStationExternalConstraints come from local systems only (K01.FR.22). */
  EXTERNAL_CONSTRAINTS_NOT_SETTABLE("InvalidProfileType"),
  /** 2.0.1: an id held by an external-constraints profile cannot be replaced (ERR21 2.16). */
  EXTERNAL_CONSTRAINTS_NOT_REPLACEABLE("InvalidValue"),
  /** A TxProfile with no transaction on the EVSE (1.6 §3.13.1, 2.0.1 K01.FR.09). */
  NO_TRANSACTION("TxNotFound"),
  /** A TxProfile for another transaction than the EVSE's (1.6 §5.16, 2.0.1 K01.FR.33). */
  TRANSACTION_MISMATCH("TxNotFound"),
  /** 2.0.1: a TxProfile must name its transaction (K01.FR.03). */
  MISSING_TRANSACTION_ID("InvalidValue"),
  /** A transactionId on a profile that is not a TxProfile (1.6 §7.8, 2.0.1 schema). */
  TRANSACTION_ID_NOT_ALLOWED("InvalidValue"),
  /** Stack level below 0 or above the configured maximum (A.7 ChargeProfileMaxStackLevel, B.2). */
  STACK_LEVEL_OUT_OF_RANGE("InvalidStackLevel"),
  /**
   * 2.0.1: same stack level, purpose and EVSE as another profile with an overlapping validity
   * (K01.FR.06); or for TxProfiles the same stack level and transaction (K01.FR.39).
   */
  DUPLICATE_PROFILE("DuplicateProfile"),
  /** A schedule unit the station does not support. */
  UNSUPPORTED_RATE_UNIT("UnsupportedRateUnit"),
  /** The first period must start at 0 (ERR16 3.45/3.69, 2.0.1 K01.FR.31). */
  FIRST_PERIOD_NOT_AT_ZERO("InvalidSchedule"),
  /** Period starts must be strictly ascending (2.0.1 K01.FR.35; implied in 1.6 §7.13). */
  PERIODS_NOT_ASCENDING("InvalidSchedule"),
  /** A schedule without periods. */
  NO_PERIODS("InvalidSchedule"),
  /** More periods than ChargingScheduleMaxPeriods / PeriodsPerSchedule. */
  TOO_MANY_PERIODS("InvalidSchedule"),
  /** Installing would exceed MaxChargingProfilesInstalled / Entries.maxLimit. */
  TOO_MANY_PROFILES("TooManyProfiles"),
  /** A Recurring profile without recurrencyKind (ERR16 3.56, libocpp 1.6 checklist). */
  RECURRENCY_MISSING("InvalidProfileType"),
  /** Absolute and Recurring need startSchedule (2.0.1 K01.FR.40, libocpp 1.6 checklist). */
  START_SCHEDULE_MISSING("InvalidSchedule"),
  /** 2.0.1: a Relative profile must not have startSchedule (K01.FR.41). */
  START_SCHEDULE_NOT_ALLOWED("InvalidSchedule"),
  /** A station maximum must not be Relative (2.0.1 K01.FR.38, libocpp 1.6 checklist). */
  STATION_MAX_RELATIVE("InvalidProfileType"),
  /** numberPhases outside 1..3 (2.1 schema bounds; a 3-phase supply at most). */
  INVALID_NUMBER_PHASES("InvalidSchedule"),
  /** phaseToUse without numberPhases 1 (2.0.1 K01.FR.19/20/48). */
  PHASE_TO_USE_NEEDS_ONE_PHASE("InvalidSchedule"),
  /** phaseToUse when ACPhaseSwitchingSupported is false (2.0.1 K01.FR.19/20). */
  PHASE_SWITCHING_UNSUPPORTED("InvalidSchedule"),
  /** A negative limit, duration, minChargingRate or stack of other numbers out of range. */
  INVALID_VALUE("InvalidValue"),
  /** validTo not after validFrom: the profile would never be valid. */
  EMPTY_VALIDITY("InvalidValue"),
  /**
   * 2.1: a TxProfile or TxDefaultProfile in an operation mode other than ChargingOnly (or Idle) on
   * an EVSE that cannot discharge: a TxProfile needs an EV in an ISO 15118-20 BPT session on
   * bidirectional hardware, a TxDefaultProfile bidirectional hardware. The reason code is 2.1's
   * standardized one for an operation mode the station cannot run (Part 2 appendix, reason codes);
   * the requirement that asks for it was not at hand to cite.
   */
  OPERATION_MODE_NOT_POSSIBLE("InvalidOperationMode"),
  /**
   * 2.1: a period without a limit in an operation mode that needs one, ChargingOnly (also when
   * absent) or Idle ({@link OperationMode#needsLimit}). The schema lets the field out, so this is
   * an answer, not a CALLERROR; the reason code is our reading (the schedule cannot be run as
   * given).
   */
  LIMIT_REQUIRED("InvalidSchedule"),
  /** 2.1: a Dynamic profile holds one schedule of one period (K28.FR.01, reason code K28.FR.03). */
  DYNAMIC_NOT_ONE_PERIOD("InvalidSchedule"),
  /** 2.1: dynUpdateInterval or dynUpdateTime on a profile that is not Dynamic (K01.FR.122). */
  NOT_DYNAMIC("InvalidProfile"),
  /** 2.1: a PriorityCharging schedule with a duration (K01.FR.70/73). */
  PRIORITY_WITH_DURATION("InvalidSchedule"),
  /** 2.1: an operation mode the profile's purpose does not allow (K01.FR.71/111-115). */
  OPERATION_MODE_NOT_ALLOWED("InvalidOperationMode"),
  /** 2.1: a purpose the station does not list in SupportedAdditionalPurposes (K01.FR.120). */
  UNSUPPORTED_PURPOSE("InvalidProfileType"),
  /**
   * 2.1: useLocalTime, randomizedDelay, limitAtSoC or evseSleep, which it lacks (K01.FR.123-126).
   */
  UNSUPPORTED_SCHEDULE_FEATURE("InvalidSchedule"),
  /**
   * 2.1: values per phase (limit_L2/L3, dischargeLimit_L2/L3, setpoint_L2/L3) outside a TxProfile,
   * without the value they split, on fewer than three phases (K01.FR.142-146), or L2 without L3.
   */
  PHASE_CONFLICT("PhaseConflict"),
  /**
   * 2.1: a setpointReactive where the EVSE cannot exchange reactive power (a plain pilot, an EV not
   * in an ISO 15118-20 bidirectional session). The reason code is ours, as for other parameters the
   * station does not take.
   */
  REACTIVE_NOT_POSSIBLE("UnsupportedParam");

  private final String reasonCode;

  RejectionReason(String reasonCode) {
    this.reasonCode = reasonCode;
  }

  /** The 2.0.1 statusInfo.reasonCode. */
  public String reasonCode() {
    return reasonCode;
  }
}
