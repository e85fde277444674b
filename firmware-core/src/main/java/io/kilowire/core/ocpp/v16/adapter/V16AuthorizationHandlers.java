package io.kilowire.core.ocpp.v16.adapter;

import io.kilowire.core.authorization.AuthorizationDecision;
import io.kilowire.core.authorization.AuthorizationQuery;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.authorization.LocalListUpdateResult;
import io.kilowire.core.ocpp.v16.AuthorizeRequest;
import io.kilowire.core.ocpp.v16.AuthorizeResponse;
import io.kilowire.core.ocpp.v16.ClearCacheRequest;
import io.kilowire.core.ocpp.v16.ClearCacheResponse;
import io.kilowire.core.ocpp.v16.ClearCacheStatus;
import io.kilowire.core.ocpp.v16.GetLocalListVersionRequest;
import io.kilowire.core.ocpp.v16.GetLocalListVersionResponse;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionRequest;
import io.kilowire.core.ocpp.v16.SendLocalListRequest;
import io.kilowire.core.ocpp.v16.SendLocalListResponse;
import io.kilowire.core.ocpp.v16.StartTransactionRequest;
import io.kilowire.core.ocpp.v16.StartTransactionResponse;
import io.kilowire.core.ocpp.v16.StopTransactionRequest;
import io.kilowire.core.ocpp.v16.StopTransactionResponse;
import java.time.Instant;
import java.util.Objects;

/**
 * OCPP 1.6 authorization: answers SendLocalList, GetLocalListVersion and ClearCache from the {@link
 * AuthorizationService}, and feeds the idTagInfo of Authorize, StartTransaction and StopTransaction
 * answers into it. Each method is request record in, response record (or decision) out.
 */
public final class V16AuthorizationHandlers {
  private final AuthorizationService service;

  public V16AuthorizationHandlers(AuthorizationService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** SendLocalList (1.6 §5.15). */
  public SendLocalListResponse sendLocalList(SendLocalListRequest request) {
    LocalListUpdateResult result = service.updateLocalList(V16AuthorizationMapping.update(request));
    return new SendLocalListResponse(V16AuthorizationMapping.updateStatus(result));
  }

  /** GetLocalListVersion (1.6 §5.10): -1 without a list in use, 0 for an empty one. */
  public GetLocalListVersionResponse getLocalListVersion(GetLocalListVersionRequest request) {
    return new GetLocalListVersionResponse(service.localListVersion());
  }

  /**
   * ClearCache (1.6 §5.4): the answer says whether the cache was cleared, so a station without a
   * cache rejects, and a station whose cache is merely disabled clears it and accepts.
   */
  public ClearCacheResponse clearCache(ClearCacheRequest request) {
    if (!service.settings().cacheSupported()) {
      return new ClearCacheResponse(ClearCacheStatus.REJECTED);
    }
    service.clearCache();
    return new ClearCacheResponse(ClearCacheStatus.ACCEPTED);
  }

  /** Decides on an idTag presented at the station. */
  public AuthorizationDecision presented(String idTag, boolean online, Instant now) {
    return service.authorize(
        AuthorizationQuery.presented(V16AuthorizationMapping.token(idTag), online), now);
  }

  /**
   * Decides whether a RemoteStartTransaction's idTag may start (1.6 §5.11,
   * AuthorizeRemoteTxRequests: when true the idTag is authorized as if presented locally).
   */
  public AuthorizationDecision remoteStart(
      RemoteStartTransactionRequest request, boolean online, Instant now) {
    return service.authorize(
        AuthorizationQuery.remoteStart(V16AuthorizationMapping.token(request.idTag()), online),
        now);
  }

  /** Records the answer to an Authorize in the cache and decides on it (1.6 §4.1, §3.5.1). */
  public AuthorizationDecision authorizeAnswered(
      AuthorizeRequest request, AuthorizeResponse response, Instant now) {
    return service.onAuthorizeAnswer(
        AuthorizationQuery.presented(V16AuthorizationMapping.token(request.idTag()), true),
        V16AuthorizationMapping.info(response.idTagInfo()),
        now);
  }

  /**
   * Records the idTagInfo of a StartTransaction answer (1.6 §4.8) and says what the transaction
   * does if it is not Accepted (StopTransactionOnInvalidId).
   */
  public InvalidIdAction startTransactionAnswered(
      StartTransactionRequest request, StartTransactionResponse response, Instant now) {
    return service.onTransactionAnswer(
        V16AuthorizationMapping.token(request.idTag()),
        V16AuthorizationMapping.info(response.idTagInfo()),
        now);
  }

  /** Records the idTagInfo of a StopTransaction answer, when both the idTag and it are present. */
  public void stopTransactionAnswered(
      StopTransactionRequest request, StopTransactionResponse response, Instant now) {
    String idTag = request.idTag();
    IdTagInfo info = response.idTagInfo();
    if (idTag != null && info != null) {
      service.record(V16AuthorizationMapping.token(idTag), V16AuthorizationMapping.info(info), now);
    }
  }
}
