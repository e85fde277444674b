package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.ocpp.v21.ChargingSchedulePeriod;
import io.kilowire.core.ocpp.v21.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.ocpp.v21.SetChargingProfileResponse;
import io.kilowire.core.ocpp.v21.adapter.V21Translation.Mode;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ChargingSchedule;
import io.kilowire.core.smartcharging.CompositeSchedule;
import io.kilowire.core.smartcharging.OperationMode;
import io.kilowire.core.smartcharging.ProfileRules;
import io.kilowire.core.smartcharging.SchedulePeriod;
import io.kilowire.core.smartcharging.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * 2.1 charging profiles ↔ the engine's domain, for callers holding 2.1 records (the emulator's
 * {@code schedule} command). The profile rules are 2.0.1's; a 2.1 profile goes through the 2.0.1
 * mapping by its shared fields plus the bidirectional ones the engine has (operation mode,
 * discharge limit, setpoint); what else 2.1 adds is refused by name ({@link Untranslatable}).
 */
public final class V21SmartChargingMapping {
  /** 2.1 replaces, stacks and ties TxProfiles to transactions as 2.0.1 does. */
  public static final ProfileRules PROFILE_RULES = V201SmartChargingMapping.PROFILE_RULES;

  private V21SmartChargingMapping() {}

  /** The period fields 2.1 adds that the engine models ({@link SchedulePeriod#bidirectional}). */
  private static final Set<String> BIDIRECTIONAL =
      Set.of("dischargeLimit", "setpoint", "operationMode");

  /**
   * The domain profile of a 2.1 SetChargingProfile: the fields 2.0.1 shares through the 2.0.1
   * mapping, then each period's operation mode, discharge limit and setpoint.
   *
   * @throws Untranslatable for a 2.1 feature the engine does not model yet (per-phase discharge
   *     limits and setpoints, reactive setpoints, frequency curves, Dynamic profiles, ...), with
   *     its path
   */
  public static ChargingProfile profile(SetChargingProfileRequest request) {
    ChargingProfile shared =
        V201SmartChargingMapping.profile(
            V21Translation.translate(
                request,
                io.kilowire.core.ocpp.v201.SetChargingProfileRequest.class,
                Mode.STRICT,
                BIDIRECTIONAL));
    List<io.kilowire.core.ocpp.v21.ChargingSchedule> wire =
        request.chargingProfile().chargingSchedule();
    List<ChargingSchedule> schedules = new ArrayList<>();
    for (int i = 0; i < wire.size(); i++) {
      ChargingSchedule s = shared.schedules().get(i);
      List<ChargingSchedulePeriod> wirePeriods = wire.get(i).chargingSchedulePeriod();
      List<SchedulePeriod> periods = new ArrayList<>();
      for (int j = 0; j < wirePeriods.size(); j++) {
        ChargingSchedulePeriod p = wirePeriods.get(j);
        periods.add(
            s.periods()
                .get(j)
                .bidirectional(
                    p.dischargeLimit(),
                    p.setpoint(),
                    p.operationMode() == null
                        ? null
                        : OperationMode.valueOf(p.operationMode().name())));
      }
      schedules.add(
          new ChargingSchedule(
              s.id(), s.startSchedule(), s.duration(), s.unit(), periods, s.minChargingRate()));
    }
    return shared.toBuilder().schedules(schedules).build();
  }

  /** The 2.1 wire value of a domain operation mode. */
  public static io.kilowire.core.ocpp.v21.OperationMode mode(OperationMode mode) {
    return io.kilowire.core.ocpp.v21.OperationMode.valueOf(mode.name());
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
