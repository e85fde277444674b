package io.kilowire.core.station.network;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how the station reaches a CSMS: a network connection profile (2.0.1
 * NetworkConnectionProfileType, the parts the station acts on).
 *
 * @param csmsUrl the CSMS's WebSocket URL, without the station's id
 * @param securityProfile 0-3
 * @param messageTimeoutSeconds how long a CALL waits for its answer
 */
public record NetworkProfile(URI csmsUrl, int securityProfile, int messageTimeoutSeconds) {
  public NetworkProfile {
    Objects.requireNonNull(csmsUrl, "csmsUrl");
  }

  /**
   * Why the station could not use it, or null: a ws/wss URL whose scheme matches the profile (TLS
   * from profile 2 on), a security profile 0-3, a positive timeout.
   */
  public @org.jspecify.annotations.Nullable String problem() {
    String scheme = csmsUrl.getScheme() == null ? "" : csmsUrl.getScheme().toLowerCase();
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      return "the CSMS URL is not ws:// or wss://";
    }
    if (csmsUrl.getHost() == null) {
      return "the CSMS URL has no host";
    }
    if (securityProfile < 0 || securityProfile > 3) {
      return "security profile " + securityProfile + " does not exist";
    }
    if ((securityProfile >= 2) != scheme.equals("wss")) {
      return "security profile "
          + securityProfile
          + " needs "
          + (securityProfile >= 2 ? "wss" : "ws");
    }
    if (messageTimeoutSeconds <= 0) {
      return "the message timeout is not positive";
    }
    return null;
  }
}
