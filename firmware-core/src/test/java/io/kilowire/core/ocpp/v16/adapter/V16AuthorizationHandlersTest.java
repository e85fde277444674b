package io.kilowire.core.ocpp.v16.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.AuthorizationDecision.Reason;
import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.authorization.AuthorizationStatus;
import io.kilowire.core.authorization.AuthorizationStore;
import io.kilowire.core.authorization.CacheEntry;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.MessageCodec;
import io.kilowire.core.ocpp.json.OcppSchemas;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.v16.AuthorizationData;
import io.kilowire.core.ocpp.v16.AuthorizeRequest;
import io.kilowire.core.ocpp.v16.AuthorizeResponse;
import io.kilowire.core.ocpp.v16.ClearCacheRequest;
import io.kilowire.core.ocpp.v16.ClearCacheResponse;
import io.kilowire.core.ocpp.v16.ClearCacheStatus;
import io.kilowire.core.ocpp.v16.GetLocalListVersionRequest;
import io.kilowire.core.ocpp.v16.IdTagInfo;
import io.kilowire.core.ocpp.v16.RemoteStartTransactionRequest;
import io.kilowire.core.ocpp.v16.SendLocalListRequest;
import io.kilowire.core.ocpp.v16.SendLocalListResponse;
import io.kilowire.core.ocpp.v16.StartTransactionRequest;
import io.kilowire.core.ocpp.v16.StartTransactionResponse;
import io.kilowire.core.ocpp.v16.StopTransactionRequest;
import io.kilowire.core.ocpp.v16.StopTransactionResponse;
import io.kilowire.core.ocpp.v16.UpdateStatus;
import io.kilowire.core.ocpp.v16.UpdateType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class V16AuthorizationHandlersTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final AuthorizationSettings DEFAULTS =
      AuthorizationSettings.builder()
          .localListMaxEntries(3)
          .localListMaxEntriesPerMessage(2)
          .build();
  private static final MessageCodec CODEC = new MessageCodec();

  private static V16AuthorizationHandlers handlers(AuthorizationSettings settings) {
    return new V16AuthorizationHandlers(service(settings));
  }

  private static AuthorizationService service(AuthorizationSettings settings) {
    return AuthorizationService.open(settings, AuthorizationStore.inMemory(), T0);
  }

  private static AuthorizationData accepted(String idTag) {
    return new AuthorizationData(
        idTag, IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED));
  }

  private static SendLocalListRequest full(int version, AuthorizationData... data) {
    return new SendLocalListRequest(version, List.of(data), UpdateType.FULL);
  }

  private static SendLocalListRequest differential(int version, AuthorizationData... data) {
    return new SendLocalListRequest(version, List.of(data), UpdateType.DIFFERENTIAL);
  }

  /** Asserts the record encodes to JSON that the official 1.6 schema accepts. */
  private static void assertSchemaValid(Record response, String schemaFile) {
    SchemaFile schema =
        OcppSchemas.of(OcppVersion.V16).stream()
            .filter(f -> f.fileName().equals(schemaFile))
            .findFirst()
            .orElseThrow();
    var json = CODEC.encode(response);
    assertThat(schema.problems(json)).as(json.toString()).isEmpty();
  }

  @Nested
  class SendLocalList {
    @Test
    void aFullListIsAccepted() {
      SendLocalListResponse response =
          handlers(DEFAULTS).sendLocalList(full(1, accepted("A"), accepted("B")));

      assertThat(response.status()).isEqualTo(UpdateStatus.ACCEPTED);
      assertSchemaValid(response, "SendLocalListResponse.json");
    }

    @Test
    void aDifferentialUpdateThatIsNotNewerIsAVersionMismatch() {
      V16AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(5, accepted("A")));

      assertThat(handlers.sendLocalList(differential(5, accepted("B"))).status())
          .isEqualTo(UpdateStatus.VERSION_MISMATCH);
    }

    @Test
    void moreEntriesThanSendLocalListMaxLengthFail() {
      assertThat(
              handlers(DEFAULTS)
                  .sendLocalList(full(1, accepted("A"), accepted("B"), accepted("C")))
                  .status())
          .isEqualTo(UpdateStatus.FAILED);
    }

    @Test
    void moreEntriesThanLocalAuthListMaxLengthFail() {
      V16AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(1, accepted("A"), accepted("B")));
      handlers.sendLocalList(differential(2, accepted("C")));

      assertThat(handlers.sendLocalList(differential(3, accepted("D"))).status())
          .isEqualTo(UpdateStatus.FAILED);
    }

    @Test
    void aDisabledListAnswersNotSupported() {
      assertThat(
              handlers(DEFAULTS.toBuilder().localListEnabled(false).build())
                  .sendLocalList(full(1, accepted("A")))
                  .status())
          .isEqualTo(UpdateStatus.NOT_SUPPORTED);
    }

    @Test
    void aStationWithoutAListAnswersNotSupported() {
      assertThat(
              handlers(DEFAULTS.toBuilder().localListSupported(false).build())
                  .sendLocalList(full(1, accepted("A")))
                  .status())
          .isEqualTo(UpdateStatus.NOT_SUPPORTED);
    }

    @Test
    void aFullUpdateWithoutAListEmptiesIt() {
      V16AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(1, accepted("A")));

      handlers.sendLocalList(SendLocalListRequest.of(2, UpdateType.FULL));

      assertThat(handlers.getLocalListVersion(new GetLocalListVersionRequest()).listVersion())
          .isZero();
    }

    @Test
    void aDifferentialEntryWithoutIdTagInfoRemovesTheIdTag() {
      AuthorizationService service = service(DEFAULTS);
      V16AuthorizationHandlers handlers = new V16AuthorizationHandlers(service);
      handlers.sendLocalList(full(1, accepted("A"), accepted("B")));

      handlers.sendLocalList(differential(2, AuthorizationData.of("A")));

      assertThat(service.localListEntries()).containsOnlyKeys(IdentifierToken.idTag("B"));
    }
  }

  @Nested
  class GetLocalListVersion {
    @Test
    void anInstalledListAnswersItsVersion() {
      V16AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(17, accepted("A")));

      var response = handlers.getLocalListVersion(new GetLocalListVersionRequest());

      assertThat(response.listVersion()).isEqualTo(17);
      assertSchemaValid(response, "GetLocalListVersionResponse.json");
    }

    @Test
    void noListYetAnswersZero() {
      assertThat(
              handlers(DEFAULTS)
                  .getLocalListVersion(new GetLocalListVersionRequest())
                  .listVersion())
          .isZero();
    }

    @Test
    void aStationWithoutAListAnswersMinusOne() {
      assertThat(
              handlers(DEFAULTS.toBuilder().localListSupported(false).build())
                  .getLocalListVersion(new GetLocalListVersionRequest())
                  .listVersion())
          .isEqualTo(-1);
    }
  }

  @Nested
  class ClearCache {
    @Test
    void anEnabledCacheIsClearedAndAccepted() {
      AuthorizationService service = service(DEFAULTS);
      service.record(IdentifierToken.idTag("A"), AuthorizationInfo.accepted(), T0);

      ClearCacheResponse response =
          new V16AuthorizationHandlers(service).clearCache(new ClearCacheRequest());

      assertThat(response.status()).isEqualTo(ClearCacheStatus.ACCEPTED);
      assertThat(service.cacheEntries()).isEmpty();
      assertSchemaValid(response, "ClearCacheResponse.json");
    }

    @Test
    void aDisabledCacheIsStillClearedAndAccepted() {
      AuthorizationService service = service(DEFAULTS);
      service.record(IdentifierToken.idTag("A"), AuthorizationInfo.accepted(), T0);
      service.reconfigure(DEFAULTS.toBuilder().cacheEnabled(false).build(), T0);

      ClearCacheResponse response =
          new V16AuthorizationHandlers(service).clearCache(new ClearCacheRequest());

      assertThat(response.status()).isEqualTo(ClearCacheStatus.ACCEPTED);
      assertThat(service.cacheEntries()).isEmpty();
    }

    @Test
    void aStationWithoutACacheRejects() {
      assertThat(
              handlers(DEFAULTS.toBuilder().cacheSupported(false).build())
                  .clearCache(new ClearCacheRequest())
                  .status())
          .isEqualTo(ClearCacheStatus.REJECTED);
    }
  }

  @Nested
  class Answers {
    @Test
    void anAuthorizeAnswerIsCachedAndDecided() {
      AuthorizationService service = service(DEFAULTS);
      V16AuthorizationHandlers handlers = new V16AuthorizationHandlers(service);
      IdTagInfo blocked = IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.BLOCKED);

      var decision =
          handlers.authorizeAnswered(
              new AuthorizeRequest("TAG1"), new AuthorizeResponse(blocked), T0);

      assertThat(decision.reason()).isEqualTo(Reason.REJECTED_BY_CSMS);
      assertThat(service.cacheEntries())
          .extracting(CacheEntry::token)
          .containsExactly(IdentifierToken.idTag("TAG1"));
    }

    @Test
    void aCachedIdTagIsAcceptedOffline() {
      V16AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.authorizeAnswered(
          new AuthorizeRequest("TAG1"),
          new AuthorizeResponse(
              IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.ACCEPTED)),
          T0);

      assertThat(handlers.presented("tag1", false, T0.plusSeconds(5)).reason())
          .isEqualTo(Reason.AUTHORIZED_LOCALLY_OFFLINE);
    }

    @Test
    void anInvalidStartTransactionAnswerStopsTheTransaction() {
      V16AuthorizationHandlers handlers = handlers(DEFAULTS);

      InvalidIdAction action =
          handlers.startTransactionAnswered(
              new StartTransactionRequest(1, "TAG1", 0, null, T0),
              new StartTransactionResponse(
                  IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.INVALID), 42),
              T0);

      assertThat(action).isEqualTo(InvalidIdAction.STOP_TRANSACTION);
    }

    @Test
    void aStopTransactionAnswerWithIdTagInfoIsCached() {
      AuthorizationService service = service(DEFAULTS);

      new V16AuthorizationHandlers(service)
          .stopTransactionAnswered(
              new StopTransactionRequest("TAG1", 100, T0, 42, null, null),
              new StopTransactionResponse(
                  IdTagInfo.of(io.kilowire.core.ocpp.v16.AuthorizationStatus.EXPIRED)),
              T0);

      assertThat(service.cacheEntries())
          .extracting(e -> e.info().status())
          .containsExactly(AuthorizationStatus.EXPIRED);
    }

    @Test
    void aStopTransactionAnswerWithoutIdTagInfoChangesNothing() {
      AuthorizationService service = service(DEFAULTS);

      new V16AuthorizationHandlers(service)
          .stopTransactionAnswered(
              new StopTransactionRequest("TAG1", 100, T0, 42, null, null),
              StopTransactionResponse.of(),
              T0);

      assertThat(service.cacheEntries()).isEmpty();
    }

    @Test
    void aRemoteStartNeedsNoAuthorizationWhenAuthorizeRemoteTxRequestsIsFalse() {
      V16AuthorizationHandlers handlers =
          handlers(DEFAULTS.toBuilder().authorizeRemoteStart(false).build());

      assertThat(
              handlers
                  .remoteStart(new RemoteStartTransactionRequest(1, "TAG1", null), true, T0)
                  .reason())
          .isEqualTo(Reason.REMOTE_START_WITHOUT_AUTHORIZATION);
    }
  }
}
