package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.AuthorizationDecision.Reason;
import io.kilowire.core.authorization.AuthorizationDecision.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthorizationServiceTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final IdentifierToken A = IdentifierToken.idTag("A");
  private static final IdentifierToken B = IdentifierToken.idTag("B");
  private static final AuthorizationInfo ACCEPTED = AuthorizationInfo.accepted();
  private static final AuthorizationInfo BLOCKED =
      AuthorizationInfo.of(AuthorizationStatus.BLOCKED);
  private static final AuthorizationSettings DEFAULTS = AuthorizationSettings.builder().build();

  private final InMemoryAuthorizationStore store = AuthorizationStore.inMemory();

  private AuthorizationService open(AuthorizationSettings settings) {
    return AuthorizationService.open(settings, store, T0);
  }

  private static LocalListUpdate fullList(int version, IdentifierToken token, AuthorizationInfo i) {
    return LocalListUpdate.full(version, List.of(LocalListEntry.of(token, i)));
  }

  @Nested
  class Recording {
    @Test
    void anAuthorizeAnswerIsRecordedInTheCache() {
      AuthorizationService service = open(DEFAULTS);

      service.onAuthorizeAnswer(AuthorizationQuery.presented(A, true), ACCEPTED, T0);

      assertThat(service.cacheEntries()).extracting(CacheEntry::token).containsExactly(A);
    }

    @Test
    void aRefusingAnswerIsRecordedToo() {
      AuthorizationService service = open(DEFAULTS);

      service.onAuthorizeAnswer(AuthorizationQuery.presented(A, true), BLOCKED, T0);

      assertThat(service.cacheEntries()).extracting(CacheEntry::info).containsExactly(BLOCKED);
    }

    @Test
    void nothingIsRecordedWhileTheCacheIsDisabled() {
      AuthorizationService service = open(DEFAULTS.toBuilder().cacheEnabled(false).build());

      service.record(A, ACCEPTED, T0);

      assertThat(service.cacheEntries()).isEmpty();
    }

    @Test
    void aTokenInTheLocalListIsNotRecordedInTheCache() {
      AuthorizationService service = open(DEFAULTS);
      service.updateLocalList(fullList(1, A, ACCEPTED));

      service.onTransactionAnswer(A, BLOCKED, T0);

      assertThat(service.cacheEntries()).isEmpty();
    }

    @Test
    void aTokenInADisabledLocalListIsRecordedInTheCache() {
      AuthorizationService service = open(DEFAULTS);
      service.updateLocalList(fullList(1, A, ACCEPTED));
      service.reconfigure(DEFAULTS.toBuilder().localListEnabled(false).build(), T0);

      service.record(A, BLOCKED, T0);

      assertThat(service.cacheEntries()).hasSize(1);
    }

    @Test
    void aNoAuthorizationTokenIsNotRecorded() {
      AuthorizationService service = open(DEFAULTS);

      service.record(new IdentifierToken("", IdentifierType.NO_AUTHORIZATION), ACCEPTED, T0);

      assertThat(service.cacheEntries()).isEmpty();
    }

    @Test
    void aTransactionAnswerSaysWhatTheTransactionDoes() {
      AuthorizationService service =
          open(DEFAULTS.toBuilder().stopTransactionOnInvalidId(false).build());

      assertThat(service.onTransactionAnswer(A, BLOCKED, T0))
          .isEqualTo(InvalidIdAction.SUSPEND_ENERGY);
    }
  }

  @Nested
  class Deciding {
    @Test
    void aCachedTokenIsAuthorizedOffline() {
      AuthorizationService service = open(DEFAULTS);
      service.record(A, ACCEPTED, T0);

      AuthorizationDecision decision =
          service.authorize(AuthorizationQuery.presented(A, false), T0.plusSeconds(1));

      assertThat(decision.reason()).isEqualTo(Reason.AUTHORIZED_LOCALLY_OFFLINE);
      assertThat(decision.source()).isEqualTo(Source.CACHE);
    }

    @Test
    void theLocalListIsConsultedBeforeTheCache() {
      AuthorizationService service = open(DEFAULTS);
      service.record(A, ACCEPTED, T0);
      service.updateLocalList(fullList(1, A, BLOCKED));

      AuthorizationDecision decision =
          service.authorize(AuthorizationQuery.presented(A, false), T0.plusSeconds(1));

      assertThat(decision.reason()).isEqualTo(Reason.LOCAL_ENTRY_NOT_ACCEPTED);
      assertThat(decision.source()).isEqualTo(Source.LOCAL_LIST);
    }

    @Test
    void aCachedTokenPastItsLifeTimeIsUnknown() {
      AuthorizationService service =
          open(DEFAULTS.toBuilder().cacheLifeTime(Duration.ofMinutes(5)).build());
      service.record(A, ACCEPTED, T0);

      AuthorizationDecision decision =
          service.authorize(AuthorizationQuery.presented(A, false), T0.plusSeconds(300));

      assertThat(decision.reason()).isEqualTo(Reason.UNKNOWN_TOKEN_REFUSED_OFFLINE);
    }

    @Test
    void anAuthorizeAnswerDecidesForTheQueriedEvse() {
      AuthorizationService service = open(DEFAULTS);
      AuthorizationInfo onlyEvseOne =
          new AuthorizationInfo(AuthorizationStatus.ACCEPTED, null, null, List.of(1));

      AuthorizationDecision decision =
          service.onAuthorizeAnswer(
              AuthorizationQuery.presented(A, true).atEvse(2), onlyEvseOne, T0);

      assertThat(decision.reason()).isEqualTo(Reason.REJECTED_BY_CSMS);
    }
  }

  @Nested
  class LocalList {
    @Test
    void aStationWithoutAListRefusesUpdatesAsNotSupported() {
      AuthorizationService service = open(DEFAULTS.toBuilder().localListSupported(false).build());

      assertThat(service.updateLocalList(fullList(1, A, ACCEPTED)))
          .isEqualTo(LocalListUpdateResult.NOT_SUPPORTED);
    }

    @Test
    void aDisabledListRefusesUpdatesAsNotEnabled() {
      AuthorizationService service = open(DEFAULTS.toBuilder().localListEnabled(false).build());

      assertThat(service.updateLocalList(fullList(1, A, ACCEPTED)))
          .isEqualTo(LocalListUpdateResult.NOT_ENABLED);
    }

    @Test
    void theSettingsLimitTheList() {
      AuthorizationService service = open(DEFAULTS.toBuilder().localListMaxEntries(1).build());

      LocalListUpdateResult result =
          service.updateLocalList(
              LocalListUpdate.full(
                  1, List.of(LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED))));

      assertThat(result).isEqualTo(LocalListUpdateResult.LIST_FULL);
    }

    @Test
    void theVersionOfAListInUseIsReported() {
      AuthorizationService service = open(DEFAULTS);
      service.updateLocalList(fullList(8, A, ACCEPTED));

      assertThat(service.localListVersion()).isEqualTo(8);
    }

    @Test
    void aStationWithoutAListReportsVersionMinusOne() {
      assertThat(open(DEFAULTS.toBuilder().localListSupported(false).build()).localListVersion())
          .isEqualTo(-1);
    }

    @Test
    void aDisabledListReportsVersionMinusOne() {
      assertThat(open(DEFAULTS.toBuilder().localListEnabled(false).build()).localListVersion())
          .isEqualTo(-1);
    }

    @Test
    void anEmptyListReportsVersionZero() {
      assertThat(open(DEFAULTS).localListVersion()).isZero();
    }

    @Test
    void anUpdateThatCannotBeSavedIsRolledBack() {
      FailingStore failing = new FailingStore();
      AuthorizationService service = AuthorizationService.open(DEFAULTS, failing, T0);
      service.updateLocalList(fullList(1, A, ACCEPTED));
      failing.failWrites = true;

      LocalListUpdateResult result = service.updateLocalList(fullList(2, B, ACCEPTED));

      assertThat(result).isEqualTo(LocalListUpdateResult.STORAGE_FAILED);
      assertThat(service.localListEntries()).containsOnlyKeys(A);
      assertThat(service.installedLocalListVersion()).isEqualTo(1);
    }
  }

  @Nested
  class Cache {
    @Test
    void clearingTheCacheSavesTheEmptyCache() {
      AuthorizationService service = open(DEFAULTS);
      service.record(A, ACCEPTED, T0);

      service.clearCache();

      assertThat(open(DEFAULTS).cacheEntries()).isEmpty();
    }

    @Test
    void aSmallerCapacityEvictsAndIsSaved() {
      AuthorizationService service = open(DEFAULTS);
      service.record(A, ACCEPTED, T0);
      service.record(B, ACCEPTED, T0.plusSeconds(1));

      service.reconfigure(DEFAULTS.toBuilder().cacheCapacity(1).build(), T0.plusSeconds(2));

      assertThat(open(DEFAULTS).cacheEntries()).extracting(CacheEntry::token).containsExactly(B);
    }

    @Test
    void aCacheThatCannotBeSavedKeepsWorkingInMemory() {
      FailingStore failing = new FailingStore();
      failing.failWrites = true;
      AuthorizationService service = AuthorizationService.open(DEFAULTS, failing, T0);

      service.record(A, ACCEPTED, T0);

      assertThat(service.authorize(AuthorizationQuery.presented(A, false), T0).reason())
          .isEqualTo(Reason.AUTHORIZED_LOCALLY_OFFLINE);
    }
  }

  @Nested
  class Persistence {
    @Test
    void cacheAndListSurviveAReboot() {
      AuthorizationService before = open(DEFAULTS);
      AuthorizationInfo rich =
          new AuthorizationInfo(
              AuthorizationStatus.ACCEPTED,
              T0.plusSeconds(86_400),
              IdentifierToken.idTag("PARENT"),
              List.of(2));
      before.record(A, rich, T0);
      before.record(B, BLOCKED, T0.plusSeconds(1));
      IdentifierToken listed = IdentifierToken.idTag("L");
      before.updateLocalList(fullList(5, listed, ACCEPTED));

      AuthorizationService after = open(DEFAULTS);

      assertThat(after.cacheEntries()).isEqualTo(before.cacheEntries());
      assertThat(after.localListEntries()).isEqualTo(before.localListEntries());
      assertThat(after.localListVersion()).isEqualTo(5);
      assertThat(after.restoreProblems()).isEmpty();
    }

    @Test
    void aFreshStoreOpensEmptyWithoutProblems() {
      AuthorizationService service = open(DEFAULTS);

      assertThat(service.cacheEntries()).isEmpty();
      assertThat(service.localListVersion()).isZero();
      assertThat(service.restoreProblems()).isEmpty();
    }

    @Test
    void aCorruptCacheSnapshotOpensAnEmptyCacheAndIsReported() {
      open(DEFAULTS).record(A, ACCEPTED, T0);
      byte[] blob = store.read(AuthorizationService.CACHE_SNAPSHOT).orElseThrow();
      blob[blob.length / 2] ^= 0x10;
      store.write(AuthorizationService.CACHE_SNAPSHOT, blob);

      AuthorizationService service = open(DEFAULTS);

      assertThat(service.cacheEntries()).isEmpty();
      assertThat(service.restoreProblems())
          .singleElement()
          .asString()
          .startsWith(AuthorizationService.CACHE_SNAPSHOT);
    }

    @Test
    void aCorruptCacheSnapshotDoesNotCostTheLocalList() {
      open(DEFAULTS).updateLocalList(fullList(3, A, ACCEPTED));
      store.write(
          AuthorizationService.CACHE_SNAPSHOT, "garbage".getBytes(StandardCharsets.US_ASCII));

      AuthorizationService service = open(DEFAULTS);

      assertThat(service.localListEntries()).containsOnlyKeys(A);
    }

    @Test
    void aCorruptListSnapshotOpensAnEmptyList() {
      open(DEFAULTS).updateLocalList(fullList(3, A, ACCEPTED));
      store.write(AuthorizationService.LOCAL_LIST_SNAPSHOT, new byte[] {1, 2, 3});

      AuthorizationService service = open(DEFAULTS);

      assertThat(service.localListEntries()).isEmpty();
      assertThat(service.localListVersion()).isZero();
      assertThat(service.restoreProblems()).hasSize(1);
    }

    @Test
    void aStoreThatFailsToReadOpensEmpty() {
      AuthorizationStore broken =
          AuthorizationStore.of(
              name -> {
                throw new IllegalStateException("disk gone");
              },
              (name, data) -> {});

      AuthorizationService service = AuthorizationService.open(DEFAULTS, broken, T0);

      assertThat(service.cacheEntries()).isEmpty();
      assertThat(service.restoreProblems()).hasSize(2);
    }

    @Test
    void aReaderAndWriterPairBacksTheStore() {
      AuthorizationStore viaFunctions = AuthorizationStore.of(store::read, store::write);
      AuthorizationService.open(DEFAULTS, viaFunctions, T0).record(A, ACCEPTED, T0);

      assertThat(store.read(AuthorizationService.CACHE_SNAPSHOT)).isPresent();
    }
  }

  /** An in-memory store whose writes can be made to fail. */
  private static final class FailingStore implements AuthorizationStore {
    private final InMemoryAuthorizationStore delegate = AuthorizationStore.inMemory();
    boolean failWrites;

    @Override
    public Optional<byte[]> read(String name) {
      return delegate.read(name);
    }

    @Override
    public void write(String name, byte[] data) {
      if (failWrites) {
        throw new IllegalStateException("disk full");
      }
      delegate.write(name, data);
    }
  }
}
