package io.kilowire.hardware.modbus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One energy meter on a Modbus RTU bus. {@link #poll()} reads the model's register blocks, decodes
 * the floats and validates them; link errors, exception replies and implausible values all become a
 * {@link MeterReadout.Fault} and are counted, so a caller can never get a wrong number, only a
 * missing or stale one.
 */
public final class ModbusMeter {
  private static final Logger log = LoggerFactory.getLogger(ModbusMeter.class);

  private final ModbusRtuClient client;
  private final int unit;
  private final MeterRegisterMap map;
  private final MeterLimits limits;
  private final Clock clock;
  private final Map<MeterFault, Long> faultCounts = new EnumMap<>(MeterFault.class);
  private @Nullable MeterSample lastGood;

  public ModbusMeter(
      ModbusRtuClient client, int unit, MeterRegisterMap map, MeterLimits limits, Clock clock) {
    if (unit < 1 || unit > 247) {
      throw new IllegalArgumentException("unit id out of range: " + unit);
    }
    this.client = client;
    this.unit = unit;
    this.map = map;
    this.limits = limits;
    this.clock = clock;
  }

  /** Reads and validates one sample. Never throws for bus or meter problems. */
  public synchronized MeterReadout poll() {
    List<RegisterBlock> blocks = map.blocks();
    List<int[]> values = new ArrayList<>(blocks.size());
    for (RegisterBlock b : blocks) {
      try {
        values.add(client.readInputRegisters(unit, b.address(), b.count()));
      } catch (ModbusException e) {
        return fault(linkFault(e.kind()), e.getMessage());
      }
    }
    Instant at = clock.instant();
    int n = map.phases();
    List<Double> v = new ArrayList<>(n);
    List<Double> i = new ArrayList<>(n);
    List<Double> p = new ArrayList<>(n);
    for (int phase = 1; phase <= n; phase++) {
      v.add(value(blocks, values, map.voltageAddress(phase)));
      i.add(value(blocks, values, map.currentAddress(phase)));
      p.add(value(blocks, values, map.powerAddress(phase)));
    }
    double total = value(blocks, values, map.totalPowerAddress());
    double kwh = value(blocks, values, map.importEnergyAddress());

    List<Double> all = new ArrayList<>(v);
    all.addAll(i);
    all.addAll(p);
    all.add(total);
    all.add(kwh);
    if (all.stream().anyMatch(x -> !Double.isFinite(x))) {
      return fault(MeterFault.NOT_A_NUMBER, "non-finite value in " + all);
    }
    for (double x : v) {
      if (x < 0 || x > limits.maxVoltageV()) {
        return fault(MeterFault.VOLTAGE_OUT_OF_RANGE, "voltage " + x + " V");
      }
    }
    for (double x : i) {
      if (Math.abs(x) > limits.maxCurrentA()) {
        return fault(MeterFault.CURRENT_OUT_OF_RANGE, "current " + x + " A");
      }
    }
    for (double x : p) {
      if (Math.abs(x) > limits.maxPowerW()) {
        return fault(MeterFault.POWER_OUT_OF_RANGE, "phase power " + x + " W");
      }
    }
    if (Math.abs(total) > limits.maxPowerW() * n) {
      return fault(MeterFault.POWER_OUT_OF_RANGE, "total power " + total + " W");
    }
    if (kwh < 0) {
      return fault(MeterFault.NEGATIVE_ENERGY, "import energy " + kwh + " kWh");
    }
    double wh = kwh * 1000.0;
    MeterSample prev = lastGood;
    if (prev != null && wh < prev.importEnergyWh()) {
      // A register counter never runs backwards; a smaller value is a swapped meter, a reset or a
      // corrupted read, and billing from it would be wrong.
      return fault(
          MeterFault.ENERGY_BACKWARDS, "import energy " + wh + " Wh < " + prev.importEnergyWh());
    }
    MeterSample s = new MeterSample(at, v, i, p, total, wh);
    lastGood = s;
    return new MeterReadout.Sample(s);
  }

  /** The most recent good sample, however old. */
  public synchronized Optional<MeterSample> lastGood() {
    return Optional.ofNullable(lastGood);
  }

  /** True when there is no good sample younger than {@code maxAge}. */
  public synchronized boolean isStale(Duration maxAge) {
    MeterSample s = lastGood;
    return s == null || Duration.between(s.timestamp(), clock.instant()).compareTo(maxAge) > 0;
  }

  /** How often each fault occurred (link faults are also in {@link ModbusRtuClient#counters()}). */
  public synchronized Map<MeterFault, Long> faultCounts() {
    return Map.copyOf(faultCounts);
  }

  public MeterRegisterMap registerMap() {
    return map;
  }

  private MeterReadout fault(MeterFault f, String detail) {
    faultCounts.merge(f, 1L, Long::sum);
    log.warn("{} unit {}: {} ({})", map.model(), unit, f, detail);
    return new MeterReadout.Fault(f, detail, clock.instant(), lastGood);
  }

  private static MeterFault linkFault(ModbusException.Kind k) {
    return switch (k) {
      case CRC -> MeterFault.CRC;
      case TIMEOUT -> MeterFault.TIMEOUT;
      case EXCEPTION_RESPONSE -> MeterFault.EXCEPTION_RESPONSE;
      case MALFORMED -> MeterFault.MALFORMED;
      case PORT_CLOSED -> MeterFault.PORT_CLOSED;
    };
  }

  private static double value(List<RegisterBlock> blocks, List<int[]> values, int address) {
    for (int k = 0; k < blocks.size(); k++) {
      RegisterBlock b = blocks.get(k);
      if (b.contains(address) && b.contains(address + 1)) {
        return ModbusRtuCodec.float32(values.get(k), address - b.address());
      }
    }
    throw new IllegalStateException("register map does not cover address " + address);
  }
}
