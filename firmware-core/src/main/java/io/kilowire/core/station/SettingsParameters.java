package io.kilowire.core.station;

import io.kilowire.core.configuration.StationSettings;
import io.kilowire.core.configuration.TxPoint;
import io.kilowire.core.smartcharging.RateUnit;
import io.kilowire.core.smartcharging.SmartChargingLimits;
import io.kilowire.core.station.certificates.CertificateSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * The station's parameters read live from its OCPP configuration (1.6 keys or 2.0.1 variables).
 *
 * @param stationId the station's identity, the CN of its certificates
 * @param ocpp21 whether the station speaks 2.1 (its device model is the 2.0.1 one plus 2.1's)
 */
public record SettingsParameters(
    StationSettings settings,
    boolean resumeTransactionsAfterPowerLoss,
    String stationId,
    boolean ocpp21)
    implements StationParameters {
  public SettingsParameters(StationSettings settings, boolean resumeTransactionsAfterPowerLoss) {
    this(settings, resumeTransactionsAfterPowerLoss, "KW-STATION", false);
  }

  @Override
  public int offlineMonitoringQueuingSeverity() {
    return settings.offlineMonitoringQueuingSeverity();
  }

  /** Read at each use, so a CSMS's change (OrganizationName, CertSigningWaitMinimum) applies. */
  @Override
  public CertificateSettings certificateSettings() {
    return new CertificateSettings() {
      @Override
      public String commonName() {
        return stationId;
      }

      @Override
      public String organizationName() {
        return settings.organizationName();
      }

      @Override
      public int maxChainSize() {
        return settings.maxCertificateChainSize();
      }

      @Override
      public int maxEntries() {
        return settings.certificateStoreMaxLength();
      }

      @Override
      public Duration signingWaitMinimum() {
        return settings.certSigningWaitMinimum();
      }

      @Override
      public int signingRepeatTimes() {
        return settings.certSigningRepeatTimes();
      }

      @Override
      public boolean v2gCertificateInstallation() {
        return settings.v2gCertificateInstallationEnabled();
      }

      @Override
      public boolean contractCertificateInstallation() {
        return settings.contractCertificateInstallationEnabled();
      }
    };
  }

  @Override
  public Duration heartbeatInterval() {
    return settings.heartbeatInterval();
  }

  @Override
  public void heartbeatIntervalAssigned(Duration interval) {
    settings.heartbeatIntervalAssigned(interval);
  }

  /** The limits the configuration advertises are the ones SetChargingProfile applies. */
  @Override
  public SmartChargingLimits chargingProfileLimits(int evses) {
    return StationParameters.super
        .chargingProfileLimits(evses)
        .withMaxStackLevel(settings.chargeProfileMaxStackLevel())
        .withMaxPeriods(settings.chargingScheduleMaxPeriods())
        .withMaxInstalled(settings.maxChargingProfilesInstalled())
        .withAllowedUnits(
            settings.chargingRateUnits().stream()
                .map(RateUnit::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RateUnit.class))));
  }

  @Override
  public int localListMaxEntries() {
    return settings.localListMaxEntries();
  }

  @Override
  public int localListMaxEntriesPerMessage() {
    return settings.localListMaxEntriesPerMessage();
  }

  @Override
  public Duration meterSampleInterval() {
    return settings.sampleInterval();
  }

  @Override
  public Duration clockAlignedInterval() {
    return settings.clockAlignedInterval();
  }

  @Override
  public int transactionMessageAttempts() {
    return settings.transactionMessageAttempts();
  }

  @Override
  public Duration transactionMessageRetryInterval() {
    return settings.transactionMessageRetryInterval();
  }

  @Override
  public boolean stopTransactionOnEvSideDisconnect() {
    return settings.stopTxOnEvSideDisconnect();
  }

  @Override
  public boolean stopTransactionOnInvalidId() {
    return settings.stopTxOnInvalidId();
  }

  @Override
  public boolean authorizeRemoteStart() {
    return settings.authorizeRemoteStart();
  }

  @Override
  public boolean allowOfflineTxForUnknownId() {
    return settings.allowOfflineTxForUnknownId();
  }

  @Override
  public boolean transactionStartsOnConnection() {
    return settings.txStartPoints().contains(TxPoint.EV_CONNECTED)
        || settings.txStartPoints().contains(TxPoint.PARKING_BAY_OCCUPANCY);
  }

  @Override
  public boolean transactionStartsOnAuthorization() {
    return settings.txStartPoints().contains(TxPoint.AUTHORIZED);
  }

  @Override
  public boolean transactionEndsWhenEnergyStops() {
    return settings.txStopPoints().contains(TxPoint.ENERGY_TRANSFER);
  }

  @Override
  public boolean localAuthorizeOffline() {
    return settings.localAuthorizeOffline();
  }

  @Override
  public boolean localPreAuthorize() {
    return settings.localPreAuthorize();
  }

  @Override
  public boolean cacheDisablePostAuthorize() {
    return settings.cacheDisablePostAuthorize();
  }

  @Override
  public boolean localListDisablePostAuthorize() {
    return settings.localListDisablePostAuthorize();
  }

  @Override
  public Duration evConnectionTimeout() {
    return settings.evConnectionTimeout();
  }

  @Override
  public boolean allowNewSessionsPendingFirmwareUpdate() {
    return settings.allowNewSessionsPendingFirmwareUpdate();
  }

  @Override
  public int maxEnergyOnInvalidIdWh() {
    return settings.maxEnergyOnInvalidIdWh();
  }

  @Override
  public double limitChangeSignificancePercent() {
    return settings.limitChangeSignificancePercent();
  }

  @Override
  public boolean authorizationCacheEnabled() {
    return settings.authCacheEnabled();
  }

  @Override
  public boolean localAuthListEnabled() {
    return settings.localAuthListEnabled();
  }

  @Override
  public boolean reservationsEnabled() {
    return settings.reservationsEnabled();
  }

  @Override
  public boolean reservationNonEvseSpecific() {
    return settings.reservationNonEvseSpecific();
  }
}
