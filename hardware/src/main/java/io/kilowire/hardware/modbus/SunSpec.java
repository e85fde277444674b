package io.kilowire.hardware.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * SunSpec over Modbus, the facts a meter reader needs: where a device's models are (the "SunS"
 * marker at one of three base addresses, then model after model, each an id and a length, up to the
 * end marker) and how a point's raw registers become a value (a scale factor as a power of ten; a
 * register holding the type's "not implemented" value is no value). Pure: the registers come
 * through {@link HoldingRegisters}.
 */
public final class SunSpec {
  /** Where the "SunS" marker may sit (0-based protocol addresses), in the order tried. */
  public static final List<Integer> BASE_ADDRESSES = List.of(40_000, 50_000, 0);

  /** "Su" and "nS": the two registers at the base address of a SunSpec device. */
  static final int MARKER_HIGH = 0x5375;

  static final int MARKER_LOW = 0x6E53;

  /** The id that ends the list of models. */
  static final int END_ID = 0xFFFF;

  /** "Not implemented" in an int16 or sunssf register. */
  static final int INT16_NONE = 0x8000;

  /** "Not implemented" in a uint16, enum16 or bitfield16 register. */
  static final int UINT16_NONE = 0xFFFF;

  /** More models than any device has: a walk that goes on is reading garbage. */
  private static final int MAX_MODELS = 64;

  private SunSpec() {}

  /** Reads holding registers (FC 03) of one device. */
  @FunctionalInterface
  public interface HoldingRegisters {
    int[] read(int address, int count) throws ModbusException;
  }

  /** Writes holding registers (FC 16) of one device. */
  @FunctionalInterface
  public interface RegisterWriter {
    void write(int address, int[] values) throws ModbusException;
  }

  /**
   * One model in a device's map.
   *
   * @param id the model's id (1 common, 103 three-phase inverter, 124 basic storage, ...)
   * @param address the register holding its id; point offset {@code n} of the model definition is
   *     at {@code address + n}
   * @param length the registers after the id and length registers
   */
  public record Model(int id, int address, int length) {}

  /** A device that is not SunSpec, or whose map cannot be walked. */
  public static final class NotSunSpec extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    NotSunSpec(String message) {
      super(message);
    }
  }

  /**
   * Finds the marker and walks the models to the end marker.
   *
   * @throws NotSunSpec no marker at any base address, or a map that runs off the address space
   * @throws ModbusException a link fault while walking the map (the marker probes tolerate
   *     exception replies and timeouts: a device may know only one of the base addresses)
   */
  public static List<Model> discover(HoldingRegisters device) throws java.io.IOException {
    for (int base : BASE_ADDRESSES) {
      int[] marker;
      try {
        marker = device.read(base, 2);
      } catch (ModbusException e) {
        if (e.kind() == ModbusException.Kind.PORT_CLOSED) {
          throw e;
        }
        continue;
      }
      if (marker[0] == MARKER_HIGH && marker[1] == MARKER_LOW) {
        return walk(device, base + 2);
      }
    }
    throw new NotSunSpec("no SunSpec marker \"SunS\" at " + BASE_ADDRESSES);
  }

  private static List<Model> walk(HoldingRegisters device, int first) throws java.io.IOException {
    List<Model> models = new ArrayList<>();
    int at = first;
    while (models.size() < MAX_MODELS) {
      if (at + 1 > 0xFFFF) {
        throw new NotSunSpec("the model list runs past the last register (" + at + ")");
      }
      int[] header = device.read(at, 2);
      if (header[0] == END_ID) {
        return List.copyOf(models);
      }
      models.add(new Model(header[0], at, header[1]));
      at += 2 + header[1];
    }
    throw new NotSunSpec("no end marker after " + MAX_MODELS + " models");
  }

  /** An int16 point times ten to {@code sf}; empty when either is "not implemented". */
  public static OptionalDouble int16(int raw, int sf) {
    if ((raw & 0xFFFF) == INT16_NONE) {
      return OptionalDouble.empty();
    }
    return scaled((short) raw, sf);
  }

  /** A uint16 point times ten to {@code sf}; empty when either is "not implemented". */
  public static OptionalDouble uint16(int raw, int sf) {
    if ((raw & 0xFFFF) == UINT16_NONE) {
      return OptionalDouble.empty();
    }
    return scaled(raw & 0xFFFF, sf);
  }

  /** An enum16 point; empty when "not implemented". */
  public static OptionalInt enum16(int raw) {
    return (raw & 0xFFFF) == UINT16_NONE ? OptionalInt.empty() : OptionalInt.of(raw & 0xFFFF);
  }

  /** A float32 point (high word first); empty for NaN ("not implemented") or infinity. */
  public static OptionalDouble float32(int high, int low) {
    float f = Float.intBitsToFloat(((high & 0xFFFF) << 16) | (low & 0xFFFF));
    return Float.isFinite(f) ? OptionalDouble.of(f) : OptionalDouble.empty();
  }

  private static OptionalDouble scaled(int value, int sfRaw) {
    int sf = (short) sfRaw;
    // a scale factor is -10..10; 0x8000 means the device does not give one
    if (sf < -10 || sf > 10) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(value * Math.pow(10, sf));
  }
}
