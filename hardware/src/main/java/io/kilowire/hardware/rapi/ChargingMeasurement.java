package io.kilowire.hardware.rapi;

/**
 * {@code $GG}: the board's own ammeter and voltmeter.
 *
 * @param milliamps charging current; negative when the board has no ammeter (it replies -1)
 * @param millivolts supply voltage as the board knows it
 */
public record ChargingMeasurement(long milliamps, long millivolts) {
  public boolean hasAmmeter() {
    return milliamps >= 0;
  }
}
