package io.kilowire.emulator.sandbox;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's token table: what it answers for each token. By default every token is accepted
 * (the emulator's demo); a table of known tokens answers the rest Unknown (OCPP 1.6: Invalid), as a
 * CSMS with real accounts would.
 */
public final class SandboxTokens {
  /**
   * How one token is answered.
   *
   * @param status an OCPP 2.0.1 authorization status: Accepted, Blocked, Expired, Invalid, Unknown
   *     (1.6 answers Unknown as Invalid)
   * @param groupId the token's group (2.0.1 groupIdToken, 1.6 parentIdTag), or null
   */
  public record Entry(String status, @Nullable String groupId) {
    public Entry {
      Objects.requireNonNull(status, "status");
    }

    public static Entry accepted() {
      return new Entry("Accepted", null);
    }
  }

  private static final SandboxTokens ACCEPT_ALL = new SandboxTokens(Map.of(), Entry.accepted());

  private final Map<String, Entry> known;
  private final Entry otherwise;

  private SandboxTokens(Map<String, Entry> known, Entry otherwise) {
    this.known = Map.copyOf(known);
    this.otherwise = otherwise;
  }

  /** Every token accepted, none in a group. */
  public static SandboxTokens acceptAll() {
    return ACCEPT_ALL;
  }

  /** These tokens as given; any other token Unknown. */
  public static SandboxTokens of(Map<String, Entry> known) {
    return new SandboxTokens(known, new Entry("Unknown", null));
  }

  /** The answer for {@code idToken}. */
  public Entry lookup(String idToken) {
    return known.getOrDefault(idToken, otherwise);
  }
}
