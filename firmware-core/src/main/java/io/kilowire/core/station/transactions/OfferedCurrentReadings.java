package io.kilowire.core.station.transactions;

import io.kilowire.core.metering.MeterReading;
import io.kilowire.core.station.ChargingNeeds;
import io.kilowire.core.station.StationHardware;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The station's hardware with each meter reading completed by what the meter cannot measure but the
 * station knows at that moment: the current it offers the EV (Current.Offered) and, where the EVSE
 * can feed back, what it offers the EV to feed back and its setpoint, as last put on this output
 * ({@link #offerDischarge}), and the energy the EV asked for ({@link MeterReading.Known}).
 */
public final class OfferedCurrentReadings implements StationHardware {
  private final StationHardware hardware;
  private final IntFunction<@Nullable Double> offeredA;
  private final IntFunction<@Nullable ChargingNeeds> needs;
  private final double nominalVoltage;
  // The last discharge offer and setpoint put on each output (amps per phase).
  private final Map<Integer, double[]> discharge = new HashMap<>();
  private final Map<Integer, @Nullable Double> setpointA = new HashMap<>();

  /**
   * @param offeredA the current offered on an EVSE, in amps per phase; null while unknown
   */
  public OfferedCurrentReadings(StationHardware hardware, IntFunction<@Nullable Double> offeredA) {
    this(hardware, offeredA, evse -> null, 230);
  }

  /**
   * @param needs what the EV on an EVSE asked for; null when it did not say
   * @param nominalVoltage volts per phase, for a setpoint in amps as watts
   */
  public OfferedCurrentReadings(
      StationHardware hardware,
      IntFunction<@Nullable Double> offeredA,
      IntFunction<@Nullable ChargingNeeds> needs,
      double nominalVoltage) {
    this.hardware = hardware;
    this.offeredA = offeredA;
    this.needs = needs;
    this.nominalVoltage = nominalVoltage;
  }

  @Override
  public MeterReading read(int evse) {
    MeterReading r = hardware.read(evse).withOfferedCurrent(offeredA.apply(evse));
    ChargingNeeds ev = needs.apply(evse);
    Double exportA = null;
    Double setpointW = null;
    if (hardware.bidirectional(evse)) {
      double[] offered = discharge.get(evse);
      exportA = offered == null ? 0.0 : offered[0];
      Double setpoint = setpointA.get(evse);
      if (setpoint != null) {
        int phases = ev == null ? 3 : ev.phases();
        setpointW = setpoint * nominalVoltage * phases;
      }
    }
    if (exportA == null && ev == null) {
      return r;
    }
    return r.withKnown(
        new MeterReading.Known(
            exportA,
            setpointW,
            ev == null ? null : ev.energyWh(),
            ev == null ? null : ev.minEnergyWh(),
            ev == null ? null : ev.maxEnergyWh(),
            ev == null ? null : ev.minV2xEnergyWh(),
            ev == null ? null : ev.maxV2xEnergyWh()));
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
    discharge.put(evse, new double[] {amps});
    this.setpointA.put(evse, setpointA);
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
