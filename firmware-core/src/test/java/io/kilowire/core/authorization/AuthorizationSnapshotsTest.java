package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowire.core.authorization.AuthorizationSnapshots.CorruptSnapshotException;
import io.kilowire.core.authorization.AuthorizationSnapshots.ListSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthorizationSnapshotsTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00.123456789Z");
  private static final AuthorizationInfo RICH =
      new AuthorizationInfo(
          AuthorizationStatus.NOT_AT_THIS_TIME,
          T0.plusSeconds(3600),
          new IdentifierToken("FLEET-7", IdentifierType.CENTRAL),
          List.of(1, 3));

  private static List<CacheEntry> cacheEntries() {
    return List.of(
        new CacheEntry(new IdentifierToken("aBc", IdentifierType.ISO14443), RICH, T0),
        new CacheEntry(IdentifierToken.idTag("X"), AuthorizationInfo.accepted(), T0.plusNanos(1)));
  }

  private static Map<IdentifierToken, AuthorizationInfo> listEntries() {
    Map<IdentifierToken, AuthorizationInfo> map = new LinkedHashMap<>();
    map.put(new IdentifierToken("Ω-ü", IdentifierType.E_MAID), RICH);
    map.put(IdentifierToken.idTag("B"), AuthorizationInfo.of(AuthorizationStatus.BLOCKED));
    return map;
  }

  @Test
  void aCacheSnapshotReadsBackEntryForEntryInOrder() throws Exception {
    List<CacheEntry> decoded =
        AuthorizationSnapshots.decodeCache(AuthorizationSnapshots.encodeCache(cacheEntries()));

    assertThat(decoded).containsExactlyElementsOf(cacheEntries());
    assertThat(decoded.get(0).token().value()).isEqualTo("aBc");
  }

  @Test
  void aListSnapshotReadsBackWithItsVersion() throws Exception {
    ListSnapshot decoded =
        AuthorizationSnapshots.decodeList(AuthorizationSnapshots.encodeList(42, listEntries()));

    assertThat(decoded.version()).isEqualTo(42);
    assertThat(decoded.entries()).containsExactlyEntriesOf(listEntries());
  }

  @Test
  void anEmptyCacheSnapshotReadsBackEmpty() throws Exception {
    assertThat(AuthorizationSnapshots.decodeCache(AuthorizationSnapshots.encodeCache(List.of())))
        .isEmpty();
  }

  @Test
  void everySingleBitFlipIsDetected() {
    byte[] blob = AuthorizationSnapshots.encodeList(3, listEntries());
    long seed = 20250601L;
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] damaged = blob.clone();
      int at = random.nextInt(damaged.length);
      damaged[at] ^= (byte) (1 << random.nextInt(8));

      assertThatThrownBy(() -> AuthorizationSnapshots.decodeList(damaged))
          .as("seed %d, flip %d at byte %d", seed, i, at)
          .isInstanceOf(CorruptSnapshotException.class);
    }
  }

  @Test
  void everyTruncationIsDetected() {
    byte[] blob = AuthorizationSnapshots.encodeCache(cacheEntries());
    for (int length = 0; length < blob.length; length++) {
      byte[] truncated = Arrays.copyOf(blob, length);

      assertThatThrownBy(() -> AuthorizationSnapshots.decodeCache(truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(CorruptSnapshotException.class);
    }
  }

  @Test
  void aListSnapshotIsNotReadAsACacheSnapshot() {
    byte[] list = AuthorizationSnapshots.encodeList(1, listEntries());

    assertThatThrownBy(() -> AuthorizationSnapshots.decodeCache(list))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("magic");
  }
}
