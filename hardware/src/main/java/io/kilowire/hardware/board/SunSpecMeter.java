package io.kilowire.hardware.board;

import io.kilowire.core.metering.BatteryReading;
import io.kilowire.core.metering.PvReading;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import io.kilowire.hardware.modbus.SunSpec;
import io.kilowire.hardware.modbus.SunSpecDevice;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SunSpec inverter on the site's bus ({@code site.pvMeter.sunspec}, {@code
 * site.batteryMeter.sunspec}): its model map is found at the first poll, then each poll reads the
 * points a PV or battery reading needs. A link fault, a device without the model, or a point the
 * device marks "not implemented" gives no reading, never a zero one: once the last good reading is
 * older than {@code solar.readingStaleAfter} the balancer counts no production and no discharge.
 */
final class SunSpecMeter {
  private static final Logger LOG = LoggerFactory.getLogger(SunSpecMeter.class);

  private final BoardConfig.SunSpecUnit unit;
  private final Clock clock;
  private final SunSpecDevice device = new SunSpecDevice();

  SunSpecMeter(BoardConfig.SunSpecUnit unit, Clock clock) {
    this.unit = unit;
    this.clock = clock;
  }

  /** The PV inverter's production: the size of its AC power (it only produces). */
  Optional<PvReading> pv(ModbusRtuClient client) {
    try {
      OptionalDouble w = device.acPowerW(registers(client));
      if (w.isEmpty()) {
        LOG.warn("SunSpec unit {}: the inverter gives no AC power", unit.unit());
        return Optional.empty();
      }
      return Optional.of(new PvReading(clock.instant(), Math.abs(w.getAsDouble())));
    } catch (IOException e) {
      LOG.warn("SunSpec unit {} on {}: {}", unit.unit(), unit.port(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The battery's power (discharging positive) and state of charge. */
  Optional<BatteryReading> battery(ModbusRtuClient client) {
    try {
      SunSpec.HoldingRegisters registers = registers(client);
      OptionalDouble soc = device.stateOfChargePercent(registers);
      OptionalDouble w = device.batteryPowerW(registers);
      if (soc.isEmpty() || w.isEmpty()) {
        LOG.warn("SunSpec unit {}: no battery power or state of charge", unit.unit());
        return Optional.empty();
      }
      double percent = soc.getAsDouble();
      if (!(percent >= 0 && percent <= 100)) {
        LOG.warn("SunSpec unit {}: state of charge {} % out of range", unit.unit(), percent);
        return Optional.empty();
      }
      return Optional.of(new BatteryReading(clock.instant(), w.getAsDouble(), percent));
    } catch (IOException e) {
      LOG.warn("SunSpec unit {} on {}: {}", unit.unit(), unit.port(), e.getMessage());
      return Optional.empty();
    }
  }

  /** Sets the battery to {@code watts} through its storage model (124). */
  void commandStorage(ModbusRtuClient client, double watts, int revertSeconds) throws IOException {
    device.commandStorage(
        registers(client),
        (address, values) -> client.writeRegisters(unit.unit(), address, values),
        watts,
        revertSeconds);
  }

  private SunSpec.HoldingRegisters registers(ModbusRtuClient client) {
    return (address, count) -> client.readHoldingRegisters(unit.unit(), address, count);
  }
}
