package io.kilowire.core.runtime;

import io.kilowire.core.smartcharging.SmartChargingLimits;
import io.kilowire.core.station.StationParameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A station's parameters with each EVSE's hardware maximum as built (a 16 A wallbox, a 63 A post)
 * instead of the default: the limit where no profile applies, and the hardware limit of composite
 * schedules and SetChargingProfile. Everything else is the wrapped parameters'.
 */
final class HardwareMaximum implements StationParameters {
  private final StationParameters base;
  private final List<Double> maxCurrentA;

  /**
   * @param maxCurrentA per EVSE (EVSE 1 first), per phase
   */
  HardwareMaximum(StationParameters base, List<Double> maxCurrentA) {
    if (maxCurrentA.isEmpty()) {
      throw new IllegalArgumentException("one maximum per EVSE");
    }
    this.base = base;
    this.maxCurrentA = List.copyOf(maxCurrentA);
  }

  /** The largest EVSE's: the station shares its own limits among EVSEs up to this each. */
  @Override
  public double evseMaxCurrentA() {
    return maxCurrentA.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  @Override
  public SmartChargingLimits chargingProfileLimits(int evses) {
    SmartChargingLimits l = base.chargingProfileLimits(evses);
    return new SmartChargingLimits(
        l.maxStackLevel(),
        l.maxPeriods(),
        l.maxInstalled(),
        l.allowedUnits(),
        l.phaseSwitchingSupported(),
        l.numberOfEvses(),
        l.nominalVoltage(),
        maxCurrentA.stream().map(BigDecimal::valueOf).toList());
  }

  @Override
  public Duration heartbeatInterval() {
    return base.heartbeatInterval();
  }

  @Override
  public void heartbeatIntervalAssigned(Duration interval) {
    base.heartbeatIntervalAssigned(interval);
  }

  @Override
  public Duration meterSampleInterval() {
    return base.meterSampleInterval();
  }

  @Override
  public Duration clockAlignedInterval() {
    return base.clockAlignedInterval();
  }

  @Override
  public int transactionMessageAttempts() {
    return base.transactionMessageAttempts();
  }

  @Override
  public Duration transactionMessageRetryInterval() {
    return base.transactionMessageRetryInterval();
  }

  @Override
  public boolean stopTransactionOnEvSideDisconnect() {
    return base.stopTransactionOnEvSideDisconnect();
  }

  @Override
  public boolean stopTransactionOnInvalidId() {
    return base.stopTransactionOnInvalidId();
  }

  @Override
  public boolean authorizeRemoteStart() {
    return base.authorizeRemoteStart();
  }

  @Override
  public boolean allowOfflineTxForUnknownId() {
    return base.allowOfflineTxForUnknownId();
  }

  @Override
  public boolean localAuthorizeOffline() {
    return base.localAuthorizeOffline();
  }

  @Override
  public boolean localPreAuthorize() {
    return base.localPreAuthorize();
  }

  @Override
  public boolean transactionStartsOnConnection() {
    return base.transactionStartsOnConnection();
  }

  @Override
  public boolean transactionStartsOnAuthorization() {
    return base.transactionStartsOnAuthorization();
  }

  @Override
  public int localListMaxEntries() {
    return base.localListMaxEntries();
  }

  @Override
  public int localListMaxEntriesPerMessage() {
    return base.localListMaxEntriesPerMessage();
  }

  @Override
  public double limitChangeSignificancePercent() {
    return base.limitChangeSignificancePercent();
  }

  @Override
  public boolean authorizationCacheEnabled() {
    return base.authorizationCacheEnabled();
  }

  @Override
  public boolean localAuthListEnabled() {
    return base.localAuthListEnabled();
  }

  @Override
  public boolean resumeTransactionsAfterPowerLoss() {
    return base.resumeTransactionsAfterPowerLoss();
  }

  @Override
  public boolean cacheDisablePostAuthorize() {
    return base.cacheDisablePostAuthorize();
  }

  @Override
  public boolean localListDisablePostAuthorize() {
    return base.localListDisablePostAuthorize();
  }

  @Override
  public boolean ocpp21() {
    return base.ocpp21();
  }

  @Override
  public Duration evConnectionTimeout() {
    return base.evConnectionTimeout();
  }

  @Override
  public boolean allowNewSessionsPendingFirmwareUpdate() {
    return base.allowNewSessionsPendingFirmwareUpdate();
  }

  @Override
  public int maxEnergyOnInvalidIdWh() {
    return base.maxEnergyOnInvalidIdWh();
  }
}
