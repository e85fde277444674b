package io.kilowire.core.ocpp.v201.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.AuthorizationDecision.Reason;
import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.authorization.AuthorizationStore;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.IdentifierType;
import io.kilowire.core.authorization.InvalidIdAction;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.ocpp.json.MessageCodec;
import io.kilowire.core.ocpp.json.OcppSchemas;
import io.kilowire.core.ocpp.json.OcppSchemas.SchemaFile;
import io.kilowire.core.ocpp.v201.AuthorizationData;
import io.kilowire.core.ocpp.v201.AuthorizationStatus;
import io.kilowire.core.ocpp.v201.AuthorizeRequest;
import io.kilowire.core.ocpp.v201.AuthorizeResponse;
import io.kilowire.core.ocpp.v201.ClearCacheRequest;
import io.kilowire.core.ocpp.v201.ClearCacheResponse;
import io.kilowire.core.ocpp.v201.ClearCacheStatus;
import io.kilowire.core.ocpp.v201.GetLocalListVersionRequest;
import io.kilowire.core.ocpp.v201.GetLocalListVersionResponse;
import io.kilowire.core.ocpp.v201.IdToken;
import io.kilowire.core.ocpp.v201.IdTokenInfo;
import io.kilowire.core.ocpp.v201.IdTokenType;
import io.kilowire.core.ocpp.v201.RequestStartTransactionRequest;
import io.kilowire.core.ocpp.v201.SendLocalListRequest;
import io.kilowire.core.ocpp.v201.SendLocalListResponse;
import io.kilowire.core.ocpp.v201.SendLocalListStatus;
import io.kilowire.core.ocpp.v201.Transaction;
import io.kilowire.core.ocpp.v201.TransactionEvent;
import io.kilowire.core.ocpp.v201.TransactionEventRequest;
import io.kilowire.core.ocpp.v201.TransactionEventResponse;
import io.kilowire.core.ocpp.v201.TriggerReason;
import io.kilowire.core.ocpp.v201.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class V201AuthorizationHandlersTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final AuthorizationSettings DEFAULTS =
      AuthorizationSettings.builder()
          .localListMaxEntries(3)
          .localListMaxEntriesPerMessage(2)
          .build();
  private static final MessageCodec CODEC = new MessageCodec();
  private static final IdToken RFID = IdToken.of("04A1B2C3", IdTokenType.ISO14443);

  private static AuthorizationService service(AuthorizationSettings settings) {
    return AuthorizationService.open(settings, AuthorizationStore.inMemory(), T0);
  }

  private static V201AuthorizationHandlers handlers(AuthorizationSettings settings) {
    return new V201AuthorizationHandlers(service(settings));
  }

  private static AuthorizationData accepted(String idToken) {
    return new AuthorizationData(
        null,
        IdToken.of(idToken, IdTokenType.ISO14443),
        IdTokenInfo.of(AuthorizationStatus.ACCEPTED));
  }

  private static SendLocalListRequest full(int version, AuthorizationData... data) {
    return new SendLocalListRequest(null, List.of(data), version, Update.FULL);
  }

  private static SendLocalListRequest differential(int version, AuthorizationData... data) {
    return new SendLocalListRequest(null, List.of(data), version, Update.DIFFERENTIAL);
  }

  /** Asserts the record encodes to JSON that the official 2.0.1 schema accepts. */
  private static void assertSchemaValid(Record response, String schemaFile) {
    SchemaFile schema =
        OcppSchemas.of(OcppVersion.V201).stream()
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

      assertThat(response.status()).isEqualTo(SendLocalListStatus.ACCEPTED);
      assertThat(response.statusInfo()).isNull();
      assertSchemaValid(response, "SendLocalListResponse.json");
    }

    @Test
    void aDifferentialUpdateThatIsNotNewerIsAVersionMismatch() {
      V201AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(5, accepted("A")));

      assertThat(handlers.sendLocalList(differential(4, accepted("B"))).status())
          .isEqualTo(SendLocalListStatus.VERSION_MISMATCH);
    }

    @Test
    void moreEntriesThanItemsPerMessageFailWithTooManyElements() {
      SendLocalListResponse response =
          handlers(DEFAULTS).sendLocalList(full(1, accepted("A"), accepted("B"), accepted("C")));

      assertThat(response.status()).isEqualTo(SendLocalListStatus.FAILED);
      assertThat(response.statusInfo().reasonCode()).isEqualTo("TooManyElements");
      assertSchemaValid(response, "SendLocalListResponse.json");
    }

    @Test
    void aDisabledListFailsWithNotEnabled() {
      SendLocalListResponse response =
          handlers(DEFAULTS.toBuilder().localListEnabled(false).build())
              .sendLocalList(full(1, accepted("A")));

      assertThat(response.status()).isEqualTo(SendLocalListStatus.FAILED);
      assertThat(response.statusInfo().reasonCode()).isEqualTo("NotEnabled");
    }

    @Test
    void entriesOfTheSameValueButAnotherTypeAreDifferentTokens() {
      AuthorizationService service = service(DEFAULTS);
      AuthorizationData keyCode =
          new AuthorizationData(
              null,
              IdToken.of("A", IdTokenType.KEY_CODE),
              IdTokenInfo.of(AuthorizationStatus.BLOCKED));

      new V201AuthorizationHandlers(service).sendLocalList(full(1, accepted("A"), keyCode));

      assertThat(service.localListEntries()).hasSize(2);
    }
  }

  @Nested
  class GetLocalListVersion {
    @Test
    void anInstalledListAnswersItsVersion() {
      V201AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(3, accepted("A")));

      GetLocalListVersionResponse response =
          handlers.getLocalListVersion(GetLocalListVersionRequest.of());

      assertThat(response.versionNumber()).isEqualTo(3);
      assertSchemaValid(response, "GetLocalListVersionResponse.json");
    }

    @Test
    void aListEmptiedByAFullUpdateAnswersZero() {
      V201AuthorizationHandlers handlers = handlers(DEFAULTS);
      handlers.sendLocalList(full(3, accepted("A")));
      handlers.sendLocalList(SendLocalListRequest.of(4, Update.FULL));

      assertThat(handlers.getLocalListVersion(GetLocalListVersionRequest.of()).versionNumber())
          .isZero();
    }
  }

  @Nested
  class ClearCache {
    @Test
    void anEnabledCacheIsClearedAndAccepted() {
      AuthorizationService service = service(DEFAULTS);
      service.record(V201AuthorizationMapping.token(RFID), AuthorizationInfo.accepted(), T0);

      ClearCacheResponse response =
          new V201AuthorizationHandlers(service).clearCache(ClearCacheRequest.of());

      assertThat(response.status()).isEqualTo(ClearCacheStatus.ACCEPTED);
      assertThat(service.cacheEntries()).isEmpty();
      assertSchemaValid(response, "ClearCacheResponse.json");
    }

    @Test
    void aDisabledCacheIsRejectedAndKeptAsItIs() {
      AuthorizationService service = service(DEFAULTS);
      service.record(V201AuthorizationMapping.token(RFID), AuthorizationInfo.accepted(), T0);
      service.reconfigure(DEFAULTS.toBuilder().cacheEnabled(false).build(), T0);

      ClearCacheResponse response =
          new V201AuthorizationHandlers(service).clearCache(ClearCacheRequest.of());

      assertThat(response.status()).isEqualTo(ClearCacheStatus.REJECTED);
      assertThat(service.cacheEntries()).hasSize(1);
      assertSchemaValid(response, "ClearCacheResponse.json");
    }

    @Test
    void aStationWithoutACacheRejects() {
      assertThat(
              handlers(DEFAULTS.toBuilder().cacheSupported(false).build())
                  .clearCache(ClearCacheRequest.of())
                  .status())
          .isEqualTo(ClearCacheStatus.REJECTED);
    }
  }

  @Nested
  class Answers {
    @Test
    void anAuthorizeAnswerForAnotherEvseIsCachedButRefused() {
      AuthorizationService service = service(DEFAULTS);
      IdTokenInfo onlyEvseOne =
          new IdTokenInfo(
              null, AuthorizationStatus.ACCEPTED, null, null, null, List.of(1), null, null, null);

      var decision =
          new V201AuthorizationHandlers(service)
              .authorizeAnswered(
                  AuthorizeRequest.of(RFID), AuthorizeResponse.of(onlyEvseOne), 2, T0);

      assertThat(decision.reason()).isEqualTo(Reason.REJECTED_BY_CSMS);
      assertThat(service.cacheEntries()).hasSize(1);
    }

    @Test
    void aCachedTokenIsPreAuthorizedOnlineWithoutAsking() {
      V201AuthorizationHandlers handlers =
          handlers(DEFAULTS.toBuilder().localPreAuthorize(true).build());
      handlers.authorizeAnswered(
          AuthorizeRequest.of(RFID),
          AuthorizeResponse.of(IdTokenInfo.of(AuthorizationStatus.ACCEPTED)),
          null,
          T0);

      var decision = handlers.presented(RFID, 1, true, T0.plusSeconds(10));

      assertThat(decision.reason()).isEqualTo(Reason.PRE_AUTHORIZED_LOCALLY);
      assertThat(decision.sendsAuthorize()).isFalse();
    }

    @Test
    void aCachedTokenOutlivesItsLifeTimeAndIsAskedForAgain() {
      V201AuthorizationHandlers handlers =
          handlers(
              DEFAULTS.toBuilder()
                  .localPreAuthorize(true)
                  .cacheLifeTime(Duration.ofHours(1))
                  .build());
      handlers.authorizeAnswered(
          AuthorizeRequest.of(RFID),
          AuthorizeResponse.of(IdTokenInfo.of(AuthorizationStatus.ACCEPTED)),
          null,
          T0);

      assertThat(handlers.presented(RFID, null, true, T0.plus(Duration.ofHours(2))).reason())
          .isEqualTo(Reason.NOT_KNOWN_LOCALLY);
    }

    @Test
    void aTransactionEventAnswerWithABlockedTokenStopsTheTransaction() {
      V201AuthorizationHandlers handlers = handlers(DEFAULTS);
      TransactionEventRequest started =
          new TransactionEventRequest(
              null,
              TransactionEvent.STARTED,
              null,
              T0,
              TriggerReason.AUTHORIZED,
              0,
              true,
              null,
              null,
              null,
              Transaction.of("tx-1"),
              null,
              RFID);
      TransactionEventResponse answer =
          new TransactionEventResponse(
              null, null, null, IdTokenInfo.of(AuthorizationStatus.BLOCKED), null);

      assertThat(handlers.transactionEventAnswered(started, answer, T0))
          .isEqualTo(InvalidIdAction.STOP_TRANSACTION);
    }

    @Test
    void aTransactionEventAnswerWithoutIdTokenInfoContinues() {
      V201AuthorizationHandlers handlers = handlers(DEFAULTS);
      TransactionEventRequest updated =
          new TransactionEventRequest(
              null,
              TransactionEvent.UPDATED,
              null,
              T0,
              TriggerReason.METER_VALUE_PERIODIC,
              1,
              null,
              null,
              null,
              null,
              Transaction.of("tx-1"),
              null,
              null);

      assertThat(handlers.transactionEventAnswered(updated, TransactionEventResponse.of(), T0))
          .isEqualTo(InvalidIdAction.CONTINUE);
    }

    @Test
    void aRequestStartNeedsNoAuthorizationWhenAuthorizeRemoteStartIsFalse() {
      V201AuthorizationHandlers handlers =
          handlers(DEFAULTS.toBuilder().authorizeRemoteStart(false).build());
      RequestStartTransactionRequest request =
          new RequestStartTransactionRequest(null, 1, null, RFID, 7, null);

      assertThat(handlers.requestStart(request, false, T0).reason())
          .isEqualTo(Reason.REMOTE_START_WITHOUT_AUTHORIZATION);
    }

    @Test
    void aNoAuthorizationTokenStartsWithoutAsking() {
      V201AuthorizationHandlers handlers = handlers(DEFAULTS);

      assertThat(
              handlers
                  .presented(IdToken.of("", IdTokenType.NO_AUTHORIZATION), 1, true, T0)
                  .reason())
          .isEqualTo(Reason.NO_AUTHORIZATION_TOKEN);
    }

    @Test
    void aTokenTypeIsPartOfWhatTheCacheRemembers() {
      AuthorizationService service = service(DEFAULTS);
      new V201AuthorizationHandlers(service)
          .authorizeAnswered(
              AuthorizeRequest.of(RFID),
              AuthorizeResponse.of(IdTokenInfo.of(AuthorizationStatus.ACCEPTED)),
              null,
              T0);

      assertThat(service.cacheEntries().get(0).token())
          .isEqualTo(new IdentifierToken("04a1b2c3", IdentifierType.ISO14443));
    }
  }
}
