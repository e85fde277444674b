package io.kilowire.core.authorization;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to start charging with a token, and the circumstances the decision depends on.
 *
 * @param token the token presented or named by the CSMS
 * @param origin whether a driver presented it here or the CSMS asked for a remote start
 * @param evseId the EVSE it is for, when known (2.0.1 tokens may be valid for some EVSEs only)
 * @param online whether the CSMS is reachable now
 */
public record AuthorizationQuery(
    IdentifierToken token, Origin origin, @Nullable Integer evseId, boolean online) {

  /** Where the request to start came from. */
  public enum Origin {
    /** A driver presented the token at the station (RFID, PIN, app via local means...). */
    LOCAL,
    /** 1.6 RemoteStartTransaction, 2.0.1 RequestStartTransaction. */
    REMOTE_START
  }

  public AuthorizationQuery {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(origin, "origin");
  }

  /** A token presented at the station, EVSE not yet known. */
  public static AuthorizationQuery presented(IdentifierToken token, boolean online) {
    return new AuthorizationQuery(token, Origin.LOCAL, null, online);
  }

  /** A token named in a remote start request, EVSE not yet known. */
  public static AuthorizationQuery remoteStart(IdentifierToken token, boolean online) {
    return new AuthorizationQuery(token, Origin.REMOTE_START, null, online);
  }

  public AuthorizationQuery atEvse(@Nullable Integer evse) {
    return new AuthorizationQuery(token, origin, evse, online);
  }
}
