package io.kilowire.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file-backed snapshot store does: survive reopening, crashes and damage. */
class FileSnapshotStoreTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void snapshotsAndDeletionsSurviveAReopen() {
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      store.write("config", bytes("v1"));
      store.write("profiles", bytes("p"));
      store.write("config", bytes("version two"));
      store.write("gone", bytes("g"));
      store.delete("gone");
    }

    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      assertThat(store.names()).containsExactly("config", "profiles");
      assertThat(store.read("config"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("version two")));
      assertThat(store.read("gone")).isEmpty();
      assertThat(store.recovery().isClean()).isTrue();
      assertThat(store.recovery().snapshots()).isEqualTo(2);
    }
  }

  @Test
  void leftoverTempFilesAreRemovedAtOpenAndTheOldValueStands() {
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      store.write("config", bytes("old"));
    }
    StoreFiles.write(dir.resolve("config.snap.tmp"), bytes("half a new val"));
    StoreFiles.write(dir.resolve("fresh.snap.tmp"), new byte[0]);

    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      assertThat(store.recovery().tempFilesRemoved()).isEqualTo(2);
      assertThat(store.recovery().damaged()).isEmpty();
      assertThat(store.names()).containsExactly("config");
      assertThat(store.read("config"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("old")));
    }
    assertThat(StoreFiles.filesEndingWith(dir, ".tmp")).isEmpty();
  }

  @Test
  void aDamagedSnapshotIsReportedSetAsideAndReadsAsAbsent() {
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      store.write("config", bytes("some configuration"));
      store.write("state", bytes("fine"));
    }
    StoreFiles.flipByte(dir.resolve("config.snap"), 15);

    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      assertThat(store.recovery().damaged()).containsExactly("config");
      assertThat(store.recovery().snapshots()).isEqualTo(1);
      assertThat(store.read("config")).isEmpty();
      assertThat(store.names()).containsExactly("state");
      assertThat(dir.resolve("config.snap.damaged")).exists();

      store.write("config", bytes("rewritten"));
      assertThat(store.read("config"))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("rewritten")));
    }
  }

  @Test
  void aTruncatedSnapshotIsDamagedNotShortened() {
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      store.write("config", bytes("some configuration"));
    }
    Path file = dir.resolve("config.snap");
    for (int length : new int[] {0, 5, 12, 20}) {
      StoreFiles.write(file, Arrays.copyOf(StoreFiles.read(file), length));
      try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
        assertThat(store.recovery().damaged())
            .as("truncated to %d", length)
            .containsExactly("config");
        assertThat(store.read("config")).isEmpty();
        // Restores a whole file for the next length.
        store.write("config", bytes("some configuration"));
      }
    }
  }

  @Test
  void aSnapshotDamagedWhileTheStoreIsOpenReadsAsAbsent() {
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      store.write("config", bytes("some configuration"));
      StoreFiles.flipByte(dir.resolve("config.snap"), 13);

      assertThat(store.read("config")).isEmpty();
      assertThat(store.names()).isEmpty();
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedWithAClearMessage() {
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      assertThatThrownBy(() -> new FileSnapshotStore(dir))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("store is already open");
      store.write("config", bytes("x"));
    }
    try (FileSnapshotStore store = new FileSnapshotStore(dir)) {
      assertThat(store.names()).containsExactly("config");
    }
  }
}
