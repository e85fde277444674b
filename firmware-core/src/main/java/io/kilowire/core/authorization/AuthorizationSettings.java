package io.kilowire.core.authorization;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The configuration authorization depends on, in version-free terms. The configuration layer fills
 * it from 1.6 keys or 2.0.1 device-model variables (named on each component) and hands a new one to
 * {@link AuthorizationService#reconfigure} when the CSMS changes one. Build with {@link
 * #builder()}; the defaults are documented on the builder.
 *
 * @param authorizationEnabled 2.0.1 AuthCtrlr.Enabled: false starts every transaction without
 *     authorization; 1.6 has no such switch (always true)
 * @param localPreAuthorize 1.6 LocalPreAuthorize, 2.0.1 AuthCtrlr.LocalPreAuthorize: online, start
 *     at once for a token that is valid in the local list or cache, without an Authorize
 * @param localAuthorizeOffline 1.6 LocalAuthorizeOffline, 2.0.1 AuthCtrlr.LocalAuthorizeOffline:
 *     offline, start for a token that is valid in the local list or cache
 * @param allowOfflineTxForUnknownId 1.6 AllowOfflineTxForUnknownId, 2.0.1
 *     AuthCtrlr.OfflineTxForUnknownIdEnabled: offline, start for a token not explicitly authorized
 *     locally
 * @param authorizeRemoteStart 1.6 AuthorizeRemoteTxRequests, 2.0.1 AuthCtrlr.AuthorizeRemoteStart:
 *     authorize the token of a remote start like a presented one
 * @param stopTransactionOnInvalidId 1.6 StopTransactionOnInvalidId, 2.0.1
 *     TxCtrlr.StopTxOnInvalidId: stop a running transaction when the CSMS answers its start with a
 *     status other than Accepted (else only suspend energy)
 * @param cacheSupported whether the station has a cache at all (1.6: the AuthorizationCacheEnabled
 *     key exists; 2.0.1 AuthCacheCtrlr.Available)
 * @param cacheEnabled 1.6 AuthorizationCacheEnabled, 2.0.1 AuthCacheCtrlr.Enabled
 * @param cacheCapacity the most cache entries kept (2.0.1 bounds AuthCacheCtrlr.Storage in bytes;
 *     the station maker converts)
 * @param cacheLifeTime 2.0.1 AuthCacheCtrlr.LifeTime: an entry unused this long is dropped; null
 *     for no limit (1.6)
 * @param cacheDisablePostAuthorize 2.0.1 AuthCacheCtrlr.DisablePostAuthorize: online with local
 *     pre-authorization, refuse a cached non-Accepted token instead of asking the CSMS again
 * @param localListSupported whether the station has a local list (1.6: LocalAuthListManagement in
 *     SupportedFeatureProfiles; 2.0.1 LocalAuthListCtrlr.Available)
 * @param localListEnabled 1.6 LocalAuthListEnabled, 2.0.1 LocalAuthListCtrlr.Enabled
 * @param localListMaxEntries 1.6 LocalAuthListMaxLength, 2.0.1 LocalAuthListCtrlr.Entries maxLimit
 * @param localListMaxEntriesPerMessage 1.6 SendLocalListMaxLength, 2.0.1
 *     LocalAuthListCtrlr.ItemsPerMessage
 * @param localListDisablePostAuthorize 2.0.1 LocalAuthListCtrlr.DisablePostAuthorize: as for the
 *     cache, for local list entries
 */
public record AuthorizationSettings(
    boolean authorizationEnabled,
    boolean localPreAuthorize,
    boolean localAuthorizeOffline,
    boolean allowOfflineTxForUnknownId,
    boolean authorizeRemoteStart,
    boolean stopTransactionOnInvalidId,
    boolean cacheSupported,
    boolean cacheEnabled,
    int cacheCapacity,
    @Nullable Duration cacheLifeTime,
    boolean cacheDisablePostAuthorize,
    boolean localListSupported,
    boolean localListEnabled,
    int localListMaxEntries,
    int localListMaxEntriesPerMessage,
    boolean localListDisablePostAuthorize) {

  public AuthorizationSettings {
    if (cacheCapacity < 0) {
      throw new IllegalArgumentException(
          "cacheCapacity must not be negative, got " + cacheCapacity);
    }
    if (cacheLifeTime != null && (cacheLifeTime.isNegative() || cacheLifeTime.isZero())) {
      throw new IllegalArgumentException("cacheLifeTime must be positive, got " + cacheLifeTime);
    }
    if (localListMaxEntries < 0) {
      throw new IllegalArgumentException(
          "localListMaxEntries must not be negative, got " + localListMaxEntries);
    }
    if (localListMaxEntriesPerMessage < 1) {
      throw new IllegalArgumentException(
          "localListMaxEntriesPerMessage must be at least 1, got " + localListMaxEntriesPerMessage);
    }
  }

  /** Whether the cache is consulted and filled: it exists and is enabled. */
  public boolean cacheInUse() {
    return cacheSupported && cacheEnabled;
  }

  /** Whether the local list is consulted and accepts updates: it exists and is enabled. */
  public boolean localListInUse() {
    return localListSupported && localListEnabled;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .authorizationEnabled(authorizationEnabled)
        .localPreAuthorize(localPreAuthorize)
        .localAuthorizeOffline(localAuthorizeOffline)
        .allowOfflineTxForUnknownId(allowOfflineTxForUnknownId)
        .authorizeRemoteStart(authorizeRemoteStart)
        .stopTransactionOnInvalidId(stopTransactionOnInvalidId)
        .cacheSupported(cacheSupported)
        .cacheEnabled(cacheEnabled)
        .cacheCapacity(cacheCapacity)
        .cacheLifeTime(cacheLifeTime)
        .cacheDisablePostAuthorize(cacheDisablePostAuthorize)
        .localListSupported(localListSupported)
        .localListEnabled(localListEnabled)
        .localListMaxEntries(localListMaxEntries)
        .localListMaxEntriesPerMessage(localListMaxEntriesPerMessage)
        .localListDisablePostAuthorize(localListDisablePostAuthorize);
  }

  /**
   * Defaults: authorization enabled; no local pre-authorization; local authorization offline on;
   * unknown tokens refused offline; remote starts authorized; invalid ids stop the transaction;
   * cache and local list supported and enabled, 1000 entries each, 100 list entries per message; no
   * cache life time; post-authorization on for both.
   */
  public static final class Builder {
    private boolean authorizationEnabled = true;
    private boolean localPreAuthorize;
    private boolean localAuthorizeOffline = true;
    private boolean allowOfflineTxForUnknownId;
    private boolean authorizeRemoteStart = true;
    private boolean stopTransactionOnInvalidId = true;
    private boolean cacheSupported = true;
    private boolean cacheEnabled = true;
    private int cacheCapacity = 1000;
    private @Nullable Duration cacheLifeTime;
    private boolean cacheDisablePostAuthorize;
    private boolean localListSupported = true;
    private boolean localListEnabled = true;
    private int localListMaxEntries = 1000;
    private int localListMaxEntriesPerMessage = 100;
    private boolean localListDisablePostAuthorize;

    private Builder() {}

    public Builder authorizationEnabled(boolean value) {
      authorizationEnabled = value;
      return this;
    }

    public Builder localPreAuthorize(boolean value) {
      localPreAuthorize = value;
      return this;
    }

    public Builder localAuthorizeOffline(boolean value) {
      localAuthorizeOffline = value;
      return this;
    }

    public Builder allowOfflineTxForUnknownId(boolean value) {
      allowOfflineTxForUnknownId = value;
      return this;
    }

    public Builder authorizeRemoteStart(boolean value) {
      authorizeRemoteStart = value;
      return this;
    }

    public Builder stopTransactionOnInvalidId(boolean value) {
      stopTransactionOnInvalidId = value;
      return this;
    }

    public Builder cacheSupported(boolean value) {
      cacheSupported = value;
      return this;
    }

    public Builder cacheEnabled(boolean value) {
      cacheEnabled = value;
      return this;
    }

    public Builder cacheCapacity(int value) {
      cacheCapacity = value;
      return this;
    }

    public Builder cacheLifeTime(@Nullable Duration value) {
      cacheLifeTime = value;
      return this;
    }

    public Builder cacheDisablePostAuthorize(boolean value) {
      cacheDisablePostAuthorize = value;
      return this;
    }

    public Builder localListSupported(boolean value) {
      localListSupported = value;
      return this;
    }

    public Builder localListEnabled(boolean value) {
      localListEnabled = value;
      return this;
    }

    public Builder localListMaxEntries(int value) {
      localListMaxEntries = value;
      return this;
    }

    public Builder localListMaxEntriesPerMessage(int value) {
      localListMaxEntriesPerMessage = value;
      return this;
    }

    public Builder localListDisablePostAuthorize(boolean value) {
      localListDisablePostAuthorize = value;
      return this;
    }

    public AuthorizationSettings build() {
      return new AuthorizationSettings(
          authorizationEnabled,
          localPreAuthorize,
          localAuthorizeOffline,
          allowOfflineTxForUnknownId,
          authorizeRemoteStart,
          stopTransactionOnInvalidId,
          cacheSupported,
          cacheEnabled,
          cacheCapacity,
          cacheLifeTime,
          cacheDisablePostAuthorize,
          localListSupported,
          localListEnabled,
          localListMaxEntries,
          localListMaxEntriesPerMessage,
          localListDisablePostAuthorize);
    }
  }
}
