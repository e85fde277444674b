package io.kilowire.core.configuration;

import io.kilowire.core.ocpp.OcppVersion;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@link StationSettings} over the OCPP 1.6 keys. */
final class V16StationSettings implements StationSettings {
  private final Configuration keys;

  V16StationSettings(Configuration keys) {
    this.keys = keys;
  }

  @Override
  public OcppVersion version() {
    return OcppVersion.V16;
  }

  @Override
  public Duration heartbeatInterval() {
    return seconds(V16Keys.HEARTBEAT_INTERVAL);
  }

  @Override
  public void heartbeatIntervalAssigned(Duration interval) {
    if (keys.contains(V16Keys.HEARTBEAT_INTERVAL)) {
      keys.set(V16Keys.HEARTBEAT_INTERVAL, (int) Math.min(Integer.MAX_VALUE, interval.toSeconds()));
    }
  }

  @Override
  public boolean reservationsEnabled() {
    return keys.getOrDefault(V16Keys.SUPPORTED_FEATURE_PROFILES).contains("Reservation");
  }

  @Override
  public boolean reservationNonEvseSpecific() {
    return keys.contains(V16Keys.RESERVE_CONNECTOR_ZERO_SUPPORTED)
        && keys.get(V16Keys.RESERVE_CONNECTOR_ZERO_SUPPORTED);
  }

  /**
   * ConnectionTimeOut is 1.6's name for what 2.0.1 calls TxCtrlr.EVConnectionTimeOut: the time an
   * authorization waits for the cable before it lapses. One rule acts on both.
   */
  @Override
  public Duration evConnectionTimeout() {
    return seconds(V16Keys.CONNECTION_TIME_OUT);
  }

  @Override
  public Duration messageTimeout() {
    return seconds(V16Keys.MESSAGE_TIMEOUT);
  }

  @Override
  public int transactionMessageAttempts() {
    return keys.getOrDefault(V16Keys.TRANSACTION_MESSAGE_ATTEMPTS);
  }

  @Override
  public Duration transactionMessageRetryInterval() {
    return seconds(V16Keys.TRANSACTION_MESSAGE_RETRY_INTERVAL);
  }

  @Override
  public Duration sampleInterval() {
    return seconds(V16Keys.METER_VALUE_SAMPLE_INTERVAL);
  }

  @Override
  public List<String> sampledMeasurands() {
    return keys.getOrDefault(V16Keys.METER_VALUES_SAMPLED_DATA);
  }

  @Override
  public Duration clockAlignedInterval() {
    return seconds(V16Keys.CLOCK_ALIGNED_DATA_INTERVAL);
  }

  @Override
  public List<String> clockAlignedMeasurands() {
    return keys.getOrDefault(V16Keys.METER_VALUES_ALIGNED_DATA);
  }

  @Override
  public boolean localAuthorizeOffline() {
    return keys.getOrDefault(V16Keys.LOCAL_AUTHORIZE_OFFLINE);
  }

  @Override
  public boolean localPreAuthorize() {
    return keys.getOrDefault(V16Keys.LOCAL_PRE_AUTHORIZE);
  }

  @Override
  public boolean allowOfflineTxForUnknownId() {
    return keys.getOrDefault(V16Keys.ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID);
  }

  @Override
  public boolean authorizeRemoteStart() {
    return keys.getOrDefault(V16Keys.AUTHORIZE_REMOTE_TX_REQUESTS);
  }

  @Override
  public boolean authCacheEnabled() {
    return keys.getOrDefault(V16Keys.AUTHORIZATION_CACHE_ENABLED);
  }

  @Override
  public boolean localAuthListEnabled() {
    return keys.getOrDefault(V16Keys.LOCAL_AUTH_LIST_ENABLED);
  }

  @Override
  public boolean stopTxOnEvSideDisconnect() {
    return keys.getOrDefault(V16Keys.STOP_TRANSACTION_ON_EV_SIDE_DISCONNECT);
  }

  @Override
  public boolean stopTxOnInvalidId() {
    return keys.getOrDefault(V16Keys.STOP_TRANSACTION_ON_INVALID_ID);
  }

  @Override
  public Duration webSocketPingInterval() {
    return seconds(V16Keys.WEB_SOCKET_PING_INTERVAL);
  }

  @Override
  public RetryBackOff retryBackOff() {
    return new RetryBackOff(
        Duration.ofSeconds(
            V201Variables.OcppCommCtrlr.RETRY_BACK_OFF_WAIT_MINIMUM.actual().defaultValue()),
        Duration.ofSeconds(
            V201Variables.OcppCommCtrlr.RETRY_BACK_OFF_RANDOM_RANGE.actual().defaultValue()),
        V201Variables.OcppCommCtrlr.RETRY_BACK_OFF_REPEAT_TIMES.actual().defaultValue());
  }

  @Override
  public Set<TxPoint> txStartPoints() {
    return EnumSet.of(TxPoint.POWER_PATH_CLOSED);
  }

  @Override
  public Set<TxPoint> txStopPoints() {
    return stopTxOnEvSideDisconnect()
        ? EnumSet.of(TxPoint.EV_CONNECTED, TxPoint.AUTHORIZED)
        : EnumSet.of(TxPoint.AUTHORIZED);
  }

  @Override
  public int chargeProfileMaxStackLevel() {
    return keys.getOrDefault(V16Keys.CHARGE_PROFILE_MAX_STACK_LEVEL);
  }

  @Override
  public int chargingScheduleMaxPeriods() {
    return keys.getOrDefault(V16Keys.CHARGING_SCHEDULE_MAX_PERIODS);
  }

  @Override
  public int maxChargingProfilesInstalled() {
    return keys.getOrDefault(V16Keys.MAX_CHARGING_PROFILES_INSTALLED);
  }

  @Override
  public List<String> chargingRateUnits() {
    return keys.getOrDefault(V16Keys.CHARGING_SCHEDULE_ALLOWED_CHARGING_RATE_UNIT).stream()
        .map(unit -> unit.equals("Current") ? "A" : "W")
        .toList();
  }

  @Override
  public int localListMaxEntries() {
    return keys.getOrDefault(V16Keys.LOCAL_AUTH_LIST_MAX_LENGTH);
  }

  @Override
  public int localListMaxEntriesPerMessage() {
    return keys.getOrDefault(V16Keys.SEND_LOCAL_LIST_MAX_LENGTH);
  }

  @Override
  public int numberOfConnectors() {
    return keys.getOrDefault(V16Keys.NUMBER_OF_CONNECTORS);
  }

  @Override
  public int numberOfEvses() {
    return numberOfConnectors();
  }

  @Override
  public int securityProfile() {
    return keys.getOrDefault(V16Keys.SECURITY_PROFILE);
  }

  @Override
  public String organizationName() {
    return keys.getOrDefault(V16Keys.CPO_NAME);
  }

  @Override
  public int maxCertificateChainSize() {
    return keys.getOrDefault(V16Keys.CERTIFICATE_SIGNED_MAX_CHAIN_SIZE);
  }

  @Override
  public int certificateStoreMaxLength() {
    return keys.getOrDefault(V16Keys.CERTIFICATE_STORE_MAX_LENGTH);
  }

  @Override
  public Subscription onChange(Setting setting, Runnable listener) {
    List<Key<?>> sources = sources(setting);
    return keys.onAnyChange(
        changed -> {
          if (sources.stream().anyMatch(k -> k.name().equals(changed.name()))) {
            listener.run();
          }
        });
  }

  private static List<Key<?>> sources(Setting setting) {
    return switch (setting) {
      case HEARTBEAT_INTERVAL -> List.of(V16Keys.HEARTBEAT_INTERVAL);
      case MESSAGE_TIMEOUT -> List.of(V16Keys.MESSAGE_TIMEOUT);
      case TRANSACTION_MESSAGE_ATTEMPTS -> List.of(V16Keys.TRANSACTION_MESSAGE_ATTEMPTS);
      case TRANSACTION_MESSAGE_RETRY_INTERVAL ->
          List.of(V16Keys.TRANSACTION_MESSAGE_RETRY_INTERVAL);
      case SAMPLE_INTERVAL -> List.of(V16Keys.METER_VALUE_SAMPLE_INTERVAL);
      case SAMPLED_MEASURANDS -> List.of(V16Keys.METER_VALUES_SAMPLED_DATA);
      case CLOCK_ALIGNED_INTERVAL -> List.of(V16Keys.CLOCK_ALIGNED_DATA_INTERVAL);
      case CLOCK_ALIGNED_MEASURANDS -> List.of(V16Keys.METER_VALUES_ALIGNED_DATA);
      case LOCAL_AUTHORIZE_OFFLINE -> List.of(V16Keys.LOCAL_AUTHORIZE_OFFLINE);
      case LOCAL_PRE_AUTHORIZE -> List.of(V16Keys.LOCAL_PRE_AUTHORIZE);
      case ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID -> List.of(V16Keys.ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID);
      case AUTHORIZE_REMOTE_START -> List.of(V16Keys.AUTHORIZE_REMOTE_TX_REQUESTS);
      case AUTH_CACHE_ENABLED -> List.of(V16Keys.AUTHORIZATION_CACHE_ENABLED);
      case LOCAL_AUTH_LIST_ENABLED -> List.of(V16Keys.LOCAL_AUTH_LIST_ENABLED);
      case STOP_TX_ON_EV_SIDE_DISCONNECT, TX_STOP_POINTS ->
          List.of(V16Keys.STOP_TRANSACTION_ON_EV_SIDE_DISCONNECT);
      case STOP_TX_ON_INVALID_ID -> List.of(V16Keys.STOP_TRANSACTION_ON_INVALID_ID);
      case WEB_SOCKET_PING_INTERVAL -> List.of(V16Keys.WEB_SOCKET_PING_INTERVAL);
      case SECURITY_PROFILE -> List.of(V16Keys.SECURITY_PROFILE);
      case RETRY_BACK_OFF, TX_START_POINTS -> List.of();
    };
  }

  private Duration seconds(Key<Integer> key) {
    return Duration.ofSeconds(keys.getOrDefault(key));
  }
}
