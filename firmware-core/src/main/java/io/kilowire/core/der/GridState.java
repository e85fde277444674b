package io.kilowire.core.der;

/**
 * What the grid does at the station's connection now: its frequency in Hz and its voltage in % of
 * the nominal voltage (the x axis of volt curves), with the nominal frequency the droop is counted
 * against.
 */
public record GridState(double frequencyHz, double voltagePct, double nominalFrequencyHz) {
  public GridState {
    if (!(frequencyHz > 0) || !Double.isFinite(frequencyHz)) {
      throw new IllegalArgumentException("frequency must be a positive number of Hz");
    }
    if (!(voltagePct >= 0) || !Double.isFinite(voltagePct)) {
      throw new IllegalArgumentException("voltage must be a percentage of nominal, 0 or more");
    }
    if (!(nominalFrequencyHz > 0)) {
      throw new IllegalArgumentException("nominal frequency must be positive");
    }
  }

  /** A grid at {@code frequencyHz} and {@code voltagePct}, nominally 50 Hz. */
  public static GridState of(double frequencyHz, double voltagePct) {
    return new GridState(frequencyHz, voltagePct, 50.0);
  }
}
