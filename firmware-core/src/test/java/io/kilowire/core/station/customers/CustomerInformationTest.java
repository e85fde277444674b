package io.kilowire.core.station.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationQuery;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.AuthorizationSettings;
import io.kilowire.core.authorization.AuthorizationStore;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.authorization.LocalListEntry;
import io.kilowire.core.authorization.LocalListUpdate;
import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.station.customers.CustomerInformation.Customer;
import io.kilowire.core.station.customers.CustomerInformation.Outcome;
import io.kilowire.core.station.customers.CustomerInformation.Status;
import io.kilowire.core.transaction.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the station reports and clears about a customer (2.0.1 N09, N10). */
class CustomerInformationTest {
  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private static final IdentifierToken ALICE = IdentifierToken.idTag("ALICE");
  private static final IdentifierToken BOB = IdentifierToken.idTag("BOB");

  private final AuthorizationService authorization =
      AuthorizationService.open(
          AuthorizationSettings.builder().build(), AuthorizationStore.inMemory(), T0);
  private final List<Transaction> open = new ArrayList<>();
  private final CustomerInformation customers =
      new CustomerInformation(authorization, () -> List.copyOf(open));

  private static List<Customer> token(IdentifierToken t) {
    return List.of(new Customer.Token(t));
  }

  private boolean cached(IdentifierToken t) {
    return authorization.cacheEntries().stream().anyMatch(e -> e.token().equals(t));
  }

  @Test
  void aTokensCacheEntryAndListEntryAreReportedAndOnlyTheCacheIsCleared() {
    authorization.onAuthorizeAnswer(
        AuthorizationQuery.presented(ALICE, true), AuthorizationInfo.accepted(), T0);
    authorization.onAuthorizeAnswer(
        AuthorizationQuery.presented(BOB, true), AuthorizationInfo.accepted(), T0);
    authorization.updateLocalList(
        LocalListUpdate.full(3, List.of(LocalListEntry.of(ALICE, AuthorizationInfo.accepted()))));

    Outcome report = customers.request(token(ALICE), true, false);
    assertThat(report.status()).isEqualTo(Status.ACCEPTED);
    assertThat(String.join("", report.pages()))
        .contains("local list: accepted", "authorization cache: accepted");
    assertThat(cached(ALICE)).isTrue();

    Outcome cleared = customers.request(token(ALICE), true, true);
    assertThat(String.join("", cleared.pages())).contains("(cleared)", "local list");
    assertThat(cached(ALICE)).as("N10.FR.03: cleared from the cache").isFalse();
    assertThat(authorization.localListEntry(ALICE))
        .as("only the CSMS changes the list")
        .isPresent();
    assertThat(cached(BOB)).as("another customer's data stays").isTrue();
  }

  @Test
  void aRunningTransactionIsReportedAndKept() {
    open.add(
        new Transaction(
            "tx-9",
            2,
            1,
            "ALICE",
            "ISO14443",
            T0,
            0,
            null,
            0,
            null,
            false,
            true,
            MeterReading.idle(T0, 0, 230)));
    Outcome report = customers.request(token(ALICE), true, true);
    assertThat(report.pages()).singleElement().asString().contains("transaction tx-9 on EVSE 2");
    assertThat(open).hasSize(1);
  }

  @Test
  void nothingKnownIsOnePageSayingSoAndAClearWithoutReportSaysItCleared() {
    assertThat(customers.request(token(BOB), true, false).pages())
        .containsExactly("No data found for this customer");
    assertThat(customers.request(List.of(new Customer.Identifier("OCA")), true, true).pages())
        .containsExactly("No data found for this customer");
    authorization.onAuthorizeAnswer(
        AuthorizationQuery.presented(BOB, true), AuthorizationInfo.accepted(), T0);
    assertThat(customers.request(token(BOB), false, true).pages())
        .containsExactly("Cleared the customer's data");
    assertThat(cached(BOB)).isFalse();
  }

  @Test
  void noOrSeveralReferencesAreInvalidAndNeitherReportNorClearIsRejected() {
    assertThat(customers.request(List.of(), true, false).status()).isEqualTo(Status.INVALID);
    assertThat(
            customers
                .request(
                    List.of(new Customer.Token(ALICE), new Customer.Identifier("OCA")), true, false)
                .status())
        .isEqualTo(Status.INVALID);
    assertThat(customers.request(token(ALICE), false, false).status()).isEqualTo(Status.REJECTED);
  }

  @Test
  void longDataIsCutIntoPagesOfTheMessagesSize() {
    List<String> facts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      facts.add("fact number " + i + " about this customer");
    }
    List<String> pages = CustomerInformation.pages(facts);
    assertThat(pages).hasSizeGreaterThan(1);
    assertThat(pages).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(512));
    assertThat(String.join("", pages)).isEqualTo(String.join("; ", facts));
  }
}
