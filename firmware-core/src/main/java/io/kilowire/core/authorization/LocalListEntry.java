package io.kilowire.core.authorization;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a local list update (1.6 and 2.0.1 AuthorizationData).
 *
 * @param token the token
 * @param info its authorization; null in a differential update removes the token, and a full update
 *     needs it for every entry (1.6 AuthorizationData.idTagInfo, 2.0.1
 *     AuthorizationData.idTokenInfo)
 */
public record LocalListEntry(IdentifierToken token, @Nullable AuthorizationInfo info) {
  public LocalListEntry {
    Objects.requireNonNull(token, "token");
  }

  /** An entry that adds or updates {@code token}. */
  public static LocalListEntry of(IdentifierToken token, AuthorizationInfo info) {
    return new LocalListEntry(token, info);
  }

  /** A differential-update entry that removes {@code token}. */
  public static LocalListEntry removal(IdentifierToken token) {
    return new LocalListEntry(token, null);
  }
}
