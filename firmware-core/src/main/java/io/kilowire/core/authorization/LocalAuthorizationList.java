package io.kilowire.core.authorization;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local authorization list: tokens and their authorization as the CSMS installed them with
 * SendLocalList (1.6 §3.5.2 and §5.15, 2.0.1 D01), and the list's version.
 *
 * <p>Updates are all or nothing: a refused update leaves entries and version untouched. Mutable and
 * not thread-safe; {@link AuthorizationService} owns it and persists it.
 */
public final class LocalAuthorizationList {
  private final LinkedHashMap<IdentifierToken, AuthorizationInfo> entries = new LinkedHashMap<>();
  private int version;

  /** An empty list with version 0, the state of a station that never received one. */
  public LocalAuthorizationList() {}

  /** A list as read from a snapshot. */
  public static LocalAuthorizationList of(
      int version, Map<IdentifierToken, AuthorizationInfo> map) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, got " + version);
    }
    LocalAuthorizationList list = new LocalAuthorizationList();
    list.version = version;
    list.entries.putAll(map);
    return list;
  }

  /** Puts back an earlier state, after an update whose persisting failed. */
  void reset(int oldVersion, Map<IdentifierToken, AuthorizationInfo> oldEntries) {
    entries.clear();
    entries.putAll(oldEntries);
    version = oldVersion;
  }

  /** The version the CSMS last installed; 0 when it never installed one. */
  public int version() {
    return version;
  }

  /**
   * The version GetLocalListVersion reports: 0 whenever the list holds no entries, since 0 is how
   * both versions say "the list is empty" (1.6 §5.10, 2.0.1 D02), else {@link #version()}.
   */
  public int reportedVersion() {
    return entries.isEmpty() ? 0 : version;
  }

  public int size() {
    return entries.size();
  }

  public Optional<AuthorizationInfo> lookup(IdentifierToken token) {
    return Optional.ofNullable(entries.get(token));
  }

  public boolean contains(IdentifierToken token) {
    return entries.containsKey(token);
  }

  /** The entries in installation order. */
  public Map<IdentifierToken, AuthorizationInfo> entries() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * Applies an update, or refuses it and changes nothing.
   *
   * <p>Checks, in this order: the version (a differential update must be newer than the list: 1.6
   * UpdateStatus.VersionMismatch, "version number in the request for a differential update is less
   * or equal than the version number of the current list"; 2.0.1 D01 likewise), the number of
   * entries in this message, duplicate tokens, the info a full update needs for each entry, then
   * the size of the resulting list.
   *
   * <p>A full update replaces the list (with no entries it empties it); a differential update adds
   * or updates every entry with info and removes every entry without (an absent token's removal is
   * a no-op). A differential update without entries changes only the version (1.6 §5.15 says it
   * "has no effect on the list").
   *
   * @param maxEntries the most entries the list may hold
   * @param maxEntriesPerMessage the most entries one update may carry
   */
  public LocalListUpdateResult apply(
      LocalListUpdate update, int maxEntries, int maxEntriesPerMessage) {
    if (update.version() < 0) {
      return LocalListUpdateResult.INVALID_VERSION;
    }
    boolean full = update.type() == LocalListUpdateType.FULL;
    if (!full && update.version() <= version) {
      return LocalListUpdateResult.VERSION_MISMATCH;
    }
    if (update.entries().size() > maxEntriesPerMessage) {
      return LocalListUpdateResult.TOO_MANY_ENTRIES_IN_MESSAGE;
    }
    Set<IdentifierToken> seen = new HashSet<>();
    for (LocalListEntry entry : update.entries()) {
      if (!seen.add(entry.token())) {
        return LocalListUpdateResult.DUPLICATE_TOKEN;
      }
      if (full && entry.info() == null) {
        return LocalListUpdateResult.MISSING_INFO;
      }
    }

    LinkedHashMap<IdentifierToken, AuthorizationInfo> next =
        full ? new LinkedHashMap<>() : new LinkedHashMap<>(entries);
    for (LocalListEntry entry : update.entries()) {
      AuthorizationInfo info = entry.info();
      if (info == null) {
        next.remove(entry.token());
      } else {
        // remove first so that a re-sent token keeps the spelling of the latest update
        next.remove(entry.token());
        next.put(entry.token(), info);
      }
    }
    if (next.size() > maxEntries) {
      return LocalListUpdateResult.LIST_FULL;
    }
    entries.clear();
    entries.putAll(next);
    version = update.version();
    return LocalListUpdateResult.ACCEPTED;
  }
}
