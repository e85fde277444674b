package io.kilowire.core.authorization;

/**
 * TxCtrlr.MaxEnergyOnInvalidId: a transaction whose token the CSMS finds invalid after it started
 * keeps its energy (StopTxOnInvalidId false) until it has taken this many Wh since its start; 0
 * stops the energy at once.
 */
public final class EnergyOnInvalidId {
  private EnergyOnInvalidId() {}

  /**
   * Whether a transaction that started at {@code meterStartWh} and reads {@code meterNowWh} has
   * used up the allowance of {@code maxWh}.
   */
  public static boolean exhausted(double meterStartWh, double meterNowWh, int maxWh) {
    return maxWh <= 0 || meterNowWh - meterStartWh >= maxWh;
  }
}
