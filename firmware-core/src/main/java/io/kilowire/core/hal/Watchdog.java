package io.kilowire.core.hal;

/**
 * A board-side watchdog the controller must keep kicking, the hardware form of the lease rule (see
 * {@link Setpoint}): when the kicks stop, because the controller hung or lost its link, the board
 * falls to its failsafe current by itself. {@link BoardStationHardware} kicks every port that
 * implements this from its supervision tick, on the station's thread, so a station thread that
 * stops also stops the kicks.
 */
public interface Watchdog {
  void kick();
}
