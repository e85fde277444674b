package io.kilowire.core.station;

import io.kilowire.core.metering.MeterReading;
import org.jspecify.annotations.Nullable;

/**
 * What the station logic needs from the charger's hardware. {@code hal.BoardStationHardware}
 * implements it on a board's HAL ports; the emulator implements it on simulated EVs and meters.
 */
public interface StationHardware {
  /** The EVSE's meter now. */
  MeterReading read(int evse);

  /** Energize (contactor closed, pilot offering current) or not. */
  void offerEnergy(int evse, boolean on);

  /**
   * The current the EV may draw now, in amps per phase: the effective limit of the EVSE's charging
   * profiles (below 6 A the pilot pauses charging). The hardware-abstraction layer turns it into a
   * PWM duty cycle or ISO 15118 limits.
   */
  default void offerCurrent(int evse, double amps) {}

  /**
   * OCPP 2.1 bidirectional power transfer: the most the EV may feed back now, in amps per phase (at
   * or above 0), and the setpoint it should follow in amps per phase (negative discharges; null:
   * none). The HAL offers them over ISO 15118-20 BPT; hardware that cannot discharge ignores them.
   */
  default void offerDischarge(int evse, double amps, @Nullable Double setpointA) {}

  /**
   * Whether the station's EVSEs speak ISO 15118-20, and so need an ISO 15118-20 SECC certificate
   * (OCPP 2.1 V2G20Certificate) besides the ISO 15118-2 one.
   */
  default boolean iso15118Dash20() {
    return false;
  }

  /** Whether the EVSE's power electronics can feed energy back at all. */
  default boolean bidirectional(int evse) {
    return false;
  }

  /**
   * Whether the EVSE can discharge now: {@link #bidirectional} power electronics and an EV in a
   * session that chose ISO 15118-20 bidirectional power transfer.
   */
  default boolean canDischarge(int evse) {
    return false;
  }

  /**
   * OCPP 2.1 reactive power: the reactive current the EVSE should exchange now, in amps per phase,
   * positive inductive (absorbed from the grid), negative capacitive (injected); null: none asked.
   * Only an output for which {@link #canExchangeReactive} holds is given one; others ignore it.
   */
  default void offerReactive(int evse, @Nullable Double amps) {}

  /**
   * Whether the EVSE can exchange reactive power now: power electronics that control it (a
   * bidirectional output) with an EV whose charger follows a reactive target (an ISO 15118-20
   * bidirectional session). A plain control pilot carries no reactive target.
   */
  default boolean canExchangeReactive(int evse) {
    return false;
  }

  /** Releases the cable lock; false if the lock did not open. */
  boolean unlock(int evse);

  /**
   * Shows a display message (2.0.1 O01), or the station's own screen for null; hardware without a
   * display ignores it.
   */
  default void display(io.kilowire.core.station.display.@Nullable DisplayMessage message) {}

  /** Shows a transaction's cost on an EVSE's display (2.0.1 I02, I03), or takes it away (null). */
  default void displayCost(int evse, @Nullable String text) {}

  /**
   * Shows the driver's tariff (2.0.1 I01: the CSMS's personal message, in the driver's language) on
   * an EVSE's display, or takes it away (null).
   */
  default void displayTariff(
      int evse, io.kilowire.core.authorization.PersonalMessage.@Nullable Text tariff) {}

  /**
   * Whether the station reads the grid's frequency and voltage at its connection (a grid sensor);
   * without one it takes no DER control that acts on them.
   */
  default boolean gridSensor() {
    return false;
  }

  /** The grid at the station's connection now; null without a sensor or a reading. */
  default io.kilowire.core.der.@Nullable GridState grid() {
    return null;
  }
}
