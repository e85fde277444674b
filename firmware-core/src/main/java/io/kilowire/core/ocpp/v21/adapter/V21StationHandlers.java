package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.station.Station;

/**
 * The few CSMS instructions a 2.1 station takes in 2.1's own terms, because the domain has what 2.1
 * adds to them: a charging profile's operation modes, discharge limits and setpoints. Registered on
 * the 2.1 session after the 2.0.1 handlers, whose bridge would refuse those fields; everything else
 * keeps going through the 2.0.1 adapter ({@link V21Endpoint}).
 */
public final class V21StationHandlers {
  private V21StationHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    endpoint
        .session()
        .handle(
            SetChargingProfileRequest.class,
            r -> {
              ChargingProfile profile;
              try {
                profile = V21SmartChargingMapping.profile(r);
              } catch (Untranslatable u) {
                throw new OcppCallException(
                    ErrorCode.NOT_SUPPORTED,
                    "SetChargingProfile " + u.path() + ": " + u.problem() + "; not supported here");
              }
              return V21SmartChargingMapping.response(station.setChargingProfile(profile));
            });
  }
}
