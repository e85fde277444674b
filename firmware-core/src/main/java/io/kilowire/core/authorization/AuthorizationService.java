package io.kilowire.core.authorization;

import io.kilowire.core.authorization.AuthorizationSnapshots.CorruptSnapshotException;
import io.kilowire.core.authorization.AuthorizationSnapshots.ListSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station's authorization: the cache, the local list, the settings, and the store that keeps the
 * first two across reboots. Version adapters call it with version-free values; the transaction
 * layer calls {@link #authorize} when a token is presented and acts on the decision.
 *
 * <p>Every change to the cache or the list is written through to the store at once (the cache's
 * least-recently-used order is saved with its content changes, not on every lookup). Not
 * thread-safe: one station's event loop owns it.
 */
public final class AuthorizationService {
  /** The snapshot name of the cache. */
  public static final String CACHE_SNAPSHOT = "authorization-cache";

  /** The snapshot name of the local list. */
  public static final String LOCAL_LIST_SNAPSHOT = "authorization-local-list";

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationService.class);

  private final AuthorizationStore store;
  private final AuthorizationCache cache;
  private final LocalAuthorizationList localList;
  private final List<String> restoreProblems;
  private AuthorizationSettings settings;

  private AuthorizationService(
      AuthorizationSettings settings,
      AuthorizationStore store,
      AuthorizationCache cache,
      LocalAuthorizationList localList,
      List<String> restoreProblems) {
    this.settings = settings;
    this.store = store;
    this.cache = cache;
    this.localList = localList;
    this.restoreProblems = List.copyOf(restoreProblems);
  }

  /**
   * Opens the service over {@code store}, restoring cache and local list from their snapshots. A
   * missing snapshot means empty; an unreadable one is logged as a warning and also means empty, so
   * a damaged blob never stops the station from booting.
   */
  public static AuthorizationService open(
      AuthorizationSettings settings, AuthorizationStore store, Instant now) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(store, "store");
    List<String> problems = new ArrayList<>();

    AuthorizationCache cache =
        new AuthorizationCache(settings.cacheCapacity(), settings.cacheLifeTime());
    Optional<byte[]> cacheBlob = readQuietly(store, CACHE_SNAPSHOT, problems);
    if (cacheBlob.isPresent()) {
      try {
        cache.restore(AuthorizationSnapshots.decodeCache(cacheBlob.get()), now);
      } catch (CorruptSnapshotException e) {
        problems.add(CACHE_SNAPSHOT + ": " + e.getMessage());
      }
    }

    LocalAuthorizationList list = new LocalAuthorizationList();
    Optional<byte[]> listBlob = readQuietly(store, LOCAL_LIST_SNAPSHOT, problems);
    if (listBlob.isPresent()) {
      try {
        ListSnapshot snapshot = AuthorizationSnapshots.decodeList(listBlob.get());
        list = LocalAuthorizationList.of(snapshot.version(), snapshot.entries());
      } catch (CorruptSnapshotException e) {
        problems.add(LOCAL_LIST_SNAPSHOT + ": " + e.getMessage());
      }
    }

    for (String problem : problems) {
      LOG.warn("Authorization snapshot unusable, starting without it: {}", problem);
    }
    return new AuthorizationService(settings, store, cache, list, problems);
  }

  private static Optional<byte[]> readQuietly(
      AuthorizationStore store, String name, List<String> problems) {
    try {
      return store.read(name);
    } catch (RuntimeException e) {
      // the store is at the edge: whatever it throws, boot goes on with an empty snapshot
      problems.add(name + ": could not be read: " + e);
      return Optional.empty();
    }
  }

  public AuthorizationSettings settings() {
    return settings;
  }

  /**
   * Applies changed settings, as after ChangeConfiguration or SetVariables. A smaller cache evicts
   * at once; disabling the cache or the list keeps their contents for when they are enabled again.
   */
  public void reconfigure(AuthorizationSettings newSettings, Instant now) {
    Objects.requireNonNull(newSettings, "newSettings");
    int before = cache.size();
    cache.configure(newSettings.cacheCapacity(), newSettings.cacheLifeTime(), now);
    settings = newSettings;
    if (cache.size() != before) {
      saveCache();
    }
  }

  /** What the problems were, if restoring a snapshot failed at {@link #open}; else empty. */
  public List<String> restoreProblems() {
    return restoreProblems;
  }

  // ----------------------------------------------------------------------------- decisions

  /**
   * Decides on a presented or remotely named token (see {@link AuthorizationRules#decide}). Looking
   * the token up in the cache counts as a use of the cache entry.
   */
  public AuthorizationDecision authorize(AuthorizationQuery query, Instant now) {
    IdentifierToken token = query.token();
    AuthorizationInfo listEntry =
        settings.localListInUse() ? localList.lookup(token).orElse(null) : null;
    AuthorizationInfo cacheEntry =
        listEntry == null && settings.cacheInUse() ? cache.lookup(token, now).orElse(null) : null;
    AuthorizationDecision decision =
        AuthorizationRules.decide(query, settings, listEntry, cacheEntry, now);
    LOG.debug("Authorization of {}: {}", token.value(), decision);
    return decision;
  }

  /**
   * Takes the CSMS's answer to Authorize for {@code query}: records it in the cache and decides
   * (accept only Accepted, unexpired, for the query's EVSE).
   */
  public AuthorizationDecision onAuthorizeAnswer(
      AuthorizationQuery query, AuthorizationInfo answer, Instant now) {
    record(query.token(), answer, now);
    return AuthorizationRules.onAuthorizeAnswer(answer, query.evseId(), now);
  }

  /**
   * Takes the token status the CSMS sent with a transaction message (1.6 StartTransaction.conf,
   * 2.0.1 TransactionEventResponse): records it and says what the running transaction does.
   */
  public InvalidIdAction onTransactionAnswer(
      IdentifierToken token, AuthorizationInfo answer, Instant now) {
    record(token, answer, now);
    return AuthorizationRules.onTransactionAnswer(answer, settings);
  }

  /**
   * Records what the CSMS said about a token in the cache (1.6 §3.5.1: Authorize.conf,
   * StartTransaction.conf, StopTransaction.conf; 2.0.1 C10: AuthorizeResponse,
   * TransactionEventResponse). Skipped when the cache is not in use, for NoAuthorization tokens,
   * and for tokens in the local list in use: those belong to the list alone (1.6 §3.5.3 and §4.8).
   */
  public void record(IdentifierToken token, AuthorizationInfo info, Instant now) {
    if (!settings.cacheInUse()
        || token.type() == IdentifierType.NO_AUTHORIZATION
        || (settings.localListInUse() && localList.contains(token))) {
      return;
    }
    cache.put(token, info, now);
    saveCache();
  }

  // ---------------------------------------------------------------------------- local list

  /**
   * Applies a SendLocalList update (1.6 §5.15, 2.0.1 D01), persisting the new list before it
   * counts: if the store fails, the update is rolled back and reported as {@link
   * LocalListUpdateResult#STORAGE_FAILED}.
   */
  public LocalListUpdateResult updateLocalList(LocalListUpdate update) {
    if (!settings.localListSupported()) {
      return LocalListUpdateResult.NOT_SUPPORTED;
    }
    if (!settings.localListEnabled()) {
      return LocalListUpdateResult.NOT_ENABLED;
    }
    int oldVersion = localList.version();
    Map<IdentifierToken, AuthorizationInfo> oldEntries = localList.entries();
    LocalListUpdateResult result =
        localList.apply(
            update, settings.localListMaxEntries(), settings.localListMaxEntriesPerMessage());
    if (!result.accepted()) {
      LOG.info("Local list update to version {} refused: {}", update.version(), result);
      return result;
    }
    try {
      store.write(
          LOCAL_LIST_SNAPSHOT,
          AuthorizationSnapshots.encodeList(localList.version(), localList.entries()));
    } catch (RuntimeException e) {
      localList.reset(oldVersion, oldEntries);
      LOG.warn(
          "Local list version {} could not be saved; kept version {}",
          update.version(),
          oldVersion,
          e);
      return LocalListUpdateResult.STORAGE_FAILED;
    }
    LOG.info(
        "Local list now version {} with {} entries ({} update)",
        localList.version(),
        localList.size(),
        update.type());
    return result;
  }

  /**
   * The version to answer GetLocalListVersion with: -1 when the station has no local list or it is
   * disabled (1.6 §5.10 "-1 ... does not support"; a disabled list answers SendLocalList with
   * NotSupported, so it reads as unsupported here too), 0 when the list is empty, else its version.
   */
  public int localListVersion() {
    return settings.localListInUse() ? localList.reportedVersion() : -1;
  }

  /** The local list's entry for {@code token}, whether or not the list is in use. */
  public Optional<AuthorizationInfo> localListEntry(IdentifierToken token) {
    return localList.lookup(token);
  }

  /** The local list's entries, in installation order. */
  public Map<IdentifierToken, AuthorizationInfo> localListEntries() {
    return localList.entries();
  }

  /** The version the CSMS last installed, even when the list is empty or not in use. */
  public int installedLocalListVersion() {
    return localList.version();
  }

  // --------------------------------------------------------------------------------- cache

  /**
   * Empties the cache and persists the empty cache. Whether ClearCache may do this is a version
   * rule and lives in the adapters (1.6 §5.4: Rejected only when there is no cache; 2.0.1 C11:
   * Rejected also when the cache is disabled).
   */
  public void clearCache() {
    cache.clear();
    saveCache();
  }

  /** Removes one token from the cache (a customer's data cleared, 2.0.1 N10); false if absent. */
  public boolean forget(IdentifierToken token) {
    boolean removed = cache.remove(token);
    if (removed) {
      saveCache();
    }
    return removed;
  }

  /** The cache's entries, least recently used first. */
  public List<CacheEntry> cacheEntries() {
    return cache.entries();
  }

  private void saveCache() {
    try {
      store.write(CACHE_SNAPSHOT, AuthorizationSnapshots.encodeCache(cache.entries()));
    } catch (RuntimeException e) {
      // the cache is an optimisation: losing its persistence must not stop charging
      LOG.warn("Authorization cache could not be saved; it lives on in memory", e);
    }
  }
}
