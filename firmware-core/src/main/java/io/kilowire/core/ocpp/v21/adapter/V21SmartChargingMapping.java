package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.ocpp.v21.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v21.SetChargingProfileResponse;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.smartcharging.ValidationResult;

/**
 * 2.1 charging profiles ↔ the engine's domain, for callers holding 2.1 records (the emulator's
 * {@code schedule} command). The profile rules are 2.0.1's; a 2.1 profile goes through the 2.0.1
 * mapping by its shared fields, and what 2.1 adds that the engine does not model yet is refused by
 * name ({@link Untranslatable}).
 */
public final class V21SmartChargingMapping {
  /** 2.1 replaces, stacks and ties TxProfiles to transactions as 2.0.1 does. */
  public static final ProfileRules PROFILE_RULES = V201SmartChargingMapping.PROFILE_RULES;

  private V21SmartChargingMapping() {}

  /**
   * The domain profile of a 2.1 SetChargingProfile.
   *
   * @throws Untranslatable for a 2.1 feature the engine does not model yet, with its path
   */
  public static ChargingProfile profile(SetChargingProfileRequest request) {
    return V201SmartChargingMapping.profile(
        V21Translation.translate(
            request, io.kilowire.core.ocpp.v201.SetChargingProfileRequest.class, Mode.STRICT));
  }

  public static SetChargingProfileResponse response(ValidationResult result) {
    return V21Translation.translate(
        V201SmartChargingMapping.response(result), SetChargingProfileResponse.class, Mode.STRICT);
  }

  public static GetCompositeScheduleResponse compositeResponse(CompositeSchedule composite) {
    return V21Translation.translate(
        V201SmartChargingMapping.compositeResponse(composite),
        GetCompositeScheduleResponse.class,
        Mode.STRICT);
  }
}
