package io.kilowire.core.station.reservations;

import java.time.Instant;
import java.util.Objects;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * An EVSE held for a token until it expires, version-neutral.
 *
 * @param id the CSMS's reservation id
 * @param evse the EVSE reserved; null: any EVSE (1.6 connector 0, 2.0.1 without evseId)
 * @param connectorType only an EVSE with this connector type (2.0.1 ConnectorEnumType, e.g.
 *     "cType2"); null: any type
 * @param idToken the token it is held for
 * @param idTokenType the token's 2.0.1 type (1.6: empty)
 * @param groupToken the token's group (1.6 parentIdTag, 2.0.1 groupIdToken); null: none
 * @param expiresAt when it ends unused
 */
public record Reservation(
    int id,
    @Nullable Integer evse,
    @Nullable String connectorType,
    String idToken,
    String idTokenType,
    @Nullable String groupToken,
    Instant expiresAt) {

  /** Why a reservation ended other than by its use or a cancellation. */
  public enum End {
    /** Its expiry was reached. */
    EXPIRED,
    /** The station removed it: its EVSE became faulted or unavailable. */
    REMOVED,
    /**
     * 2.1 NoTransaction: a token used it to authorize, and the authorization lapsed without a
     * transaction (no EV within EVConnectionTimeOut).
     */
    NO_TRANSACTION
  }

  public Reservation {
    Objects.requireNonNull(idToken, "idToken");
    Objects.requireNonNull(idTokenType, "idTokenType");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Held for one EVSE rather than any (of a type). */
  public boolean specific() {
    return evse != null;
  }

  /**
   * Whether the reservation may be used on {@code evse}, whose connector type {@code typeOf} says.
   */
  public boolean covers(int evse, IntFunction<String> typeOf) {
    Integer own = this.evse;
    return (own == null || own == evse)
        && (connectorType == null || connectorType.equals(typeOf.apply(evse)));
  }

  /**
   * Whether a token with {@code group} (null: unknown) is the one the reservation is held for: the
   * token or its group is the reservation's token or group (1.6 §5.13, 2.0.1 H03.FR.04–06).
   */
  public boolean heldFor(String token, @Nullable String group) {
    return token.equals(idToken)
        || token.equals(groupToken)
        || (group != null && (group.equals(idToken) || group.equals(groupToken)));
  }
}
