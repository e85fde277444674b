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
 * ({@code site.batteryMeter}): its AC power as a holding register (signed 16-bit unless the map
 * names another type: 16 or 32 bits, signed or not, or a float, 32-bit values in the map's word
 * order) times a scale (discharging positive; a negative scale turns round an inverter that counts
 * charging positive) and its state of charge the same way (unsigned 16-bit by default), in percent.
 * A link error, an exception reply, a float that is no number or a state of charge outside 0..100 %
 * gives no reading, never a number: once the last good one is older than {@code
 * solar.readingStaleAfter} the balancer counts no discharge.
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
    double power;
    double soc;
    try {
      power = value(client, map.powerRegister(), map.powerType());
      soc = value(client, map.socRegister(), map.socType());
    } catch (ModbusException e) {
      LOG.warn("battery meter unit {}: {}", map.unit(), e.getMessage());
      return Optional.empty();
    }
    if (!Double.isFinite(power) || !Double.isFinite(soc)) {
      LOG.warn("battery meter unit {}: a register holds no number", map.unit());
      return Optional.empty();
    }
    double socPercent = soc * map.socScale();
    if (!(socPercent >= 0 && socPercent <= 100)) {
      LOG.warn("battery meter unit {}: state of charge {} % out of range", map.unit(), socPercent);
      return Optional.empty();
    }
    return Optional.of(new BatteryReading(clock.instant(), power * map.powerScale(), socPercent));
  }

  /** The value at {@code address} as {@code type} says (a float may be NaN: no number). */
  private double value(ModbusRtuClient client, int address, BoardConfig.RegisterType type)
      throws ModbusException {
    int[] r = client.readHoldingRegisters(map.unit(), address, type.registers());
    if (type.registers() == 1) {
      return type == BoardConfig.RegisterType.INT16 ? (short) r[0] : r[0] & 0xFFFF;
    }
    boolean highFirst = map.wordOrder() == BoardConfig.WordOrder.HIGH_FIRST;
    int high = highFirst ? r[0] : r[1];
    int low = highFirst ? r[1] : r[0];
    int bits = ((high & 0xFFFF) << 16) | (low & 0xFFFF);
    return switch (type) {
      case INT32 -> bits;
      case UINT32 -> bits & 0xFFFF_FFFFL;
      default -> Float.intBitsToFloat(bits);
    };
  }

  /**
   * Writes {@code watts} (discharging positive) to {@code register}: W / scale, toward zero (never
   * more than asked), within what the register's type holds, 32-bit values in the map's word order.
   */
  void command(ModbusRtuClient client, double watts, BoardConfig.CommandRegister register)
      throws ModbusException {
    double value = watts / register.scale();
    int[] words =
        switch (register.type()) {
          case INT16 -> new int[] {(int) clamp(value, Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF};
          case UINT16 -> new int[] {(int) clamp(value, 0, 0xFFFF)};
          case INT32 -> split((int) clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
          case UINT32 -> split((int) (long) clamp(value, 0, 0xFFFF_FFFFL));
          case FLOAT32 -> split(Float.floatToRawIntBits((float) value));
        };
    client.writeRegisters(map.unit(), register.address(), words);
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v < 0 ? Math.ceil(v) : Math.floor(v)));
  }

  /** A 32-bit value as two registers in the map's word order. */
  private int[] split(int bits) {
    int high = bits >>> 16;
    int low = bits & 0xFFFF;
    return map.wordOrder() == BoardConfig.WordOrder.HIGH_FIRST
        ? new int[] {high, low}
        : new int[] {low, high};
  }
}
