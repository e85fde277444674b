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
import org.jspecify.annotations.Nullable;

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
          Outcome outcome =
              offer(
                  profiles,
                  r.configurationSlot(),
                  profile(r.connectionData()),
                  securityProfile.getAsInt());
          return new SetNetworkProfileResponse(
              null,
              SetNetworkProfileStatus.valueOf(outcome.status().name()),
              outcome.rejection() == null ? null : StatusInfo.of(outcome.rejection()));
        });
  }

  /** What became of a profile offered for a slot; {@code rejection} is the reason code. */
  public record Outcome(NetworkProfiles.SetStatus status, @Nullable String rejection) {}

  /**
   * Offers {@code profile} (null: one this station cannot speak) for {@code slot}, the version's
   * wording aside: both versions answer from this.
   */
  public static Outcome offer(
      NetworkProfiles profiles, int slot, @Nullable NetworkProfile profile, int inForce) {
    String rejection =
        profile == null
            ? "InvalidNetworkConf" // B09.FR.02: a profile this station cannot speak
            : profiles.rejection(slot, profile, inForce);
    if (rejection != null || profile == null) {
      return new Outcome(NetworkProfiles.SetStatus.REJECTED, rejection);
    }
    return new Outcome(profiles.set(slot, profile, inForce), null);
  }

  /** The profile, or null for one this station cannot speak (another version, SOAP, no URI). */
  static @Nullable NetworkProfile profile(NetworkConnectionProfile data) {
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
