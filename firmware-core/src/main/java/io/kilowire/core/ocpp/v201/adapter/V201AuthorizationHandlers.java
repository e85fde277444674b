package io.kilowire.core.ocpp.v201.adapter;

import io.kilowire.core.authorization.AuthorizationDecision;
import io.kilowire.core.authorization.AuthorizationQuery;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.authorization.LocalListUpdateResult;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.ClearCacheRequest;
import io.kilowire.core.ocpp.v201.ClearCacheResponse;
import io.kilowire.core.ocpp.v201.ClearCacheStatus;
import io.kilowire.core.ocpp.v201.GetLocalListVersionRequest;
import io.kilowire.core.ocpp.v201.GetLocalListVersionResponse;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.RequestStartTransactionRequest;
import io.kilowire.core.ocpp.v201.SendLocalListRequest;
import io.kilowire.core.ocpp.v201.SendLocalListResponse;
import io.kilowire.core.ocpp.v201.StatusInfo;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OCPP 2.0.1 authorization: answers SendLocalList, GetLocalListVersion and ClearCache from the
 * {@link AuthorizationService}, and feeds the idTokenInfo of Authorize and TransactionEvent answers
 * into it. Each method is request record in, response record (or decision) out.
 */
public final class V201AuthorizationHandlers {
  private final AuthorizationService service;

  public V201AuthorizationHandlers(AuthorizationService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** SendLocalList (D01). */
  public SendLocalListResponse sendLocalList(SendLocalListRequest request) {
    LocalListUpdateResult result =
        service.updateLocalList(V201AuthorizationMapping.update(request));
    return new SendLocalListResponse(
        null,
        V201AuthorizationMapping.sendLocalListStatus(result),
        V201AuthorizationMapping.statusInfo(result));
  }

  /** GetLocalListVersion (D02): -1 without a list in use, 0 for an empty one. */
  public GetLocalListVersionResponse getLocalListVersion(GetLocalListVersionRequest request) {
    return GetLocalListVersionResponse.of(service.localListVersion());
  }

  /**
   * ClearCache (C11): Rejected when the station has no cache or AuthCacheCtrlr.Enabled is false;
   * unlike 1.6, a disabled cache is not cleared.
   */
  public ClearCacheResponse clearCache(ClearCacheRequest request) {
    AuthorizationSettings settings = service.settings();
    if (!settings.cacheSupported()) {
      return new ClearCacheResponse(
          null, ClearCacheStatus.REJECTED, StatusInfo.of("UnsupportedRequest"));
    }
    if (!settings.cacheEnabled()) {
      return new ClearCacheResponse(null, ClearCacheStatus.REJECTED, StatusInfo.of("NotEnabled"));
    }
    service.clearCache();
    return ClearCacheResponse.of(ClearCacheStatus.ACCEPTED);
  }

  /** Decides on an idToken presented at the station, for {@code evseId} when already known. */
  public AuthorizationDecision presented(
      IdToken idToken, @Nullable Integer evseId, boolean online, Instant now) {
    return service.authorize(
        AuthorizationQuery.presented(V201AuthorizationMapping.token(idToken), online)
            .atEvse(evseId),
        now);
  }

  /**
   * Decides whether a RequestStartTransaction's idToken may start (F01,
   * AuthCtrlr.AuthorizeRemoteStart: when true the idToken is authorized as if presented locally).
   */
  public AuthorizationDecision requestStart(
      RequestStartTransactionRequest request, boolean online, Instant now) {
    return service.authorize(
        AuthorizationQuery.remoteStart(V201AuthorizationMapping.token(request.idToken()), online)
            .atEvse(request.evseId()),
        now);
  }

  /**
   * Records the answer to an Authorize in the cache (C10) and decides on it for {@code evseId}
   * (null when the EVSE is not known yet).
   */
  public AuthorizationDecision authorizeAnswered(
      AuthorizeRequest request, AuthorizeResponse response, @Nullable Integer evseId, Instant now) {
    return service.onAuthorizeAnswer(
        AuthorizationQuery.presented(V201AuthorizationMapping.token(request.idToken()), true)
            .atEvse(evseId),
        V201AuthorizationMapping.info(response.idTokenInfo()),
        now);
  }

  /**
   * Records the idTokenInfo of a TransactionEvent answer (C10) and says what the transaction does
   * (TxCtrlr.StopTxOnInvalidId); {@link InvalidIdAction#CONTINUE} when the event carried no idToken
   * or the answer no idTokenInfo.
   */
  public InvalidIdAction transactionEventAnswered(
      TransactionEventRequest request, TransactionEventResponse response, Instant now) {
    IdToken idToken = request.idToken();
    IdTokenInfo info = response.idTokenInfo();
    if (idToken == null || info == null) {
      return InvalidIdAction.CONTINUE;
    }
    return service.onTransactionAnswer(
        V201AuthorizationMapping.token(idToken), V201AuthorizationMapping.info(info), now);
  }
}
