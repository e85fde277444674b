package io.kilowire.core.configuration;

import java.util.List;

/**
 * The SmartChargingCtrlr variables 2.1 adds for what this station does, listed on a 2.1 station
 * only, named as the 2.1 Edition 1 appendices (v2.0, chapter 4) name them: the additional purposes
 * it takes (PriorityCharging; not LocalGeneration, whose profiles it refuses), Dynamic profiles,
 * profiles' maxOfflineDuration / invalidAfterOfflineDuration, and the schedule features it refuses
 * (useLocalTime, randomizedDelay, limitAtSoC, evseSleep: read false, as SetChargingProfile answers
 * them). Constants: they say what the station is built to do.
 */
public final class V21SmartChargingVariables {
  private V21SmartChargingVariables() {}

  public static final DeviceVariable<List<String>> SUPPORTED_ADDITIONAL_PURPOSES =
      DeviceVariable.of(
          V201Variables.SmartChargingCtrlr.ID,
          VariableId.of("SupportedAdditionalPurposes"),
          ValueType.memberList(List.of("PriorityCharging", "LocalGeneration")),
          List.of("PriorityCharging"),
          Key::asConstant);

  public static final DeviceVariable<Boolean> SUPPORTS_DYNAMIC_PROFILES =
      DeviceVariable.of(
          V201Variables.SmartChargingCtrlr.ID,
          VariableId.of("SupportsDynamicProfiles"),
          ValueType.bool(),
          true,
          Key::asConstant);

  public static final DeviceVariable<Boolean> SUPPORTS_MAX_OFFLINE_DURATION =
      DeviceVariable.of(
          V201Variables.SmartChargingCtrlr.ID,
          VariableId.of("SupportsMaxOfflineDuration"),
          ValueType.bool(),
          true,
          Key::asConstant);

  // The schedule features SetChargingProfile refuses (K01.FR.123-126): false, so a CSMS need not
  // try them ("absent or false" both mean unsupported; false says it outright).
  public static final DeviceVariable<Boolean> SUPPORTS_USE_LOCAL_TIME = refused("UseLocalTime");

  public static final DeviceVariable<Boolean> SUPPORTS_RANDOMIZED_DELAY =
      refused("RandomizedDelay");

  public static final DeviceVariable<Boolean> SUPPORTS_LIMIT_AT_SOC = refused("LimitAtSoC");

  public static final DeviceVariable<Boolean> SUPPORTS_EVSE_SLEEP = refused("EvseSleep");

  private static DeviceVariable<Boolean> refused(String feature) {
    return DeviceVariable.of(
        V201Variables.SmartChargingCtrlr.ID,
        VariableId.of("Supports" + feature),
        ValueType.bool(),
        false,
        Key::asConstant);
  }

  /**
   * The highest id a ChargingStationExternalConstraints profile of the station's own has (K11.FR.06
   * note, ERR21 2.28): a local system's limit is installed under -1 to -4, one per source ({@code
   * SmartChargingService.externalLimitId}), so a CSMS uses ids above -1. Read-only: the station's
   * ids are its own.
   */
  public static final DeviceVariable<Integer> MAX_EXTERNAL_CONSTRAINTS_ID =
      DeviceVariable.of(
          V201Variables.SmartChargingCtrlr.ID,
          VariableId.of("MaxExternalConstraintsId"),
          ValueType.integer(Integer.MIN_VALUE, Integer.MAX_VALUE),
          -1,
          Key::asConstant);

  /**
   * A running transaction's TxProfiles are kept with the other profiles and come back after a
   * restart (ChargingProfilePersistence[TxProfile]).
   */
  public static final DeviceVariable<Boolean> CHARGING_PROFILE_PERSISTENCE_TX_PROFILE =
      persistence("TxProfile");

  /** A local system's limits are kept too ({@code SmartChargingService.installExternalLimit}). */
  public static final DeviceVariable<Boolean> CHARGING_PROFILE_PERSISTENCE_EXTERNAL_CONSTRAINTS =
      persistence("ChargingStationExternalConstraints");

  private static DeviceVariable<Boolean> persistence(String purpose) {
    return DeviceVariable.of(
        V201Variables.SmartChargingCtrlr.ID,
        VariableId.of("ChargingProfilePersistence", purpose),
        ValueType.bool(),
        true,
        Key::asConstant);
  }

  public static final List<DeviceVariable<?>> ALL =
      List.of(
          SUPPORTED_ADDITIONAL_PURPOSES,
          SUPPORTS_DYNAMIC_PROFILES,
          SUPPORTS_MAX_OFFLINE_DURATION,
          SUPPORTS_USE_LOCAL_TIME,
          SUPPORTS_RANDOMIZED_DELAY,
          SUPPORTS_LIMIT_AT_SOC,
          SUPPORTS_EVSE_SLEEP,
          MAX_EXTERNAL_CONSTRAINTS_ID,
          CHARGING_PROFILE_PERSISTENCE_TX_PROFILE,
          CHARGING_PROFILE_PERSISTENCE_EXTERNAL_CONSTRAINTS);
}
