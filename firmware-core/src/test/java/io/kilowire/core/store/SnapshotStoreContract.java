package io.kilowire.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link SnapshotStore} does, file-backed or in memory. */
abstract class SnapshotStoreContract {
  private SnapshotStore store;

  /** A new, empty store. */
  protected abstract SnapshotStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aNewStoreHoldsNothing() {
    assertThat(store.names()).isEmpty();
    assertThat(store.read("config")).isEmpty();
    assertThat(store.recovery().isClean()).isTrue();
  }

  @Test
  void aWrittenBlobReadsBackAndAnotherWriteReplacesItWhole() {
    store.write("config", bytes("a long first value"));
    assertThat(store.read("config"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a long first value")));

    store.write("config", bytes("short"));
    assertThat(store.read("config"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("short")));
  }

  @Test
  void namesAreListedInOrder() {
    store.write("station-state", bytes("1"));
    store.write("charging-profiles", bytes("2"));
    store.write("config.v16", bytes("3"));

    assertThat(store.names()).containsExactly("charging-profiles", "config.v16", "station-state");
  }

  @Test
  void deletingRemovesTheBlobAndTellsWhetherThereWasOne() {
    store.write("config", bytes("x"));

    assertThat(store.delete("config")).isTrue();
    assertThat(store.delete("config")).isFalse();
    assertThat(store.read("config")).isEmpty();
    assertThat(store.names()).isEmpty();
  }

  @Test
  void anEmptyBlobIsStoredAndDistinctFromNone() {
    store.write("empty", new byte[0]);

    assertThat(store.read("empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void blobsAreCopiedInAndOutSoCallersCannotChangeThem() {
    byte[] data = bytes("abc");
    store.write("config", data);
    data[0] = 'X';
    store.read("config").orElseThrow()[1] = 'Y';

    assertThat(store.read("config")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("abc")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Config", ".hidden", "-dash", "a/b", "../up", "a b", "\u00e9t\u00e9"})
  void aNameThatCouldNotBeAPortableFileNameIsRefused(String name) {
    assertThatThrownBy(() -> store.write(name, bytes("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid snapshot name");
    assertThatThrownBy(() -> store.read(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNameOfAHundredCharactersIsTheLongestAccepted() {
    store.write("n".repeat(100), bytes("x"));

    assertThatThrownBy(() -> store.write("n".repeat(101), bytes("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBlobOverTheSizeLimitIsRefused() {
    assertThatThrownBy(() -> store.write("big", new byte[SnapshotStore.MAX_SNAPSHOT_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds");
  }

  @Test
  void aClosedStoreRefusesEveryCallAndClosingTwiceIsHarmless() {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.write("a", bytes("x")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.read("a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.names()).isInstanceOf(IllegalStateException.class);
  }
}
