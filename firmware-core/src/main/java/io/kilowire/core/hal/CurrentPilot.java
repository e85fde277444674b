package io.kilowire.core.hal;

/**
 * A control pilot on a board that generates the PWM itself from a current limit in whole amps (an
 * OpenEVSE board over RAPI, for example). {@link BoardStationHardware} gives such a board the
 * current instead of a duty cycle, so the board's own pilot table applies and nothing is lost by
 * converting amps to a duty cycle and back.
 */
public interface CurrentPilot extends ControlPilot {
  /**
   * Offer {@code amps} (6..80, whole amps, never above the EVSE's limit) by PWM, resuming from a
   * pause if needed.
   */
  void setCurrent(int amps);
}
