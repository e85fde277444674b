package io.kilowire.core.ocpp.v21.adapter;

import io.kilowire.core.ocpp.rpc.ErrorCode;
import io.kilowire.core.ocpp.rpc.OcppCallException;
import io.kilowire.core.ocpp.v201.adapter.V201NetworkProfileHandlers;
import io.kilowire.core.ocpp.v21.NetworkConnectionProfile;
import io.kilowire.core.ocpp.v21.SetNetworkProfileRequest;
import io.kilowire.core.ocpp.v21.SetNetworkProfileResponse;
import io.kilowire.core.ocpp.v21.SetNetworkProfileStatus;
import io.kilowire.core.ocpp.v21.StatusInfo;
import io.kilowire.core.station.network.NetworkProfile;
import io.kilowire.core.station.network.NetworkProfiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * 2.1's SetNetworkProfile (B09). 2.1 makes a profile's ocppVersion optional and says to ignore it
 * (the WebSocket handshake picks the version), so unlike on 2.0.1 it is no reason to refuse; the
 * per-profile identity and basic-auth password 2.1 adds are not kept by this station, so they are
 * refused by name rather than dropped. The slot, priority and security checks are the room's.
 */
public final class V21NetworkProfileHandlers {
  private V21NetworkProfileHandlers() {}

  /**
   * @param securityProfile the security profile in force now
   */
  public static void register(
      V21Endpoint endpoint, NetworkProfiles profiles, IntSupplier securityProfile) {
    endpoint
        .session()
        .handle(SetNetworkProfileRequest.class, r -> set(profiles, securityProfile.getAsInt(), r));
  }

  private static SetNetworkProfileResponse set(
      NetworkProfiles profiles, int inForce, SetNetworkProfileRequest r) {
    NetworkConnectionProfile data = r.connectionData();
    refuseIfPresent("identity", data.identity());
    refuseIfPresent("basicAuthPassword", data.basicAuthPassword());
    V201NetworkProfileHandlers.Outcome outcome =
        V201NetworkProfileHandlers.offer(profiles, r.configurationSlot(), profile(data), inForce);
    return new SetNetworkProfileResponse(
        SetNetworkProfileStatus.valueOf(outcome.status().name()),
        outcome.rejection() == null ? null : new StatusInfo(outcome.rejection(), null, null),
        null);
  }

  private static void refuseIfPresent(String field, @Nullable String value) {
    if (value != null) {
      throw new OcppCallException(
          ErrorCode.NOT_SUPPORTED,
          "SetNetworkProfile connectionData."
              + field
              + ": a profile's own "
              + field
              + " is not kept here; not supported");
    }
  }

  /** The profile, or null for one this station cannot speak (SOAP, no valid URI). */
  private static @Nullable NetworkProfile profile(NetworkConnectionProfile data) {
    if (!data.ocppTransport().value().equals("JSON")) {
      return null;
    }
    try {
      return new NetworkProfile(
          new URI(data.ocppCsmsUrl()), data.securityProfile(), data.messageTimeout());
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
