package io.kilowire.hardware.board;

import io.kilowire.core.hal.SiteMeter;
import io.kilowire.core.metering.SiteReading;
import io.kilowire.hardware.modbus.MeterSample;

/**
 * The grid-connection meter on Modbus. {@link #read} gives only a current reading: when the last
 * poll failed or the sample is older than the bus's {@code staleAfter}, it throws {@link
 * IllegalStateException} instead of handing back an old value (load management must then fall back,
 * not take a stale or zero load as fact).
 */
public final class ModbusSiteMeter implements SiteMeter {
  private final ModbusBus.Polled meter;

  public ModbusSiteMeter(ModbusBus.Polled meter) {
    this.meter = meter;
  }

  @Override
  public SiteReading read() {
    return reading(
        meter
            .fresh()
            .orElseThrow(() -> new IllegalStateException("site meter: no current reading")));
  }

  /** A good sample as a site reading, with the sample's own timestamp. */
  public static SiteReading reading(MeterSample s) {
    return new SiteReading(
        s.timestamp(), ModbusEnergyMeter.perPhase(s.currentsA()), s.totalPowerW());
  }
}
