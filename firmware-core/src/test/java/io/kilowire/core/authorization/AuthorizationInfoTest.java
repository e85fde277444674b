package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationInfoTest {
  private static final Instant EXPIRY = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void anAcceptedEntryIsValidUntilJustBeforeItsExpiry() {
    AuthorizationInfo info = AuthorizationInfo.accepted().withExpiry(EXPIRY);

    assertThat(info.isValidAt(EXPIRY.minusNanos(1))).isTrue();
  }

  @Test
  void anAcceptedEntryReadsAsExpiredFromTheMomentOfItsExpiry() {
    AuthorizationInfo info = AuthorizationInfo.accepted().withExpiry(EXPIRY);

    assertThat(info.statusAt(EXPIRY)).isEqualTo(AuthorizationStatus.EXPIRED);
    assertThat(info.isValidAt(EXPIRY)).isFalse();
  }

  @Test
  void aBlockedEntryStaysBlockedAfterItsExpiry() {
    AuthorizationInfo info = AuthorizationInfo.of(AuthorizationStatus.BLOCKED).withExpiry(EXPIRY);

    assertThat(info.statusAt(EXPIRY.plusSeconds(1))).isEqualTo(AuthorizationStatus.BLOCKED);
  }

  @Test
  void anEntryWithoutExpiryNeverExpires() {
    assertThat(AuthorizationInfo.accepted().isValidAt(Instant.MAX)).isTrue();
  }

  @Test
  void anEntryWithoutEvseListAllowsEveryEvse() {
    assertThat(AuthorizationInfo.accepted().allowsEvse(7)).isTrue();
  }

  @Test
  void anEntryWithAnEvseListAllowsOnlyThoseEvses() {
    AuthorizationInfo info =
        new AuthorizationInfo(AuthorizationStatus.ACCEPTED, null, null, List.of(1, 2));

    assertThat(info.allowsEvse(2)).isTrue();
    assertThat(info.allowsEvse(3)).isFalse();
  }

  @Test
  void anUnknownEvseIsAllowedByARestrictedEntry() {
    AuthorizationInfo info =
        new AuthorizationInfo(AuthorizationStatus.ACCEPTED, null, null, List.of(1));

    assertThat(info.allowsEvse(null)).isTrue();
  }
}
