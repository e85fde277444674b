package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.rpc.RpcSession;
import io.kilowire.core.ocpp.v201.adapter.V201SmartChargingMapping;
import io.kilowire.core.ocpp.v201.adapter.V201StationHandlers;
import io.kilowire.core.ocpp.v21.GetChargingProfilesRequest;
import io.kilowire.core.ocpp.v21.GetChargingProfilesResponse;
import io.kilowire.core.ocpp.v21.GetCompositeScheduleRequest;
import io.kilowire.core.ocpp.v21.GetCompositeScheduleResponse;
import io.kilowire.core.ocpp.v21.ReportChargingProfilesResponse;
import io.kilowire.core.ocpp.v21.SetChargingProfileRequest;
import io.kilowire.core.smartcharging.ChargingProfile;
import io.kilowire.core.smartcharging.ValidationResult;
import io.kilowire.core.station.Station;
import java.util.List;

/**
 * The few CSMS instructions a 2.1 station takes in 2.1's own terms, because the domain has what 2.1
 * adds to them: a charging profile's operation modes, discharge limits and setpoints, set
 * (SetChargingProfile), reported (GetChargingProfiles → ReportChargingProfiles) and in the
 * composite (GetCompositeSchedule). Registered on the 2.1 session after the 2.0.1 handlers, whose
 * bridge would refuse those fields; everything else keeps going through the 2.0.1 adapter ({@link
 * V21Endpoint}).
 */
public final class V21StationHandlers {
  private V21StationHandlers() {}

  public static void register(V21Endpoint endpoint, Station station) {
    V21TariffHandlers.register(endpoint, station);
    V21ChargingNeeds.register(endpoint, station); // ISO 15118-20 figures, V2X
    V21OperationModeHandlers.register(endpoint, station);
    V21ResetHandlers.register(endpoint, station); // ImmediateAndResume, TxResumed
    V21TriggerMarkers.register(endpoint); // 2.1 trigger reasons marked in queued events
    V21Measurands.register(endpoint); // 2.1 measurands marked in meter values
    V21TransactionLimits.register(endpoint, station); // E16: cost, energy, time, SoC limits
    V21TriggerMessageHandlers.register(endpoint, station); // 2.1's new trigger kinds
    V21MonitorEvents.register(endpoint, station); // a tripped monitor's severity
    V21PersonalMessages.register(endpoint); // 2.1's QR codes and longer texts in tariffs
    V21ReservationHandlers.register(endpoint, station); // connectorType as 2.1's string
    V21CertificateSigning.register(endpoint, station); // A02/A03: the signing requestId
    V21CertificateHandlers.register(endpoint, station); // M03/M05: 2.1's OEM root type
    V21FirmwareHandlers.register(endpoint, station); // 2.1's longer firmware locations
    endpoint
        .session()
        .handle(
            SetChargingProfileRequest.class,
            r -> {
              ValidationResult unsupported = V21SmartChargingMapping.unsupported(r);
              if (unsupported != null) {
                return V21SmartChargingMapping.response(unsupported);
              }
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
    RpcSession session = endpoint.session();
    V21DerHandlers.register(endpoint, station); // block R
    session.handle(
        GetCompositeScheduleRequest.class,
        r -> {
          var shared = shared(r, io.kilowire.core.ocpp.v201.GetCompositeScheduleRequest.class);
          var refused = V201StationHandlers.compositeRefusal(station, shared);
          return refused != null
              ? V21Translation.translate(
                  refused, GetCompositeScheduleResponse.class, V21Translation.Mode.STRICT)
              : V21SmartChargingMapping.compositeResponse(
                  V201StationHandlers.composite(station, shared));
        });
    session.handle(
        GetChargingProfilesRequest.class,
        r -> {
          var shared = shared(r, io.kilowire.core.ocpp.v201.GetChargingProfilesRequest.class);
          List<ChargingProfile> found =
              station.chargingProfiles(V201SmartChargingMapping.query(shared));
          if (!found.isEmpty()) {
            // ReportChargingProfiles follow the reply (K09), in 2.1 terms, tbc on all but the last.
            station.afterReply(
                () ->
                    V21SmartChargingMapping.reports(r.requestId(), found)
                        .forEach(
                            report -> session.call(report, ReportChargingProfilesResponse.class)));
          }
          return V21Translation.translate(
              V201SmartChargingMapping.getChargingProfilesResponse(found),
              GetChargingProfilesResponse.class,
              V21Translation.Mode.STRICT);
        });
  }

  /** A CSMS request in 2.0.1's record, strictly: a 2.1-only field is NotSupported, by name. */
  private static <T> T shared(Object request, Class<T> type) {
    try {
      return V21Translation.translate(request, type, V21Translation.Mode.STRICT);
    } catch (Untranslatable u) {
      throw new OcppCallException(
          ErrorCode.NOT_SUPPORTED, u.path() + ": " + u.problem() + "; not supported here");
    }
  }
}
