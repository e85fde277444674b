package io.kilowire.core.configuration;

import io.kilowire.core.ocpp.OcppVersion;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The settings station logic needs, whichever OCPP version configures them: backed by the 1.6 keys
 * or by the 2.0.1 device model. Where 1.6 has no key, a fixed equivalent stands in (documented on
 * each method). Reads always return the value in effect.
 */
public interface StationSettings {
  /** Settings backed by OCPP 1.6 keys ({@link V16Keys}). */
  static StationSettings of(Configuration v16Keys) {
    return new V16StationSettings(v16Keys);
  }

  /** Settings backed by the OCPP 2.0.1 device model ({@link V201Variables}). */
  static StationSettings of(DeviceModel deviceModel) {
    return new V201StationSettings(deviceModel);
  }

  OcppVersion version();

  /** Idle time after which a Heartbeat is due. */
  Duration heartbeatInterval();

  /**
   * The CSMS assigned the heartbeat interval in its BootNotification answer (1.6 §4.2; 2.0.1 B01):
   * HeartbeatInterval takes it, so what a CSMS reads is the interval in force.
   */
  void heartbeatIntervalAssigned(Duration interval);

  /** How long to wait for the answer to the station's own CALL. */
  Duration messageTimeout();

  /** How often a transaction message is sent before it is dropped. */
  int transactionMessageAttempts();

  /** The wait before a retry, multiplied by the number of attempts so far. */
  Duration transactionMessageRetryInterval();

  /** Interval of meter samples during a transaction; zero means none. */
  Duration sampleInterval();

  /** Measurands sampled during a transaction (wire names, e.g. Energy.Active.Import.Register). */
  List<String> sampledMeasurands();

  /** Measurands at a transaction's start; 1.6 sends none there, so the sampled ones stand in. */
  default List<String> txStartedMeasurands() {
    return sampledMeasurands();
  }

  /** Measurands at a transaction's end; 1.6 sends none there, so the sampled ones stand in. */
  default List<String> txEndedMeasurands() {
    return sampledMeasurands();
  }

  /** Clock-aligned interval; zero means none. */
  Duration clockAlignedInterval();

  List<String> clockAlignedMeasurands();

  boolean localAuthorizeOffline();

  boolean localPreAuthorize();

  /**
   * 2.1 AuthCacheCtrlr.DisablePostAuthorize: a cached token that is not Accepted is refused online
   * instead of asked about again; false where the version has no such variable.
   */
  default boolean cacheDisablePostAuthorize() {
    return false;
  }

  /** 2.1 LocalAuthListCtrlr.DisablePostAuthorize: as for the cache, for the local list. */
  default boolean localListDisablePostAuthorize() {
    return false;
  }

  /**
   * 2.0.1 TxCtrlr.EVConnectionTimeOut: how long an authorization waits for the cable; zero (no
   * lapse) where the version's settings do not say.
   */
  default Duration evConnectionTimeout() {
    return Duration.ZERO;
  }

  /** 2.0.1 ChargingStation.AllowNewSessionsPendingFirmwareUpdate; false where not listed. */
  default boolean allowNewSessionsPendingFirmwareUpdate() {
    return false;
  }

  /** TxCtrlr.MaxEnergyOnInvalidId (Wh), listed on 2.1 stations; 0 where it is not. */
  default int maxEnergyOnInvalidIdWh() {
    return 0;
  }

  boolean allowOfflineTxForUnknownId();

  /** Whether a remote start is authorized like a local one before it starts. */
  boolean authorizeRemoteStart();

  boolean authCacheEnabled();

  boolean localAuthListEnabled();

  boolean stopTxOnEvSideDisconnect();

  boolean stopTxOnInvalidId();

  /** Interval of the station's WebSocket pings; zero disables them. */
  Duration webSocketPingInterval();

  /** 1.6 has no back-off keys: it uses the 2.0.1 defaults of {@link V201Variables}. */
  RetryBackOff retryBackOff();

  /** 1.6 starts a transaction when the EV is connected and authorized: PowerPathClosed. */
  Set<TxPoint> txStartPoints();

  /**
   * 1.6 stops a transaction on deauthorization, and on EV-side disconnect when
   * StopTransactionOnEVSideDisconnect is true.
   */
  Set<TxPoint> txStopPoints();

  /** The highest stack level SetChargingProfile accepts (1.6 ChargeProfileMaxStackLevel). */
  int chargeProfileMaxStackLevel();

  /** The most periods a charging schedule may have (1.6 ChargingScheduleMaxPeriods). */
  int chargingScheduleMaxPeriods();

  /** The most profiles installed at once (1.6 MaxChargingProfilesInstalled). */
  int maxChargingProfilesInstalled();

  /**
   * The units a charging schedule may use, as "A" and "W" (1.6
   * ChargingScheduleAllowedChargingRateUnit Current/Power, 2.0.1 SmartChargingCtrlr.RateUnit).
   */
  List<String> chargingRateUnits();

  /** How many tokens the local list holds at most (1.6 LocalAuthListMaxLength). */
  int localListMaxEntries();

  /** How many tokens one SendLocalList may carry (1.6 SendLocalListMaxLength). */
  int localListMaxEntriesPerMessage();

  /** 1.6: NumberOfConnectors; 2.0.1: the Connector components. */
  int numberOfConnectors();

  /** 1.6 has one EVSE per connector; 2.0.1: the EVSE components. */
  int numberOfEvses();

  int securityProfile();

  /**
   * 2.0.1 SmartChargingCtrlr.LimitChangeSignificance, in percent: a change of a transaction's limit
   * smaller than this may go unreported (no TransactionEvent ChargingRateChanged). 1.6 has no such
   * key nor event: the 2.0.1 default, 1 %.
   */
  default double limitChangeSignificancePercent() {
    return 1.0;
  }

  /** The O of the station's certificates (2.0.1 SecurityCtrlr.OrganizationName, 1.6 CpoName). */
  default String organizationName() {
    return "";
  }

  /** 2.0.1 ISO15118Ctrlr.V2GCertificateInstallationEnabled; 1.6 has no key: true. */
  default boolean v2gCertificateInstallationEnabled() {
    return true;
  }

  /** 2.0.1 ISO15118Ctrlr.ContractCertificateInstallationEnabled; 1.6 has no key: true. */
  default boolean contractCertificateInstallationEnabled() {
    return true;
  }

  /** The longest certificate chain CertificateSigned may carry, in characters. */
  default int maxCertificateChainSize() {
    return 10_000;
  }

  /** How many certificates the station keeps at most (2.0.1 CertificateEntries maxLimit). */
  default int certificateStoreMaxLength() {
    return 20;
  }

  /** 2.0.1 CertSigningWaitMinimum; 1.6 has no key, so its default. */
  default Duration certSigningWaitMinimum() {
    return Duration.ofSeconds(60);
  }

  /** 2.0.1 CertSigningRepeatTimes; 1.6 has no key, so its default. */
  default int certSigningRepeatTimes() {
    return 3;
  }

  /** 2.0.1 MonitoringCtrlr.OfflineQueuingSeverity; 1.6 has no monitors. */
  default int offlineMonitoringQueuingSeverity() {
    return 0;
  }

  /**
   * Whether ReserveNow may reserve (1.6: the Reservation profile; 2.0.1 ReservationCtrlr.Enabled).
   */
  default boolean reservationsEnabled() {
    return true;
  }

  /**
   * Whether a reservation may hold any EVSE (1.6 ReserveConnectorZeroSupported, 2.0.1
   * ReservationCtrlr.NonEvseSpecific).
   */
  default boolean reservationNonEvseSpecific() {
    return true;
  }

  /** Calls {@code listener} after a change of {@code setting}'s effective value. */
  Subscription onChange(Setting setting, Runnable listener);
}
