package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.AuthorizationDecision.Reason;
import io.kilowire.core.authorization.AuthorizationDecision.Source;
import io.kilowire.core.authorization.AuthorizationDecision.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizationRulesTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final IdentifierToken TOKEN =
      new IdentifierToken("04A1B2C3", IdentifierType.ISO14443);

  /** What a store holds for the token. */
  enum Entry {
    NONE(null),
    VALID(AuthorizationInfo.accepted().withExpiry(NOW.plusSeconds(3600))),
    BLOCKED(AuthorizationInfo.of(AuthorizationStatus.BLOCKED)),
    EXPIRED(AuthorizationInfo.accepted().withExpiry(NOW.minusSeconds(1)));

    final @Nullable AuthorizationInfo info;

    Entry(@Nullable AuthorizationInfo info) {
      this.info = info;
    }
  }

  /**
   * The decision table, given the entry that governs (the list's if the list is in use and holds
   * the token, else the cache's if the cache is in use and holds it, else NONE). Columns: online,
   * governing entry, LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId, reason;
   * "*" matches either value. Every combination must match exactly one row.
   */
  private static final String[] TABLE = {
    "online  VALID   false *     *     PRE_AUTHORIZATION_OFF",
    "online  BLOCKED false *     *     PRE_AUTHORIZATION_OFF",
    "online  EXPIRED false *     *     PRE_AUTHORIZATION_OFF",
    "online  NONE    false *     *     PRE_AUTHORIZATION_OFF",
    "online  VALID   true  *     *     PRE_AUTHORIZED_LOCALLY",
    "online  BLOCKED true  *     *     LOCAL_ENTRY_NEEDS_CONFIRMATION",
    "online  EXPIRED true  *     *     LOCAL_ENTRY_NEEDS_CONFIRMATION",
    "online  NONE    true  *     *     NOT_KNOWN_LOCALLY",
    "offline VALID   *     true  *     AUTHORIZED_LOCALLY_OFFLINE",
    "offline VALID   *     false true  UNKNOWN_TOKEN_ALLOWED_OFFLINE",
    "offline VALID   *     false false LOCAL_AUTHORIZATION_OFFLINE_OFF",
    "offline BLOCKED *     *     *     LOCAL_ENTRY_NOT_ACCEPTED",
    "offline EXPIRED *     *     *     LOCAL_ENTRY_EXPIRED",
    "offline NONE    *     *     true  UNKNOWN_TOKEN_ALLOWED_OFFLINE",
    "offline NONE    *     *     false UNKNOWN_TOKEN_REFUSED_OFFLINE",
  };

  static Stream<Arguments> everyCombination() {
    List<Arguments> cases = new ArrayList<>();
    boolean[] bools = {false, true};
    for (boolean online : bools) {
      for (boolean preAuthorize : bools) {
        for (boolean authorizeOffline : bools) {
          for (boolean unknownOffline : bools) {
            for (boolean listEnabled : bools) {
              for (boolean cacheEnabled : bools) {
                for (Entry list : Entry.values()) {
                  for (Entry cache : Entry.values()) {
                    cases.add(
                        Arguments.of(
                            online,
                            preAuthorize,
                            authorizeOffline,
                            unknownOffline,
                            listEnabled,
                            cacheEnabled,
                            list,
                            cache));
                  }
                }
              }
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(
      name =
          "online={0} preAuthorize={1} localOffline={2} unknownOffline={3}"
              + " list={6}(enabled={4}) cache={7}(enabled={5})")
  @MethodSource("everyCombination")
  void theDecisionFollowsTheTable(
      boolean online,
      boolean preAuthorize,
      boolean authorizeOffline,
      boolean unknownOffline,
      boolean listEnabled,
      boolean cacheEnabled,
      Entry list,
      Entry cache) {
    AuthorizationSettings settings =
        AuthorizationSettings.builder()
            .localPreAuthorize(preAuthorize)
            .localAuthorizeOffline(authorizeOffline)
            .allowOfflineTxForUnknownId(unknownOffline)
            .localListEnabled(listEnabled)
            .cacheEnabled(cacheEnabled)
            .build();
    Source governingSource = Source.NONE;
    Entry governing = Entry.NONE;
    if (listEnabled && list != Entry.NONE) {
      governingSource = Source.LOCAL_LIST;
      governing = list;
    } else if (cacheEnabled && cache != Entry.NONE) {
      governingSource = Source.CACHE;
      governing = cache;
    }
    Reason expected = lookUp(online, governing, preAuthorize, authorizeOffline, unknownOffline);

    AuthorizationDecision decision =
        AuthorizationRules.decide(
            AuthorizationQuery.presented(TOKEN, online), settings, list.info, cache.info, NOW);

    assertThat(decision.reason()).isEqualTo(expected);
    boolean usesEntry =
        expected != Reason.NOT_KNOWN_LOCALLY
            && expected != Reason.UNKNOWN_TOKEN_ALLOWED_OFFLINE
            && expected != Reason.UNKNOWN_TOKEN_REFUSED_OFFLINE;
    assertThat(decision.source()).isEqualTo(usesEntry ? governingSource : Source.NONE);
  }

  private static Reason lookUp(
      boolean online,
      Entry entry,
      boolean preAuthorize,
      boolean authorizeOffline,
      boolean unknownOffline) {
    List<Reason> matches = new ArrayList<>();
    for (String row : TABLE) {
      String[] c = row.trim().split("\\s+");
      if (c[0].equals(online ? "online" : "offline")
          && c[1].equals(entry.name())
          && matches(c[2], preAuthorize)
          && matches(c[3], authorizeOffline)
          && matches(c[4], unknownOffline)) {
        matches.add(Reason.valueOf(c[5]));
      }
    }
    assertThat(matches).as("rows matching this combination").hasSize(1);
    return matches.get(0);
  }

  private static boolean matches(String cell, boolean value) {
    return cell.equals("*") || Boolean.parseBoolean(cell) == value;
  }

  @Nested
  class Precedence {
    private final AuthorizationSettings settings = AuthorizationSettings.builder().build();

    @Test
    void anAcceptedListEntryOutranksABlockedCacheEntry() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, false),
              settings,
              Entry.VALID.info,
              Entry.BLOCKED.info,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.AUTHORIZED_LOCALLY_OFFLINE);
      assertThat(decision.source()).isEqualTo(Source.LOCAL_LIST);
    }

    @Test
    void aBlockedListEntryOutranksAnAcceptedCacheEntry() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, false),
              settings,
              Entry.BLOCKED.info,
              Entry.VALID.info,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.LOCAL_ENTRY_NOT_ACCEPTED);
    }

    @Test
    void aStoreThatIsNotSupportedIsNotConsulted() {
      AuthorizationSettings noList =
          settings.toBuilder().localListSupported(false).cacheSupported(false).build();

      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, false),
              noList,
              Entry.BLOCKED.info,
              Entry.BLOCKED.info,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.UNKNOWN_TOKEN_REFUSED_OFFLINE);
    }
  }

  @Nested
  class SpecialTokensAndOrigins {
    @Test
    void withAuthorizationSwitchedOffEveryTokenStarts() {
      AuthorizationSettings off =
          AuthorizationSettings.builder().authorizationEnabled(false).build();

      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, false), off, Entry.BLOCKED.info, null, NOW);

      assertThat(decision.reason()).isEqualTo(Reason.AUTHORIZATION_DISABLED);
    }

    @Test
    void aNoAuthorizationTokenStartsWithoutAsking() {
      IdentifierToken button = new IdentifierToken("", IdentifierType.NO_AUTHORIZATION);

      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(button, true),
              AuthorizationSettings.builder().build(),
              null,
              null,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.NO_AUTHORIZATION_TOKEN);
    }

    @Test
    void aRemoteStartNeedsNoAuthorizationWhenRemoteStartsAreTrusted() {
      AuthorizationSettings trusting =
          AuthorizationSettings.builder().authorizeRemoteStart(false).build();

      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.remoteStart(TOKEN, true), trusting, null, null, NOW);

      assertThat(decision.reason()).isEqualTo(Reason.REMOTE_START_WITHOUT_AUTHORIZATION);
      assertThat(decision.sendsAuthorize()).isFalse();
    }

    @Test
    void aRemoteStartIsAuthorizedLikeAPresentedTokenWhenRemoteStartsMustBeAuthorized() {
      AuthorizationSettings checking =
          AuthorizationSettings.builder().authorizeRemoteStart(true).build();

      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.remoteStart(TOKEN, true), checking, null, null, NOW);

      assertThat(decision.reason()).isEqualTo(Reason.PRE_AUTHORIZATION_OFF);
      assertThat(decision.sendsAuthorize()).isTrue();
    }
  }

  @Nested
  class EvseRestriction {
    private final AuthorizationInfo onlyEvseOne =
        new AuthorizationInfo(AuthorizationStatus.ACCEPTED, null, null, List.of(1));
    private final AuthorizationSettings settings =
        AuthorizationSettings.builder().localPreAuthorize(true).build();

    @Test
    void offlineAnEntryForAnotherEvseIsRefused() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, false).atEvse(2),
              settings,
              onlyEvseOne,
              null,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.NOT_VALID_AT_THIS_EVSE);
    }

    @Test
    void onlineAnEntryForAnotherEvseIsCheckedWithTheCsms() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, true).atEvse(2),
              settings,
              onlyEvseOne,
              null,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.LOCAL_ENTRY_NEEDS_CONFIRMATION);
    }

    @Test
    void anEntryForTheRightEvseAuthorizes() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, false).atEvse(1),
              settings,
              onlyEvseOne,
              null,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.AUTHORIZED_LOCALLY_OFFLINE);
    }
  }

  @Nested
  class PostAuthorization {
    private final AuthorizationSettings base =
        AuthorizationSettings.builder().localPreAuthorize(true).build();

    @Test
    void withCachePostAuthorizeDisabledABlockedCacheEntryIsRefusedOnline() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, true),
              base.toBuilder().cacheDisablePostAuthorize(true).build(),
              null,
              Entry.BLOCKED.info,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.LOCAL_ENTRY_NOT_ACCEPTED);
    }

    @Test
    void withListPostAuthorizeDisabledAnExpiredListEntryIsRefusedOnline() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, true),
              base.toBuilder().localListDisablePostAuthorize(true).build(),
              Entry.EXPIRED.info,
              null,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.LOCAL_ENTRY_EXPIRED);
    }

    @Test
    void disablingPostAuthorizeForTheCacheLeavesListEntriesToTheCsms() {
      AuthorizationDecision decision =
          AuthorizationRules.decide(
              AuthorizationQuery.presented(TOKEN, true),
              base.toBuilder().cacheDisablePostAuthorize(true).build(),
              Entry.BLOCKED.info,
              null,
              NOW);

      assertThat(decision.reason()).isEqualTo(Reason.LOCAL_ENTRY_NEEDS_CONFIRMATION);
    }
  }

  @Nested
  class Answers {
    @Test
    void anAcceptedAuthorizeAnswerStartsTheTransaction() {
      AuthorizationDecision decision =
          AuthorizationRules.onAuthorizeAnswer(AuthorizationInfo.accepted(), null, NOW);

      assertThat(decision.verdict()).isEqualTo(Verdict.ACCEPT);
      assertThat(decision.source()).isEqualTo(Source.CSMS);
    }

    @Test
    void aConcurrentTxAuthorizeAnswerRefuses() {
      AuthorizationDecision decision =
          AuthorizationRules.onAuthorizeAnswer(
              AuthorizationInfo.of(AuthorizationStatus.CONCURRENT_TX), null, NOW);

      assertThat(decision.reason()).isEqualTo(Reason.REJECTED_BY_CSMS);
    }

    @Test
    void anAcceptedAuthorizeAnswerForAnotherEvseRefuses() {
      AuthorizationInfo onlyEvseOne =
          new AuthorizationInfo(AuthorizationStatus.ACCEPTED, null, null, List.of(1));

      assertThat(AuthorizationRules.onAuthorizeAnswer(onlyEvseOne, 2, NOW).verdict())
          .isEqualTo(Verdict.REJECT);
    }

    @Test
    void anAcceptedAuthorizeAnswerAlreadyExpiredRefuses() {
      assertThat(AuthorizationRules.onAuthorizeAnswer(Entry.EXPIRED.info, null, NOW).verdict())
          .isEqualTo(Verdict.REJECT);
    }

    @Test
    void anAcceptedTransactionAnswerLetsChargingContinue() {
      assertThat(
              AuthorizationRules.onTransactionAnswer(
                  AuthorizationInfo.accepted(), AuthorizationSettings.builder().build()))
          .isEqualTo(InvalidIdAction.CONTINUE);
    }

    @Test
    void anExpiryPassingDuringChargingDoesNotStopIt() {
      assertThat(
              AuthorizationRules.onTransactionAnswer(
                  Entry.EXPIRED.info, AuthorizationSettings.builder().build()))
          .isEqualTo(InvalidIdAction.CONTINUE);
    }

    @Test
    void anInvalidTransactionAnswerStopsTheTransactionWhenSoConfigured() {
      assertThat(
              AuthorizationRules.onTransactionAnswer(
                  AuthorizationInfo.of(AuthorizationStatus.INVALID),
                  AuthorizationSettings.builder().stopTransactionOnInvalidId(true).build()))
          .isEqualTo(InvalidIdAction.STOP_TRANSACTION);
    }

    @Test
    void anInvalidTransactionAnswerOnlySuspendsEnergyOtherwise() {
      assertThat(
              AuthorizationRules.onTransactionAnswer(
                  AuthorizationInfo.of(AuthorizationStatus.INVALID),
                  AuthorizationSettings.builder().stopTransactionOnInvalidId(false).build()))
          .isEqualTo(InvalidIdAction.SUSPEND_ENERGY);
    }
  }

  @Nested
  class DecisionFlags {
    @Test
    void onlyAnUnknownTokenAcceptedOfflineStartsUnauthorized() {
      for (Reason reason : Reason.values()) {
        AuthorizationDecision decision = new AuthorizationDecision(reason, Source.NONE, null);

        assertThat(decision.startsUnauthorized())
            .as(reason.name())
            .isEqualTo(reason == Reason.UNKNOWN_TOKEN_ALLOWED_OFFLINE);
      }
    }

    @Test
    void anAcceptingDecisionStartsAndSendsNoAuthorize() {
      AuthorizationDecision decision =
          new AuthorizationDecision(Reason.PRE_AUTHORIZED_LOCALLY, Source.CACHE, null);

      assertThat(decision.startsTransaction()).isTrue();
      assertThat(decision.sendsAuthorize()).isFalse();
    }

    @Test
    void anAskingDecisionSendsAuthorizeAndDoesNotStartYet() {
      AuthorizationDecision decision =
          new AuthorizationDecision(Reason.NOT_KNOWN_LOCALLY, Source.NONE, null);

      assertThat(decision.sendsAuthorize()).isTrue();
      assertThat(decision.startsTransaction()).isFalse();
    }
  }
}
