package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthorizationCacheTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
  private static final IdentifierToken A = IdentifierToken.idTag("A");
  private static final IdentifierToken B = IdentifierToken.idTag("B");
  private static final IdentifierToken C = IdentifierToken.idTag("C");
  private static final IdentifierToken D = IdentifierToken.idTag("D");
  private static final AuthorizationInfo ACCEPTED = AuthorizationInfo.accepted();
  private static final AuthorizationInfo BLOCKED =
      AuthorizationInfo.of(AuthorizationStatus.BLOCKED);

  private static List<IdentifierToken> tokens(AuthorizationCache cache) {
    return cache.entries().stream().map(CacheEntry::token).toList();
  }

  @Nested
  class Storing {
    private final AuthorizationCache cache = new AuthorizationCache(10, null);

    @Test
    void aStoredTokenIsFoundAgain() {
      cache.put(A, ACCEPTED, T0);

      assertThat(cache.lookup(A, T0)).contains(ACCEPTED);
    }

    @Test
    void aTokenIsFoundWhateverTheCaseOfItsValue() {
      cache.put(IdentifierToken.idTag("abc"), ACCEPTED, T0);

      assertThat(cache.lookup(IdentifierToken.idTag("ABC"), T0)).contains(ACCEPTED);
    }

    @Test
    void aNewAnswerReplacesTheOldOne() {
      cache.put(A, ACCEPTED, T0);
      cache.put(A, BLOCKED, T0.plusSeconds(1));

      assertThat(cache.lookup(A, T0.plusSeconds(2))).contains(BLOCKED);
      assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void entriesThatAreNotAcceptedAreKept() {
      cache.put(A, BLOCKED, T0);

      assertThat(cache.lookup(A, T0)).contains(BLOCKED);
    }

    @Test
    void anUnknownTokenIsNotFound() {
      assertThat(cache.lookup(A, T0)).isEmpty();
    }

    @Test
    void clearingEmptiesTheCache() {
      cache.put(A, ACCEPTED, T0);
      cache.put(B, BLOCKED, T0);

      cache.clear();

      assertThat(cache.size()).isZero();
      assertThat(cache.lookup(A, T0)).isEmpty();
    }

    @Test
    void aNegativeCapacityIsRefused() {
      assertThatThrownBy(() -> new AuthorizationCache(-1, null))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroLifeTimeIsRefused() {
      assertThatThrownBy(() -> new AuthorizationCache(1, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Expiry {
    private final AuthorizationCache cache = new AuthorizationCache(10, null);

    @Test
    void anAcceptedEntryPastItsExpiryIsChangedToExpired() {
      cache.put(A, ACCEPTED.withExpiry(T0.plusSeconds(60)), T0);

      assertThat(cache.lookup(A, T0.plusSeconds(60)))
          .map(AuthorizationInfo::status)
          .contains(AuthorizationStatus.EXPIRED);
      assertThat(cache.peek(A).orElseThrow().info().status())
          .isEqualTo(AuthorizationStatus.EXPIRED);
    }

    @Test
    void anAcceptedEntryBeforeItsExpiryStaysAccepted() {
      cache.put(A, ACCEPTED.withExpiry(T0.plusSeconds(60)), T0);

      assertThat(cache.lookup(A, T0.plusSeconds(59)))
          .map(AuthorizationInfo::status)
          .contains(AuthorizationStatus.ACCEPTED);
    }

    @Test
    void anEntryUnusedForItsLifeTimeIsForgotten() {
      AuthorizationCache timed = new AuthorizationCache(10, Duration.ofHours(1));
      timed.put(A, ACCEPTED, T0);

      assertThat(timed.lookup(A, T0.plus(Duration.ofHours(1)))).isEmpty();
      assertThat(timed.size()).isZero();
    }

    @Test
    void aLookupRestartsTheLifeTime() {
      AuthorizationCache timed = new AuthorizationCache(10, Duration.ofHours(1));
      timed.put(A, ACCEPTED, T0);
      timed.lookup(A, T0.plus(Duration.ofMinutes(50)));

      assertThat(timed.lookup(A, T0.plus(Duration.ofMinutes(100)))).contains(ACCEPTED);
    }
  }

  @Nested
  class Eviction {
    private final AuthorizationCache cache = new AuthorizationCache(3, null);

    @Test
    void whenFullTheLeastRecentlyUsedEntryGoes() {
      cache.put(A, ACCEPTED, T0);
      cache.put(B, ACCEPTED, T0.plusSeconds(1));
      cache.put(C, ACCEPTED, T0.plusSeconds(2));

      cache.put(D, ACCEPTED, T0.plusSeconds(3));

      assertThat(tokens(cache)).containsExactly(B, C, D);
    }

    @Test
    void aLookupMakesAnEntryRecentlyUsed() {
      cache.put(A, ACCEPTED, T0);
      cache.put(B, ACCEPTED, T0.plusSeconds(1));
      cache.put(C, ACCEPTED, T0.plusSeconds(2));
      cache.lookup(A, T0.plusSeconds(3));

      cache.put(D, ACCEPTED, T0.plusSeconds(4));

      assertThat(tokens(cache)).containsExactly(C, A, D);
    }

    @Test
    void anEntryThatIsNotAcceptedGoesBeforeOlderValidOnes() {
      cache.put(A, ACCEPTED, T0);
      cache.put(B, BLOCKED, T0.plusSeconds(1));
      cache.put(C, ACCEPTED, T0.plusSeconds(2));

      cache.put(D, ACCEPTED, T0.plusSeconds(3));

      assertThat(tokens(cache)).containsExactly(A, C, D);
    }

    @Test
    void anExpiredEntryGoesBeforeOlderValidOnes() {
      cache.put(A, ACCEPTED, T0);
      cache.put(B, ACCEPTED.withExpiry(T0.plusSeconds(5)), T0.plusSeconds(1));
      cache.put(C, ACCEPTED, T0.plusSeconds(2));

      cache.put(D, ACCEPTED, T0.plusSeconds(10));

      assertThat(tokens(cache)).containsExactly(A, C, D);
    }

    @Test
    void amongInvalidEntriesTheLeastRecentlyUsedGoesFirst() {
      cache.put(A, BLOCKED, T0);
      cache.put(B, BLOCKED, T0.plusSeconds(1));
      cache.put(C, ACCEPTED, T0.plusSeconds(2));

      cache.put(D, ACCEPTED, T0.plusSeconds(3));

      assertThat(tokens(cache)).containsExactly(B, C, D);
    }

    @Test
    void shrinkingTheCapacityEvictsAtOnce() {
      cache.put(A, ACCEPTED, T0);
      cache.put(B, ACCEPTED, T0.plusSeconds(1));
      cache.put(C, ACCEPTED, T0.plusSeconds(2));

      cache.configure(1, null, T0.plusSeconds(3));

      assertThat(tokens(cache)).containsExactly(C);
    }

    @Test
    void aCacheOfCapacityZeroKeepsNothing() {
      AuthorizationCache none = new AuthorizationCache(0, null);

      none.put(A, ACCEPTED, T0);

      assertThat(none.size()).isZero();
    }

    @Test
    void restoringKeepsTheSavedOrderAndTheCapacity() {
      cache.restore(
          List.of(
              new CacheEntry(A, ACCEPTED, T0),
              new CacheEntry(B, ACCEPTED, T0),
              new CacheEntry(C, ACCEPTED, T0),
              new CacheEntry(D, ACCEPTED, T0)),
          T0);

      assertThat(tokens(cache)).containsExactly(B, C, D);
    }
  }
}
