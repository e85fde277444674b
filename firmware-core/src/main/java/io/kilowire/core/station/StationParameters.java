package io.kilowire.core.station;

import io.kilowire.core.smartcharging.SmartChargingLimits;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The settings the station logic reads, whatever OCPP version configures them. Read at each use, so
 * a changed configuration key applies from the next decision on.
 */
public interface StationParameters {
  /** Until a BootNotification answer sets it. */
  Duration heartbeatInterval();

  /**
   * The CSMS assigned {@code interval} in its BootNotification answer: parameters backed by a
   * configuration keep it there, so HeartbeatInterval reads the interval in force.
   */
  default void heartbeatIntervalAssigned(Duration interval) {}

  /** Zero: no periodic meter values during transactions. */
  Duration meterSampleInterval();

  /** Zero: no clock-aligned meter values. */
  Duration clockAlignedInterval();

  /** Transmissions allowed per transaction message (at least 1). */
  int transactionMessageAttempts();

  Duration transactionMessageRetryInterval();

  boolean stopTransactionOnEvSideDisconnect();

  boolean stopTransactionOnInvalidId();

  /** Whether a remote start's token is authorized with the CSMS before the transaction. */
  boolean authorizeRemoteStart();

  boolean allowOfflineTxForUnknownId();

  /**
   * Tokens valid in the local list or cache may be accepted offline (1.6 LocalAuthorizeOffline).
   */
  default boolean localAuthorizeOffline() {
    return true;
  }

  /** Tokens valid in the local list or cache start at once while online (LocalPreAuthorize). */
  default boolean localPreAuthorize() {
    return false;
  }

  /**
   * 2.1 AuthCacheCtrlr.DisablePostAuthorize; see {@link
   * io.kilowire.core.configuration.StationSettings}.
   */
  default boolean cacheDisablePostAuthorize() {
    return false;
  }

  /**
   * 2.1 LocalAuthListCtrlr.DisablePostAuthorize; see {@link
   * io.kilowire.core.configuration.StationSettings}.
   */
  default boolean localListDisablePostAuthorize() {
    return false;
  }

  /**
   * Whether the station speaks OCPP 2.1 (through the 2.0.1 adapter, so its settings are 2.0.1's):
   * what only 2.1 says or takes is in force (a reservation ended NoTransaction, 2.1's longer tokens
   * and token types at the reader).
   */
  default boolean ocpp21() {
    return false;
  }

  /** TxCtrlr.MaxEnergyOnInvalidId (Wh); 0 stops the energy at once. */
  default int maxEnergyOnInvalidIdWh() {
    return 0;
  }

  /**
   * 2.0.1 TxStartPoint holds EVConnected or ParkingBayOccupancy: the transaction starts when the
   * cable is plugged in, before any token (the token follows in an Updated event).
   */
  default boolean transactionStartsOnConnection() {
    return false;
  }

  /** 2.0.1 TxStartPoint holds Authorized: the transaction starts with the token, before a cable. */
  default boolean transactionStartsOnAuthorization() {
    return false;
  }

  /**
   * 2.0.1 TxCtrlr.EVConnectionTimeOut (1.6 ConnectionTimeOut): how long an authorization waits for
   * the EV's cable; zero waits for ever (stations built without a device model).
   */
  default Duration evConnectionTimeout() {
    return Duration.ZERO;
  }

  /** The most current an EVSE can deliver, per phase: the limit where no profile applies. */
  default double evseMaxCurrentA() {
    return 32;
  }

  /**
   * What SetChargingProfile accepts and the hardware delivers, for {@code evses} EVSEs: the
   * defaults of {@link SmartChargingLimits} with {@link #evseMaxCurrentA()} per EVSE.
   */
  default SmartChargingLimits chargingProfileLimits(int evses) {
    return SmartChargingLimits.defaults(evses, BigDecimal.valueOf(evseMaxCurrentA()));
  }

  /** How many tokens the local list holds at most. */
  default int localListMaxEntries() {
    return 1000;
  }

  /** How many tokens one SendLocalList may carry. */
  default int localListMaxEntriesPerMessage() {
    return 100;
  }

  /**
   * 2.0.1 LimitChangeSignificance in percent: a transaction's limit that changes by no more than
   * this fraction of its previous value is not reported with a ChargingRateChanged event.
   */
  default double limitChangeSignificancePercent() {
    return 1.0;
  }

  default boolean authorizationCacheEnabled() {
    return true;
  }

  default boolean localAuthListEnabled() {
    return true;
  }

  /** Whether ReserveNow may reserve (1.6: the Reservation profile; 2.0.1 ReservationCtrlr). */
  default boolean reservationsEnabled() {
    return true;
  }

  /**
   * Whether a reservation may leave the EVSE open (1.6 ReserveConnectorZeroSupported, 2.0.1
   * ReservationCtrlr.NonEvseSpecific).
   */
  default boolean reservationNonEvseSpecific() {
    return true;
  }

  /**
   * Whether free EVSEs keep taking sessions while a firmware installation waits for the running
   * ones to end (2.0.1 AllowNewSessionsPendingFirmwareUpdate); false closes them.
   */
  default boolean allowNewSessionsPendingFirmwareUpdate() {
    return false;
  }

  /** The type of {@code evse}'s connector, as 2.0.1 ConnectorEnumType spells it. */
  default String connectorType(int evse) {
    return "cType2";
  }

  /**
   * Kilowire's choice after an unclean restart: false ends open transactions with reason PowerLoss
   * (the default, what a CSMS expects); true resumes them when the EV is still plugged.
   */
  /** What the configuration says about certificates; defaults for a station without one. */
  default io.kilowire.core.station.certificates.CertificateSettings certificateSettings() {
    return io.kilowire.core.station.certificates.CertificateSettings.Fixed.defaults("KW-STATION");
  }

  /**
   * Monitoring events up to this severity wait for the connection while the station is offline
   * (2.0.1 MonitoringCtrlr.OfflineQueuingSeverity); the rest are dropped.
   */
  default int offlineMonitoringQueuingSeverity() {
    return 0;
  }

  boolean resumeTransactionsAfterPowerLoss();

  /**
   * Whether a transaction ends when its energy transfer stops (2.0.1 TxStopPoint EnergyTransfer);
   * only a transaction limit reached acts on it: it ends the transaction instead of pausing it.
   */
  default boolean transactionEndsWhenEnergyStops() {
    return false;
  }

  /** Fixed values, for tests and the emulator's defaults. */
  record Fixed(
      Duration heartbeatInterval,
      Duration meterSampleInterval,
      Duration clockAlignedInterval,
      int transactionMessageAttempts,
      Duration transactionMessageRetryInterval,
      boolean stopTransactionOnEvSideDisconnect,
      boolean stopTransactionOnInvalidId,
      boolean authorizeRemoteStart,
      boolean allowOfflineTxForUnknownId,
      boolean resumeTransactionsAfterPowerLoss)
      implements StationParameters {

    /**
     * Heartbeat 60 s, meter values every 60 s, clock-aligned every 15 min, 3 attempts 60 s apart.
     */
    public static Fixed defaults() {
      return new Fixed(
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofMinutes(15),
          3,
          Duration.ofSeconds(60),
          true,
          true,
          true,
          true,
          false);
    }

    public Fixed withMeterSampleInterval(Duration interval) {
      return new Fixed(
          heartbeatInterval,
          interval,
          clockAlignedInterval,
          transactionMessageAttempts,
          transactionMessageRetryInterval,
          stopTransactionOnEvSideDisconnect,
          stopTransactionOnInvalidId,
          authorizeRemoteStart,
          allowOfflineTxForUnknownId,
          resumeTransactionsAfterPowerLoss);
    }

    public Fixed withClockAlignedInterval(Duration interval) {
      return new Fixed(
          heartbeatInterval,
          meterSampleInterval,
          interval,
          transactionMessageAttempts,
          transactionMessageRetryInterval,
          stopTransactionOnEvSideDisconnect,
          stopTransactionOnInvalidId,
          authorizeRemoteStart,
          allowOfflineTxForUnknownId,
          resumeTransactionsAfterPowerLoss);
    }

    public Fixed withResumeAfterPowerLoss(boolean resume) {
      return new Fixed(
          heartbeatInterval,
          meterSampleInterval,
          clockAlignedInterval,
          transactionMessageAttempts,
          transactionMessageRetryInterval,
          stopTransactionOnEvSideDisconnect,
          stopTransactionOnInvalidId,
          authorizeRemoteStart,
          allowOfflineTxForUnknownId,
          resume);
    }
  }
}
