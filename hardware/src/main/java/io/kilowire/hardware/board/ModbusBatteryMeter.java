package io.kilowire.hardware.board;

import io.kilowire.core.metering.BatteryReading;
import io.kilowire.hardware.modbus.ModbusException;
import io.kilowire.hardware.modbus.ModbusRtuClient;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stationary battery's inverter read over Modbus RTU through a register map from the config
 * ({@code site.batteryMeter}): its AC power as a signed 16-bit holding register times a scale
 * (discharging positive; a negative scale turns round an inverter that counts charging positive)
 * and its state of charge as an unsigned 16-bit holding register times a scale, in percent. A link
 * error, an exception reply or a state of charge outside 0..100 % gives no reading, never a number:
 * once the last good one is older than {@code solar.readingStaleAfter} the balancer counts no
 * discharge.
 */
final class ModbusBatteryMeter {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusBatteryMeter.class);

  private final BoardConfig.BatteryMeter map;
  private final Clock clock;

  ModbusBatteryMeter(BoardConfig.BatteryMeter map, Clock clock) {
    this.map = map;
    this.clock = clock;
  }

  /**
   * One poll on {@code client}: a reading, or empty when the inverter gave none worth believing.
   */
  Optional<BatteryReading> poll(ModbusRtuClient client) {
    int power;
    int soc;
    try {
      power = (short) client.readHoldingRegisters(map.unit(), map.powerRegister(), 1)[0];
      soc = client.readHoldingRegisters(map.unit(), map.socRegister(), 1)[0] & 0xFFFF;
    } catch (ModbusException e) {
      LOG.warn("battery meter unit {}: {}", map.unit(), e.getMessage());
      return Optional.empty();
    }
    double socPercent = soc * map.socScale();
    if (!(socPercent >= 0 && socPercent <= 100)) {
      LOG.warn("battery meter unit {}: state of charge {} % out of range", map.unit(), socPercent);
      return Optional.empty();
    }
    return Optional.of(new BatteryReading(clock.instant(), power * map.powerScale(), socPercent));
  }
}
