package io.kilowire.core.authorization;

import io.kilowire.core.authorization.AuthorizationDecision.Reason;
import io.kilowire.core.authorization.AuthorizationDecision.Source;
import io.kilowire.core.authorization.AuthorizationQuery.Origin;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The authorization decision as pure functions of their inputs; {@link AuthorizationService} looks
 * the token up and calls these. The full table is in {@link #decide}.
 */
public final class AuthorizationRules {
  private AuthorizationRules() {}

  /**
   * Decides what to do with a token.
   *
   * <ol>
   *   <li>Authorization switched off (2.0.1 AuthCtrlr.Enabled false): accept.
   *   <li>A NoAuthorization token (2.0.1): accept; there is nothing to check.
   *   <li>A remote start while remote starts need no authorization (1.6 AuthorizeRemoteTxRequests,
   *       2.0.1 AuthCtrlr.AuthorizeRemoteStart false): accept. Otherwise the remote start's token
   *       goes through the same rules as a presented one (1.6 §5.11).
   *   <li>The local entry: the local list's if the list is in use and holds the token, else the
   *       cache's if the cache is in use and holds it. The list has priority over the cache (1.6
   *       §3.5.3); a store that is disabled is not consulted at all. The entry is valid when its
   *       status is Accepted, its expiry has not passed and it allows the EVSE.
   *   <li>Online:
   *       <ul>
   *         <li>local pre-authorization on and a valid entry: accept without Authorize (1.6
   *             LocalPreAuthorize, 2.0.1 C12/C14);
   *         <li>local pre-authorization on, an invalid entry and post-authorization disabled for
   *             its store (2.0.1 DisablePostAuthorize): reject;
   *         <li>otherwise: ask the CSMS.
   *       </ul>
   *   <li>Offline:
   *       <ul>
   *         <li>a valid entry and local authorization offline on: accept (1.6
   *             LocalAuthorizeOffline, 2.0.1 C13);
   *         <li>an invalid entry: reject, whatever the other settings (1.6 §3.5.4: tokens in the
   *             list with another status than Accepted, and tokens expired with time, must be
   *             rejected; they are not "unknown");
   *         <li>otherwise (no entry, or a valid entry that may not be used offline): accept as an
   *             unknown token if AllowOfflineTxForUnknownId / OfflineTxForUnknownIdEnabled is on
   *             (1.6 §3.5.4, 2.0.1 C15), else reject.
   *       </ul>
   * </ol>
   *
   * @param listEntry what the local list holds for the token, whether or not the list is in use
   * @param cacheEntry what the cache holds for the token, whether or not the cache is in use
   */
  public static AuthorizationDecision decide(
      AuthorizationQuery query,
      AuthorizationSettings settings,
      @Nullable AuthorizationInfo listEntry,
      @Nullable AuthorizationInfo cacheEntry,
      Instant now) {
    if (!settings.authorizationEnabled()) {
      return new AuthorizationDecision(Reason.AUTHORIZATION_DISABLED, Source.NONE, null);
    }
    if (query.token().type() == IdentifierType.NO_AUTHORIZATION) {
      return new AuthorizationDecision(Reason.NO_AUTHORIZATION_TOKEN, Source.NONE, null);
    }
    if (query.origin() == Origin.REMOTE_START && !settings.authorizeRemoteStart()) {
      return new AuthorizationDecision(
          Reason.REMOTE_START_WITHOUT_AUTHORIZATION, Source.NONE, null);
    }

    Source source = Source.NONE;
    AuthorizationInfo entry = null;
    if (settings.localListInUse() && listEntry != null) {
      source = Source.LOCAL_LIST;
      entry = listEntry;
    } else if (settings.cacheInUse() && cacheEntry != null) {
      source = Source.CACHE;
      entry = cacheEntry;
    }
    Reason refusal = entry == null ? null : refusal(entry, query.evseId(), now);

    if (query.online()) {
      if (!settings.localPreAuthorize()) {
        return new AuthorizationDecision(Reason.PRE_AUTHORIZATION_OFF, source, entry);
      }
      if (entry == null) {
        return new AuthorizationDecision(Reason.NOT_KNOWN_LOCALLY, Source.NONE, null);
      }
      if (refusal == null) {
        return new AuthorizationDecision(Reason.PRE_AUTHORIZED_LOCALLY, source, entry);
      }
      boolean postAuthorize =
          source == Source.LOCAL_LIST
              ? !settings.localListDisablePostAuthorize()
              : !settings.cacheDisablePostAuthorize();
      return postAuthorize
          ? new AuthorizationDecision(Reason.LOCAL_ENTRY_NEEDS_CONFIRMATION, source, entry)
          : new AuthorizationDecision(refusal, source, entry);
    }

    if (entry != null && refusal != null) {
      return new AuthorizationDecision(refusal, source, entry);
    }
    if (entry != null && settings.localAuthorizeOffline()) {
      return new AuthorizationDecision(Reason.AUTHORIZED_LOCALLY_OFFLINE, source, entry);
    }
    if (settings.allowOfflineTxForUnknownId()) {
      return new AuthorizationDecision(Reason.UNKNOWN_TOKEN_ALLOWED_OFFLINE, Source.NONE, null);
    }
    return entry == null
        ? new AuthorizationDecision(Reason.UNKNOWN_TOKEN_REFUSED_OFFLINE, Source.NONE, null)
        : new AuthorizationDecision(Reason.LOCAL_AUTHORIZATION_OFFLINE_OFF, source, entry);
  }

  /**
   * Decides on the CSMS's answer to Authorize: accept only Accepted, unexpired, for this EVSE.
   * ConcurrentTx, like every other status, refuses.
   */
  public static AuthorizationDecision onAuthorizeAnswer(
      AuthorizationInfo answer, @Nullable Integer evseId, Instant now) {
    Reason reason =
        answer.isValidAt(now) && answer.allowsEvse(evseId)
            ? Reason.ACCEPTED_BY_CSMS
            : Reason.REJECTED_BY_CSMS;
    return new AuthorizationDecision(reason, Source.CSMS, answer);
  }

  /**
   * What a running transaction does when the CSMS answers its start with {@code answer}. Only the
   * status counts: an expiry passing during charging does not stop it (2.0.1 IdTokenInfoType: the
   * expiry is for caching only).
   */
  public static InvalidIdAction onTransactionAnswer(
      AuthorizationInfo answer, AuthorizationSettings settings) {
    if (answer.status() == AuthorizationStatus.ACCEPTED) {
      return InvalidIdAction.CONTINUE;
    }
    return settings.stopTransactionOnInvalidId()
        ? InvalidIdAction.STOP_TRANSACTION
        : InvalidIdAction.SUSPEND_ENERGY;
  }

  /** Why {@code entry} does not authorize the token now, or null when it does. */
  private static @Nullable Reason refusal(
      AuthorizationInfo entry, @Nullable Integer evseId, Instant now) {
    AuthorizationStatus status = entry.statusAt(now);
    if (status == AuthorizationStatus.EXPIRED) {
      // expired by time, or stored as Expired (the cache rewrites an entry once it expires)
      return Reason.LOCAL_ENTRY_EXPIRED;
    }
    if (status != AuthorizationStatus.ACCEPTED) {
      return Reason.LOCAL_ENTRY_NOT_ACCEPTED;
    }
    if (!entry.allowsEvse(evseId)) {
      return Reason.NOT_VALID_AT_THIS_EVSE;
    }
    return null;
  }
}
