package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import io.kilowire.core.ocpp.v201.NetworkConnectionProfile;
import io.kilowire.core.ocpp.v201.SetNetworkProfileRequest;
import io.kilowire.core.ocpp.v201.SetNetworkProfileResponse;
import io.kilowire.core.ocpp.v201.SetNetworkProfileStatus;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.station.network.NetworkProfile;
import io.kilowire.core.station.network.NetworkProfiles;
import java.net.URI;
import java.util.function.IntSupplier;

/**
 * Answers 2.0.1 SetNetworkProfile (B09) from the station's {@link NetworkProfiles}: only OCPP 2.0
 * over JSON is a profile this station can use; the rest is the room's check.
 */
public final class V201NetworkProfileHandlers {
  private V201NetworkProfileHandlers() {}

  /**
   * @param securityProfile the security profile in force now
   */
  public static void register(
      OcppEndpoint session, NetworkProfiles profiles, IntSupplier securityProfile) {
    session.handle(
        SetNetworkProfileRequest.class,
        r -> {
          NetworkProfile profile = profile(r.connectionData());
          int inForce = securityProfile.getAsInt();
          String rejection =
              profile == null
                  ? "InvalidNetworkConf" // B09.FR.02: a profile this station cannot speak
                  : profiles.rejection(r.configurationSlot(), profile, inForce);
          if (rejection != null) {
            return new SetNetworkProfileResponse(
                null, SetNetworkProfileStatus.REJECTED, StatusInfo.of(rejection));
          }
          NetworkProfiles.SetStatus status = profiles.set(r.configurationSlot(), profile, inForce);
          return new SetNetworkProfileResponse(
              null, SetNetworkProfileStatus.valueOf(status.name()), null);
        });
  }

  /** The profile, or null for one this station cannot speak (another version, SOAP, no URI). */
  static @org.jspecify.annotations.Nullable NetworkProfile profile(NetworkConnectionProfile data) {
    if (!data.ocppVersion().value().equals("OCPP20")
        || !data.ocppTransport().value().equals("JSON")) {
      return null;
    }
    try {
      return new NetworkProfile(
          new URI(data.ocppCsmsUrl()), data.securityProfile(), data.messageTimeout());
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
