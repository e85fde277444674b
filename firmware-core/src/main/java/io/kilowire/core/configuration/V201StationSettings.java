package io.kilowire.core.configuration;

import io.kilowire.core.configuration.V201Variables.AlignedDataCtrlr;
import io.kilowire.core.configuration.V201Variables.AuthCacheCtrlr;
import io.kilowire.core.configuration.V201Variables.AuthCtrlr;
import io.kilowire.core.configuration.V201Variables.LocalAuthListCtrlr;
import io.kilowire.core.configuration.V201Variables.OcppCommCtrlr;
import io.kilowire.core.configuration.V201Variables.ReservationCtrlr;
import io.kilowire.core.configuration.V201Variables.SampledDataCtrlr;
import io.kilowire.core.configuration.V201Variables.SecurityCtrlr;
import io.kilowire.core.configuration.V201Variables.SmartChargingCtrlr;
import io.kilowire.core.configuration.V201Variables.TxCtrlr;
import io.kilowire.core.ocpp.OcppVersion;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@link StationSettings} over the OCPP 2.0.1 device model. */
final class V201StationSettings implements StationSettings {
  private final DeviceModel model;

  V201StationSettings(DeviceModel model) {
    this.model = model;
  }

  @Override
  public OcppVersion version() {
    return OcppVersion.V201;
  }

  @Override
  public Duration heartbeatInterval() {
    return seconds(OcppCommCtrlr.HEARTBEAT_INTERVAL);
  }

  @Override
  public void heartbeatIntervalAssigned(Duration interval) {
    if (model.contains(OcppCommCtrlr.HEARTBEAT_INTERVAL)) {
      model.set(
          OcppCommCtrlr.HEARTBEAT_INTERVAL,
          (int) Math.min(Integer.MAX_VALUE, interval.toSeconds()));
    }
  }

  @Override
  public Duration messageTimeout() {
    return seconds(OcppCommCtrlr.MESSAGE_TIMEOUT);
  }

  @Override
  public int transactionMessageAttempts() {
    return model.getOrDefault(OcppCommCtrlr.MESSAGE_ATTEMPTS_TRANSACTION_EVENT);
  }

  @Override
  public Duration transactionMessageRetryInterval() {
    return seconds(OcppCommCtrlr.MESSAGE_ATTEMPT_INTERVAL_TRANSACTION_EVENT);
  }

  @Override
  public boolean reservationsEnabled() {
    return model.contains(ReservationCtrlr.ENABLED) && model.getOrDefault(ReservationCtrlr.ENABLED);
  }

  @Override
  public boolean reservationNonEvseSpecific() {
    return model.contains(ReservationCtrlr.NON_EVSE_SPECIFIC)
        && model.getOrDefault(ReservationCtrlr.NON_EVSE_SPECIFIC);
  }

  @Override
  public Duration sampleInterval() {
    return seconds(SampledDataCtrlr.TX_UPDATED_INTERVAL);
  }

  @Override
  public List<String> sampledMeasurands() {
    return model.getOrDefault(SampledDataCtrlr.TX_UPDATED_MEASURANDS);
  }

  @Override
  public List<String> txStartedMeasurands() {
    return model.getOrDefault(SampledDataCtrlr.TX_STARTED_MEASURANDS);
  }

  @Override
  public List<String> txEndedMeasurands() {
    return model.getOrDefault(SampledDataCtrlr.TX_ENDED_MEASURANDS);
  }

  @Override
  public Duration clockAlignedInterval() {
    return seconds(AlignedDataCtrlr.INTERVAL);
  }

  @Override
  public List<String> clockAlignedMeasurands() {
    return model.getOrDefault(AlignedDataCtrlr.MEASURANDS);
  }

  @Override
  public boolean localAuthorizeOffline() {
    return model.getOrDefault(AuthCtrlr.LOCAL_AUTHORIZE_OFFLINE);
  }

  @Override
  public boolean localPreAuthorize() {
    return model.getOrDefault(AuthCtrlr.LOCAL_PRE_AUTHORIZE);
  }

  @Override
  public boolean cacheDisablePostAuthorize() {
    return model.getOrDefault(V21AuthVariables.CACHE_DISABLE_POST_AUTHORIZE);
  }

  @Override
  public boolean localListDisablePostAuthorize() {
    return model.getOrDefault(V21AuthVariables.LOCAL_LIST_DISABLE_POST_AUTHORIZE);
  }

  @Override
  public Duration evConnectionTimeout() {
    return Duration.ofSeconds(model.getOrDefault(TxCtrlr.EV_CONNECTION_TIME_OUT));
  }

  @Override
  public boolean allowNewSessionsPendingFirmwareUpdate() {
    return model.getOrDefault(
        V201Variables.ChargingStation.ALLOW_NEW_SESSIONS_PENDING_FIRMWARE_UPDATE);
  }

  @Override
  public int maxEnergyOnInvalidIdWh() {
    return model.getOrDefault(V21TxVariables.MAX_ENERGY_ON_INVALID_ID);
  }

  @Override
  public boolean allowOfflineTxForUnknownId() {
    return model.getOrDefault(AuthCtrlr.OFFLINE_TX_FOR_UNKNOWN_ID_ENABLED);
  }

  @Override
  public boolean authorizeRemoteStart() {
    return model.getOrDefault(AuthCtrlr.AUTHORIZE_REMOTE_START);
  }

  @Override
  public double limitChangeSignificancePercent() {
    return model.getOrDefault(SmartChargingCtrlr.LIMIT_CHANGE_SIGNIFICANCE).doubleValue();
  }

  @Override
  public boolean authCacheEnabled() {
    return model.getOrDefault(AuthCacheCtrlr.ENABLED);
  }

  @Override
  public boolean localAuthListEnabled() {
    return model.getOrDefault(LocalAuthListCtrlr.ENABLED);
  }

  @Override
  public boolean stopTxOnEvSideDisconnect() {
    return model.getOrDefault(TxCtrlr.STOP_TX_ON_EV_SIDE_DISCONNECT);
  }

  @Override
  public boolean stopTxOnInvalidId() {
    return model.getOrDefault(TxCtrlr.STOP_TX_ON_INVALID_ID);
  }

  @Override
  public Duration webSocketPingInterval() {
    return seconds(OcppCommCtrlr.WEB_SOCKET_PING_INTERVAL);
  }

  @Override
  public RetryBackOff retryBackOff() {
    return new RetryBackOff(
        seconds(OcppCommCtrlr.RETRY_BACK_OFF_WAIT_MINIMUM),
        seconds(OcppCommCtrlr.RETRY_BACK_OFF_RANDOM_RANGE),
        model.getOrDefault(OcppCommCtrlr.RETRY_BACK_OFF_REPEAT_TIMES));
  }

  @Override
  public Set<TxPoint> txStartPoints() {
    return points(TxCtrlr.TX_START_POINT);
  }

  @Override
  public Set<TxPoint> txStopPoints() {
    return points(TxCtrlr.TX_STOP_POINT);
  }

  @Override
  public int chargeProfileMaxStackLevel() {
    return model.getOrDefault(SmartChargingCtrlr.PROFILE_STACK_LEVEL);
  }

  @Override
  public int chargingScheduleMaxPeriods() {
    return model.getOrDefault(SmartChargingCtrlr.PERIODS_PER_SCHEDULE);
  }

  /** The maxLimit of Entries[ChargingProfiles]: how many the station can hold. */
  @Override
  public int maxChargingProfilesInstalled() {
    return maxLimit(SmartChargingCtrlr.ENTRIES_CHARGING_PROFILES);
  }

  @Override
  public List<String> chargingRateUnits() {
    return model.getOrDefault(SmartChargingCtrlr.RATE_UNIT);
  }

  /** The maxLimit of LocalAuthListCtrlr.Entries: how many tokens the list can hold. */
  @Override
  public int localListMaxEntries() {
    return maxLimit(LocalAuthListCtrlr.ENTRIES);
  }

  @Override
  public int localListMaxEntriesPerMessage() {
    return model.getOrDefault(LocalAuthListCtrlr.ITEMS_PER_MESSAGE);
  }

  /** The maxLimit characteristic of the station's {@code variable} (or the standard one's). */
  private int maxLimit(DeviceVariable<Integer> variable) {
    DeviceVariable<?> station =
        model.find(variable.component(), variable.variable()).orElse(variable);
    BigDecimal max = station.actual().type().maxLimit();
    return max == null ? Integer.MAX_VALUE : max.intValue();
  }

  @Override
  public int numberOfConnectors() {
    return (int) model.components().stream().filter(c -> c.name().equals("Connector")).count();
  }

  @Override
  public int numberOfEvses() {
    return (int) model.components().stream().filter(c -> c.name().equals("EVSE")).count();
  }

  @Override
  public int securityProfile() {
    return model.getOrDefault(SecurityCtrlr.SECURITY_PROFILE);
  }

  @Override
  public String organizationName() {
    return model.getOrDefault(SecurityCtrlr.ORGANIZATION_NAME);
  }

  @Override
  public boolean v2gCertificateInstallationEnabled() {
    return model.getOrDefault(V201Variables.Iso15118Ctrlr.V2G_CERTIFICATE_INSTALLATION_ENABLED);
  }

  @Override
  public boolean contractCertificateInstallationEnabled() {
    return model.getOrDefault(
        V201Variables.Iso15118Ctrlr.CONTRACT_CERTIFICATE_INSTALLATION_ENABLED);
  }

  @Override
  public int maxCertificateChainSize() {
    return model.getOrDefault(SecurityCtrlr.MAX_CERTIFICATE_CHAIN_SIZE);
  }

  @Override
  public Duration certSigningWaitMinimum() {
    return Duration.ofSeconds(model.getOrDefault(SecurityCtrlr.CERT_SIGNING_WAIT_MINIMUM));
  }

  @Override
  public int certSigningRepeatTimes() {
    return model.getOrDefault(SecurityCtrlr.CERT_SIGNING_REPEAT_TIMES);
  }

  @Override
  public int offlineMonitoringQueuingSeverity() {
    return model.getOrDefault(V201Variables.MonitoringCtrlr.OFFLINE_QUEUING_SEVERITY);
  }

  @Override
  public Subscription onChange(Setting setting, Runnable listener) {
    List<DeviceVariable<?>> sources = sources(setting);
    return model
        .configuration()
        .onAnyChange(
            changed -> {
              if (sources.stream().anyMatch(v -> v.actual().name().equals(changed.name()))) {
                listener.run();
              }
            });
  }

  private static List<DeviceVariable<?>> sources(Setting setting) {
    return switch (setting) {
      case HEARTBEAT_INTERVAL -> List.of(OcppCommCtrlr.HEARTBEAT_INTERVAL);
      case MESSAGE_TIMEOUT -> List.of(OcppCommCtrlr.MESSAGE_TIMEOUT);
      case TRANSACTION_MESSAGE_ATTEMPTS ->
          List.of(OcppCommCtrlr.MESSAGE_ATTEMPTS_TRANSACTION_EVENT);
      case TRANSACTION_MESSAGE_RETRY_INTERVAL ->
          List.of(OcppCommCtrlr.MESSAGE_ATTEMPT_INTERVAL_TRANSACTION_EVENT);
      case SAMPLE_INTERVAL -> List.of(SampledDataCtrlr.TX_UPDATED_INTERVAL);
      case SAMPLED_MEASURANDS -> List.of(SampledDataCtrlr.TX_UPDATED_MEASURANDS);
      case CLOCK_ALIGNED_INTERVAL -> List.of(AlignedDataCtrlr.INTERVAL);
      case CLOCK_ALIGNED_MEASURANDS -> List.of(AlignedDataCtrlr.MEASURANDS);
      case LOCAL_AUTHORIZE_OFFLINE -> List.of(AuthCtrlr.LOCAL_AUTHORIZE_OFFLINE);
      case LOCAL_PRE_AUTHORIZE -> List.of(AuthCtrlr.LOCAL_PRE_AUTHORIZE);
      case ALLOW_OFFLINE_TX_FOR_UNKNOWN_ID -> List.of(AuthCtrlr.OFFLINE_TX_FOR_UNKNOWN_ID_ENABLED);
      case AUTHORIZE_REMOTE_START -> List.of(AuthCtrlr.AUTHORIZE_REMOTE_START);
      case AUTH_CACHE_ENABLED -> List.of(AuthCacheCtrlr.ENABLED);
      case LOCAL_AUTH_LIST_ENABLED -> List.of(LocalAuthListCtrlr.ENABLED);
      case STOP_TX_ON_EV_SIDE_DISCONNECT -> List.of(TxCtrlr.STOP_TX_ON_EV_SIDE_DISCONNECT);
      case STOP_TX_ON_INVALID_ID -> List.of(TxCtrlr.STOP_TX_ON_INVALID_ID);
      case WEB_SOCKET_PING_INTERVAL -> List.of(OcppCommCtrlr.WEB_SOCKET_PING_INTERVAL);
      case RETRY_BACK_OFF ->
          List.of(
              OcppCommCtrlr.RETRY_BACK_OFF_WAIT_MINIMUM,
              OcppCommCtrlr.RETRY_BACK_OFF_RANDOM_RANGE,
              OcppCommCtrlr.RETRY_BACK_OFF_REPEAT_TIMES);
      case TX_START_POINTS -> List.of(TxCtrlr.TX_START_POINT);
      case TX_STOP_POINTS -> List.of(TxCtrlr.TX_STOP_POINT);
      case SECURITY_PROFILE -> List.of(SecurityCtrlr.SECURITY_PROFILE);
    };
  }

  private Set<TxPoint> points(DeviceVariable<List<String>> variable) {
    Set<TxPoint> points = EnumSet.noneOf(TxPoint.class);
    for (String name : model.getOrDefault(variable)) {
      // The member list only admits TxPoint wire names, so every member maps.
      TxPoint.fromWireName(name).ifPresent(points::add);
    }
    return points;
  }

  private Duration seconds(DeviceVariable<Integer> variable) {
    return Duration.ofSeconds(model.getOrDefault(variable));
  }
}
