package io.kilowire.core.authorization;

import java.time.Instant;
import java.util.Objects;

/**
 * One authorization cache entry.
 *
 * @param token the token
 * @param info what the CSMS last said about it
 * @param lastUsed when it was last stored or looked up; the 2.0.1 AuthCacheCtrlr.LifeTime counts
 *     from here
 */
public record CacheEntry(IdentifierToken token, AuthorizationInfo info, Instant lastUsed) {
  public CacheEntry {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(lastUsed, "lastUsed");
  }
}
