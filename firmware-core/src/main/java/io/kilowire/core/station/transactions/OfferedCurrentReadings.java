package io.kilowire.core.station.transactions;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.station.StationHardware;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The station's hardware with each meter reading completed by the current the station offers the EV
 * at that moment (Current.Offered), which the meter cannot measure but the station knows.
 */
public final class OfferedCurrentReadings implements StationHardware {
  private final StationHardware hardware;
  private final IntFunction<@Nullable Double> offeredA;

  /**
   * @param offeredA the current offered on an EVSE, in amps per phase; null while unknown
   */
  public OfferedCurrentReadings(StationHardware hardware, IntFunction<@Nullable Double> offeredA) {
    this.hardware = hardware;
    this.offeredA = offeredA;
  }

  @Override
  public MeterReading read(int evse) {
    return hardware.read(evse).withOfferedCurrent(offeredA.apply(evse));
  }

  @Override
  public void offerEnergy(int evse, boolean on) {
    hardware.offerEnergy(evse, on);
  }

  @Override
  public void offerCurrent(int evse, double amps) {
    hardware.offerCurrent(evse, amps);
  }

  @Override
  public void offerDischarge(int evse, double amps, @Nullable Double setpointA) {
    hardware.offerDischarge(evse, amps, setpointA);
  }

  @Override
  public boolean bidirectional(int evse) {
    return hardware.bidirectional(evse);
  }

  @Override
  public boolean iso15118Dash20() {
    return hardware.iso15118Dash20();
  }

  @Override
  public boolean gridSensor() {
    return hardware.gridSensor();
  }

  @Override
  public io.kilowire.core.der.@Nullable GridState grid() {
    return hardware.grid();
  }

  @Override
  public boolean canDischarge(int evse) {
    return hardware.canDischarge(evse);
  }

  @Override
  public void offerReactive(int evse, @Nullable Double amps) {
    hardware.offerReactive(evse, amps);
  }

  @Override
  public boolean canExchangeReactive(int evse) {
    return hardware.canExchangeReactive(evse);
  }

  @Override
  public boolean unlock(int evse) {
    return hardware.unlock(evse);
  }
}
