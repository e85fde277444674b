package io.kilowire.core.station.customers;

import io.kilowire.core.authorization.AuthorizationInfo;
import io.kilowire.core.authorization.AuthorizationService;
import io.kilowire.core.authorization.CacheEntry;
import io.kilowire.core.authorization.IdentifierToken;
import io.kilowire.core.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the station holds about a customer (2.0.1 N09, N10), reported and cleared on request. By
 * token: its local-list entry (reported, never cleared: only the CSMS changes the list, N10.FR.03),
 * its authorization-cache entry (reported and cleared) and its running transactions (reported;
 * kept, since their messages must still reach the CSMS). The station keeps nothing under a customer
 * identifier or a customer certificate, so those find no data.
 */
public final class CustomerInformation {
  /** At most this much text per NotifyCustomerInformation (its data field's maxLength). */
  public static final int PAGE_LENGTH = 512;

  /** Who the CSMS asks about: exactly one of these (N09.FR.09). */
  public sealed interface Customer {
    /** A token (idToken and its type). */
    record Token(IdentifierToken token) implements Customer {}

    /** A CSMS-chosen identifier. */
    record Identifier(String value) implements Customer {}

    /** A customer certificate by its serial number (and hash data, unused here). */
    record Certificate(String serialNumber) implements Customer {}
  }

  /** The answer to CustomerInformation. */
  public enum Status {
    ACCEPTED,
    REJECTED,
    /** None or more than one customer reference (N09.FR.09). */
    INVALID
  }

  /** The answer and, when accepted, the text pages to send after it. */
  public record Outcome(Status status, List<String> pages) {
    public Outcome {
      pages = List.copyOf(pages);
    }
  }

  private final AuthorizationService authorization;
  private final Supplier<List<Transaction>> openTransactions;

  public CustomerInformation(
      AuthorizationService authorization, Supplier<List<Transaction>> openTransactions) {
    this.authorization = authorization;
    this.openTransactions = openTransactions;
  }

  /**
   * Reports and/or clears what the station holds about the one customer in {@code references}.
   * Neither report nor clear is Rejected (N09.FR.07).
   */
  public Outcome request(List<Customer> references, boolean report, boolean clear) {
    if (references.size() != 1) {
      return new Outcome(Status.INVALID, List.of());
    }
    if (!report && !clear) {
      return new Outcome(Status.REJECTED, List.of());
    }
    List<String> facts =
        references.get(0) instanceof Customer.Token t ? facts(t.token()) : List.of();
    if (clear && references.get(0) instanceof Customer.Token t) {
      authorization.forget(t.token());
    }
    if (facts.isEmpty()) {
      return new Outcome(Status.ACCEPTED, List.of("No data found for this customer"));
    }
    if (!report) {
      return new Outcome(Status.ACCEPTED, List.of("Cleared the customer's data"));
    }
    return new Outcome(Status.ACCEPTED, pages(clear ? cleared(facts) : facts));
  }

  private List<String> facts(IdentifierToken token) {
    List<String> facts = new ArrayList<>();
    Optional<AuthorizationInfo> listed = authorization.localListEntry(token);
    listed.ifPresent(info -> facts.add("local list: " + describe(info) + " (kept)"));
    for (CacheEntry e : authorization.cacheEntries()) {
      if (e.token().equals(token)) {
        facts.add("authorization cache: " + describe(e.info()) + ", last used " + e.lastUsed());
      }
    }
    for (Transaction t : openTransactions.get()) {
      if (t.idToken().equals(token.value())) {
        facts.add(
            "transaction "
                + t.id()
                + " on EVSE "
                + t.evse()
                + " since "
                + t.startedAt()
                + " (running, kept)");
      }
    }
    return facts;
  }

  /** What a clear took away is reported as cleared. */
  private static List<String> cleared(List<String> facts) {
    return facts.stream()
        .map(f -> f.startsWith("authorization cache") ? f + " (cleared)" : f)
        .toList();
  }

  private static String describe(AuthorizationInfo info) {
    return info.status().name().toLowerCase(java.util.Locale.ROOT)
        + (info.expiresAt() == null ? "" : " until " + info.expiresAt());
  }

  /** The facts joined and cut into pages of at most {@link #PAGE_LENGTH} characters. */
  static List<String> pages(List<String> facts) {
    String text = String.join("; ", facts);
    List<String> pages = new ArrayList<>();
    for (int from = 0; from < text.length(); from += PAGE_LENGTH) {
      pages.add(text.substring(from, Math.min(text.length(), from + PAGE_LENGTH)));
    }
    return pages;
  }
}
