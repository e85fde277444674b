package io.kilowire.core.testing;

import io.kilowire.core.station.StationParameters;
import java.time.Duration;

/**
 * Parameters that are {@code base}'s but for what a test overrides. Only the methods every
 * implementation must have are taken from {@code base}; the others keep the interface's defaults,
 * so {@code base} should be a {@link StationParameters.Fixed}.
 */
public abstract class ParametersOverride implements StationParameters {
  private final StationParameters base;

  protected ParametersOverride(StationParameters.Fixed base) {
    this.base = base;
  }

  @Override
  public Duration heartbeatInterval() {
    return base.heartbeatInterval();
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
  public boolean resumeTransactionsAfterPowerLoss() {
    return base.resumeTransactionsAfterPowerLoss();
  }
}
