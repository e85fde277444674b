package io.kilowire.core.authorization;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a token: 1.6 IdTagInfo and 2.0.1 IdTokenInfo.
 *
 * @param status the status as the CSMS or the local list gave it
 * @param expiresAt when the status stops being valid (1.6 expiryDate, 2.0.1 cacheExpiryDateTime);
 *     null means no end
 * @param groupToken the parent (1.6 parentIdTag) or group (2.0.1 groupIdToken) token
 * @param evseIds 2.0.1: the EVSEs the token may charge at; empty means every EVSE
 * @param personalMessage 2.0.1: what the CSMS wants the driver to read (I01: the tariff); only in
 *     the CSMS's answers, never kept in the cache or the local list
 */
public record AuthorizationInfo(
    AuthorizationStatus status,
    @Nullable Instant expiresAt,
    @Nullable IdentifierToken groupToken,
    List<Integer> evseIds,
    @Nullable PersonalMessage personalMessage) {

  public AuthorizationInfo {
    Objects.requireNonNull(status, "status");
    evseIds = List.copyOf(evseIds);
  }

  public AuthorizationInfo(
      AuthorizationStatus status,
      @Nullable Instant expiresAt,
      @Nullable IdentifierToken groupToken,
      List<Integer> evseIds) {
    this(status, expiresAt, groupToken, evseIds, null);
  }

  /** A status without expiry, group or EVSE restriction. */
  public static AuthorizationInfo of(AuthorizationStatus status) {
    return new AuthorizationInfo(status, null, null, List.of());
  }

  /** Accepted without expiry, group or EVSE restriction. */
  public static AuthorizationInfo accepted() {
    return of(AuthorizationStatus.ACCEPTED);
  }

  public AuthorizationInfo withExpiry(@Nullable Instant expiry) {
    return new AuthorizationInfo(status, expiry, groupToken, evseIds, personalMessage);
  }

  public AuthorizationInfo withStatus(AuthorizationStatus newStatus) {
    return new AuthorizationInfo(newStatus, expiresAt, groupToken, evseIds, personalMessage);
  }

  /** The same without the personal message: what a cache may keep. */
  public AuthorizationInfo withoutPersonalMessage() {
    return personalMessage == null
        ? this
        : new AuthorizationInfo(status, expiresAt, groupToken, evseIds, null);
  }

  /**
   * Whether the expiry has been reached. Validity ends at the moment the expiry date is reached
   * (1.6 §3.5.1), so the expiry instant itself already counts as expired.
   */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * The status as of {@code now}: an Accepted token past its expiry reads as Expired (1.6 §3.5.1:
   * an expired entry is changed to Expired; 2.0.1 cacheExpiryDateTime: "must be considered
   * invalid"). Other statuses stay as they are.
   */
  public AuthorizationStatus statusAt(Instant now) {
    return status == AuthorizationStatus.ACCEPTED && isExpiredAt(now)
        ? AuthorizationStatus.EXPIRED
        : status;
  }

  /** Whether this entry lets the token start a transaction at {@code now}. */
  public boolean isValidAt(Instant now) {
    return statusAt(now) == AuthorizationStatus.ACCEPTED;
  }

  /**
   * Whether the token may charge at {@code evseId}; null (EVSE not known yet) and an unrestricted
   * entry always may (2.0.1 IdTokenInfo.evseId: only used when valid for specific EVSEs).
   */
  public boolean allowsEvse(@Nullable Integer evseId) {
    return evseId == null || evseIds.isEmpty() || evseIds.contains(evseId);
  }
}
