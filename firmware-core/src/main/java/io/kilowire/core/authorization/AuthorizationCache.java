package io.kilowire.core.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authorization cache: the latest {@link AuthorizationInfo} the CSMS gave for each token seen
 * (1.6 §3.5.1, 2.0.1 C10). Entries that are not Accepted are kept too: they tell the station to
 * refuse the token while offline.
 *
 * <ul>
 *   <li>An Accepted entry past its expiry is changed to Expired when next looked up (1.6 §3.5.1).
 *   <li>With a life time (2.0.1 AuthCacheCtrlr.LifeTime: "how long until a token expires in the
 *       cache since it is last used") an entry unused for that long is dropped: the cache forgets
 *       it, it does not become a refusal.
 *   <li>Bounded: when full, an entry that is no longer valid goes first, then the least recently
 *       used one (1.6 §3.5.1; 2.0.1 AuthCacheCtrlr.Policy LRU).
 * </ul>
 *
 * <p>Mutable and not thread-safe; {@link AuthorizationService} owns it and persists it.
 */
public final class AuthorizationCache {
  /** Iteration order is least recently used first; a use moves the entry to the end. */
  private final LinkedHashMap<IdentifierToken, CacheEntry> entries = new LinkedHashMap<>();

  private int capacity;
  private @Nullable Duration lifeTime;

  /**
   * @param capacity the most entries kept; 0 keeps none
   * @param lifeTime how long an unused entry lives; null for no limit
   */
  public AuthorizationCache(int capacity, @Nullable Duration lifeTime) {
    configure(capacity, lifeTime, Instant.EPOCH);
  }

  /**
   * Applies new limits; if the cache holds more than {@code capacity} entries, evicts down to it.
   */
  public void configure(int capacity, @Nullable Duration lifeTime, Instant now) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
    }
    if (lifeTime != null && (lifeTime.isNegative() || lifeTime.isZero())) {
      throw new IllegalArgumentException("lifeTime must be positive, got " + lifeTime);
    }
    this.capacity = capacity;
    this.lifeTime = lifeTime;
    evictDownTo(capacity, now);
  }

  public int capacity() {
    return capacity;
  }

  public @Nullable Duration lifeTime() {
    return lifeTime;
  }

  public int size() {
    return entries.size();
  }

  /** Stores (or replaces) what the CSMS said about {@code token}, as its most recent use. */
  public void put(IdentifierToken token, AuthorizationInfo info, Instant now) {
    Objects.requireNonNull(info, "info");
    entries.remove(token);
    // A personal message was for that moment (I01); offline the fallback message applies.
    entries.put(token, new CacheEntry(token, info.withoutPersonalMessage(), now));
    evictDownTo(capacity, now);
  }

  /**
   * What the cache knows about {@code token} as of {@code now}, counting as a use. An entry past
   * its life time is dropped and reads as absent; an Accepted entry past its expiry is changed to
   * Expired.
   */
  public Optional<AuthorizationInfo> lookup(IdentifierToken token, Instant now) {
    CacheEntry entry = entries.remove(token);
    if (entry == null) {
      return Optional.empty();
    }
    if (outlived(entry, now)) {
      return Optional.empty();
    }
    AuthorizationInfo info = entry.info();
    AuthorizationStatus current = info.statusAt(now);
    if (current != info.status()) {
      info = info.withStatus(current);
    }
    entries.put(token, new CacheEntry(token, info, now));
    return Optional.of(info);
  }

  /** The entry for {@code token} as stored, without counting a use or applying time. */
  public Optional<CacheEntry> peek(IdentifierToken token) {
    return Optional.ofNullable(entries.get(token));
  }

  public boolean remove(IdentifierToken token) {
    return entries.remove(token) != null;
  }

  public void clear() {
    entries.clear();
  }

  /** All entries, least recently used first. */
  public List<CacheEntry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Replaces the contents with {@code restored} (least recently used first), as read from a
   * snapshot; entries beyond the capacity are evicted by the usual rule.
   */
  public void restore(List<CacheEntry> restored, Instant now) {
    entries.clear();
    for (CacheEntry entry : restored) {
      entries.remove(entry.token());
      entries.put(entry.token(), entry);
    }
    evictDownTo(capacity, now);
  }

  private boolean outlived(CacheEntry entry, Instant now) {
    return lifeTime != null && !now.isBefore(entry.lastUsed().plus(lifeTime));
  }

  private void evictDownTo(int limit, Instant now) {
    while (entries.size() > limit) {
      evictOne(now);
    }
  }

  /** Evicts the least recently used entry that is no longer valid, else the least recently used. */
  private void evictOne(Instant now) {
    Iterator<CacheEntry> it = entries.values().iterator();
    while (it.hasNext()) {
      CacheEntry entry = it.next();
      if (!entry.info().isValidAt(now) || outlived(entry, now)) {
        it.remove();
        return;
      }
    }
    Iterator<CacheEntry> oldest = entries.values().iterator();
    oldest.next();
    oldest.remove();
  }
}
