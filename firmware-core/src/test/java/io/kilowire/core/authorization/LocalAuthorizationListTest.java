package io.kilowire.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LocalAuthorizationListTest {
  private static final IdentifierToken A = IdentifierToken.idTag("A");
  private static final IdentifierToken B = IdentifierToken.idTag("B");
  private static final IdentifierToken C = IdentifierToken.idTag("C");
  private static final AuthorizationInfo ACCEPTED = AuthorizationInfo.accepted();
  private static final AuthorizationInfo BLOCKED =
      AuthorizationInfo.of(AuthorizationStatus.BLOCKED);

  private final LocalAuthorizationList list = new LocalAuthorizationList();

  private LocalListUpdateResult apply(LocalListUpdate update) {
    return list.apply(update, 3, 2);
  }

  private void install(int version, LocalListEntry... entries) {
    assertThat(apply(LocalListUpdate.full(version, List.of(entries))))
        .isEqualTo(LocalListUpdateResult.ACCEPTED);
  }

  @Nested
  class FullUpdates {
    @Test
    void aFullUpdateReplacesTheWholeList() {
      install(1, LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED));

      install(2, LocalListEntry.of(C, BLOCKED));

      assertThat(list.entries()).containsOnlyKeys(C);
      assertThat(list.version()).isEqualTo(2);
    }

    @Test
    void aFullUpdateWithoutEntriesEmptiesTheList() {
      install(1, LocalListEntry.of(A, ACCEPTED));

      install(5);

      assertThat(list.size()).isZero();
    }

    @Test
    void aFullUpdateMayCarryAnOlderVersion() {
      install(7, LocalListEntry.of(A, ACCEPTED));

      install(3, LocalListEntry.of(B, ACCEPTED));

      assertThat(list.version()).isEqualTo(3);
    }

    @Test
    void aFullUpdateEntryWithoutInfoFails() {
      LocalListUpdateResult result =
          apply(LocalListUpdate.full(1, List.of(LocalListEntry.removal(A))));

      assertThat(result).isEqualTo(LocalListUpdateResult.MISSING_INFO);
    }

    @Test
    void aNegativeVersionFails() {
      assertThat(apply(LocalListUpdate.full(-1, List.of())))
          .isEqualTo(LocalListUpdateResult.INVALID_VERSION);
    }
  }

  @Nested
  class DifferentialUpdates {
    @Test
    void anEntryWithInfoIsAdded() {
      install(1, LocalListEntry.of(A, ACCEPTED));

      apply(LocalListUpdate.differential(2, List.of(LocalListEntry.of(B, ACCEPTED))));

      assertThat(list.entries()).containsOnlyKeys(A, B);
    }

    @Test
    void anEntryWithInfoUpdatesAPresentToken() {
      install(1, LocalListEntry.of(A, ACCEPTED));

      apply(LocalListUpdate.differential(2, List.of(LocalListEntry.of(A, BLOCKED))));

      assertThat(list.lookup(A)).contains(BLOCKED);
    }

    @Test
    void anEntryWithoutInfoRemovesTheToken() {
      install(1, LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED));

      apply(LocalListUpdate.differential(2, List.of(LocalListEntry.removal(A))));

      assertThat(list.entries()).containsOnlyKeys(B);
    }

    @Test
    void removingAnAbsentTokenIsAccepted() {
      install(1, LocalListEntry.of(A, ACCEPTED));

      assertThat(apply(LocalListUpdate.differential(2, List.of(LocalListEntry.removal(C)))))
          .isEqualTo(LocalListUpdateResult.ACCEPTED);
    }

    @Test
    void theListTakesTheVersionOfTheUpdate() {
      install(1, LocalListEntry.of(A, ACCEPTED));

      apply(LocalListUpdate.differential(9, List.of(LocalListEntry.of(B, ACCEPTED))));

      assertThat(list.version()).isEqualTo(9);
    }

    @Test
    void anUpdateWithTheCurrentVersionIsAVersionMismatch() {
      install(4, LocalListEntry.of(A, ACCEPTED));

      assertThat(apply(LocalListUpdate.differential(4, List.of(LocalListEntry.of(B, ACCEPTED)))))
          .isEqualTo(LocalListUpdateResult.VERSION_MISMATCH);
    }

    @Test
    void anUpdateWithAnOlderVersionIsAVersionMismatch() {
      install(4, LocalListEntry.of(A, ACCEPTED));

      assertThat(apply(LocalListUpdate.differential(3, List.of(LocalListEntry.of(B, ACCEPTED)))))
          .isEqualTo(LocalListUpdateResult.VERSION_MISMATCH);
    }

    @Test
    void anUpdateWithoutEntriesChangesOnlyTheVersion() {
      install(1, LocalListEntry.of(A, ACCEPTED));

      apply(LocalListUpdate.differential(2, List.of()));

      assertThat(list.entries()).containsOnlyKeys(A);
      assertThat(list.version()).isEqualTo(2);
    }
  }

  @Nested
  class Limits {
    @Test
    void moreEntriesThanOneMessageMayCarryFail() {
      LocalListUpdateResult result =
          apply(
              LocalListUpdate.full(
                  1,
                  List.of(
                      LocalListEntry.of(A, ACCEPTED),
                      LocalListEntry.of(B, ACCEPTED),
                      LocalListEntry.of(C, ACCEPTED))));

      assertThat(result).isEqualTo(LocalListUpdateResult.TOO_MANY_ENTRIES_IN_MESSAGE);
    }

    @Test
    void aDifferentialUpdateThatWouldOverfillTheListFails() {
      install(1, LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED));
      apply(LocalListUpdate.differential(2, List.of(LocalListEntry.of(C, ACCEPTED))));

      LocalListUpdateResult result =
          apply(
              LocalListUpdate.differential(
                  3, List.of(LocalListEntry.of(IdentifierToken.idTag("D"), ACCEPTED))));

      assertThat(result).isEqualTo(LocalListUpdateResult.LIST_FULL);
    }

    @Test
    void aDifferentialUpdateThatRemovesAsMuchAsItAddsFitsAFullList() {
      install(1, LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED));
      apply(LocalListUpdate.differential(2, List.of(LocalListEntry.of(C, ACCEPTED))));

      LocalListUpdateResult result =
          apply(
              LocalListUpdate.differential(
                  3,
                  List.of(
                      LocalListEntry.removal(A),
                      LocalListEntry.of(IdentifierToken.idTag("D"), ACCEPTED))));

      assertThat(result).isEqualTo(LocalListUpdateResult.ACCEPTED);
    }

    @Test
    void aFullUpdateLargerThanTheListFails() {
      LocalListUpdateResult result =
          list.apply(
              LocalListUpdate.full(
                  1, List.of(LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED))),
              1,
              10);

      assertThat(result).isEqualTo(LocalListUpdateResult.LIST_FULL);
    }

    @Test
    void aTokenTwiceInOneUpdateFails() {
      LocalListUpdateResult result =
          apply(
              LocalListUpdate.full(
                  1,
                  List.of(
                      LocalListEntry.of(IdentifierToken.idTag("abc"), ACCEPTED),
                      LocalListEntry.of(IdentifierToken.idTag("ABC"), BLOCKED))));

      assertThat(result).isEqualTo(LocalListUpdateResult.DUPLICATE_TOKEN);
    }

    @Test
    void aRefusedUpdateLeavesEntriesAndVersionAsTheyWere() {
      install(1, LocalListEntry.of(A, ACCEPTED), LocalListEntry.of(B, ACCEPTED));

      list.apply(LocalListUpdate.differential(2, List.of(LocalListEntry.of(C, ACCEPTED))), 2, 10);

      assertThat(list.entries()).containsOnlyKeys(A, B);
      assertThat(list.version()).isEqualTo(1);
    }
  }

  @Nested
  class Versions {
    @Test
    void aStationThatNeverReceivedAListReportsVersionZero() {
      assertThat(list.reportedVersion()).isZero();
    }

    @Test
    void anInstalledListReportsItsVersion() {
      install(12, LocalListEntry.of(A, ACCEPTED));

      assertThat(list.reportedVersion()).isEqualTo(12);
    }

    @Test
    void anEmptiedListReportsVersionZeroButKeepsItsVersionForMismatchChecks() {
      install(12);

      assertThat(list.reportedVersion()).isZero();
      assertThat(apply(LocalListUpdate.differential(11, List.of())))
          .isEqualTo(LocalListUpdateResult.VERSION_MISMATCH);
    }
  }
}
