package io.kilowire.hardware.modbus;

import io.kilowire.hardware.modbus.ModbusException.Kind;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Pure Modbus RTU codec for the register reads an energy meter needs (function 03 read holding
 * registers, 04 read input registers); no I/O, no state.
 *
 * <p>RTU frame: unit id, function, data, CRC-16/Modbus (polynomial 0xA001 reflected, init 0xFFFF)
 * sent low byte first. A read reply is {@code unit fc byteCount data... crcLo crcHi}; an exception
 * reply is {@code unit fc|0x80 code crcLo crcHi}.
 */
public final class ModbusRtuCodec {
  public static final int READ_HOLDING_REGISTERS = 0x03;
  public static final int READ_INPUT_REGISTERS = 0x04;
  public static final int WRITE_MULTIPLE_REGISTERS = 0x10;

  /** The protocol's own limit for one write (a 256-byte RTU frame). */
  public static final int MAX_WRITE_REGISTERS = 123;

  /** A reply to a write of several registers: unit, function, address, count, CRC. */
  public static final int WRITE_RESPONSE_LENGTH = 8;

  /** The protocol's own limit for one read (a 256-byte RTU frame). */
  public static final int MAX_READ_REGISTERS = 125;

  /** An exception reply is always this long. */
  public static final int EXCEPTION_LENGTH = 5;

  private ModbusRtuCodec() {}

  /** CRC-16/Modbus of {@code length} bytes from {@code offset}. */
  public static int crc16(byte[] data, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= data[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** A read request (FC 03 or 04), CRC included. */
  public static byte[] readRequest(int unit, int function, int address, int count) {
    checkUnit(unit);
    checkFunction(function);
    if (address < 0 || address > 0xFFFF || count < 1 || count > MAX_READ_REGISTERS) {
      throw new IllegalArgumentException("bad register range " + address + "+" + count);
    }
    byte[] f = new byte[8];
    f[0] = (byte) unit;
    f[1] = (byte) function;
    f[2] = (byte) (address >>> 8);
    f[3] = (byte) address;
    f[4] = (byte) (count >>> 8);
    f[5] = (byte) count;
    appendCrc(f);
    return f;
  }

  /** A write of {@code values} from {@code address} (FC 16), CRC included; 16-bit each. */
  public static byte[] writeRequest(int unit, int address, int[] values) {
    checkUnit(unit);
    int count = values.length;
    if (address < 0 || count < 1 || count > MAX_WRITE_REGISTERS || address + count > 0x10000) {
      throw new IllegalArgumentException("bad register range " + address + "+" + count);
    }
    byte[] f = new byte[9 + 2 * count];
    f[0] = (byte) unit;
    f[1] = (byte) WRITE_MULTIPLE_REGISTERS;
    f[2] = (byte) (address >>> 8);
    f[3] = (byte) address;
    f[4] = (byte) (count >>> 8);
    f[5] = (byte) count;
    f[6] = (byte) (2 * count);
    for (int i = 0; i < count; i++) {
      f[7 + 2 * i] = (byte) (values[i] >>> 8);
      f[8 + 2 * i] = (byte) values[i];
    }
    appendCrc(f);
    return f;
  }

  /**
   * Checks a complete reply to {@link #writeRequest}: it must echo the address and count.
   *
   * @throws ModbusException CRC mismatch, exception reply (the slave refused the write), or a reply
   *     that does not answer this request
   */
  public static void parseWriteResponse(byte[] frame, int unit, int address, int count)
      throws ModbusException {
    if (frame.length < EXCEPTION_LENGTH) {
      throw new ModbusException(Kind.MALFORMED, "short frame: " + hex(frame));
    }
    checkCrc(frame);
    if ((frame[0] & 0xFF) != unit) {
      throw new ModbusException(Kind.MALFORMED, "reply from unit " + (frame[0] & 0xFF));
    }
    int fc = frame[1] & 0xFF;
    if (fc == (WRITE_MULTIPLE_REGISTERS | 0x80) && frame.length == EXCEPTION_LENGTH) {
      int code = frame[2] & 0xFF;
      throw new ModbusException(
          Kind.EXCEPTION_RESPONSE, code, "unit " + unit + " refused the write: code " + code);
    }
    int echoedAddress = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
    int echoedCount = frame.length > 5 ? ((frame[4] & 0xFF) << 8) | (frame[5] & 0xFF) : -1;
    if (fc != WRITE_MULTIPLE_REGISTERS
        || frame.length != WRITE_RESPONSE_LENGTH
        || echoedAddress != address
        || echoedCount != count) {
      throw new ModbusException(Kind.MALFORMED, "not the reply to this write: " + hex(frame));
    }
  }

  /** Length of a normal reply to a read of {@code count} registers. */
  public static int readResponseLength(int count) {
    return 5 + 2 * count;
  }

  /**
   * How many bytes the reply has in total, judged from its first three bytes (unit, function, byte
   * count or exception code), so a reader knows when the frame is complete.
   */
  public static int expectedLength(byte[] head) {
    if ((head[1] & 0x80) != 0) {
      return EXCEPTION_LENGTH;
    }
    if ((head[1] & 0xFF) == WRITE_MULTIPLE_REGISTERS) {
      return WRITE_RESPONSE_LENGTH;
    }
    return 5 + (head[2] & 0xFF);
  }

  /**
   * Parses a complete reply to {@link #readRequest} and returns the registers (unsigned 16-bit).
   *
   * @throws ModbusException CRC mismatch, exception reply, or a reply that does not answer this
   *     request (unit, function, byte count)
   */
  public static int[] parseReadResponse(byte[] frame, int unit, int function, int count)
      throws ModbusException {
    if (frame.length < EXCEPTION_LENGTH) {
      throw new ModbusException(Kind.MALFORMED, "short frame: " + hex(frame));
    }
    checkCrc(frame);
    if ((frame[0] & 0xFF) != unit) {
      throw new ModbusException(Kind.MALFORMED, "reply from unit " + (frame[0] & 0xFF));
    }
    int fc = frame[1] & 0xFF;
    if (fc == (function | 0x80)) {
      if (frame.length != EXCEPTION_LENGTH) {
        throw new ModbusException(Kind.MALFORMED, "bad exception frame: " + hex(frame));
      }
      int code = frame[2] & 0xFF;
      throw new ModbusException(
          Kind.EXCEPTION_RESPONSE, code, "unit " + unit + " exception code " + code);
    }
    if (fc != function) {
      throw new ModbusException(Kind.MALFORMED, "reply to function " + fc + ": " + hex(frame));
    }
    int byteCount = frame[2] & 0xFF;
    if (byteCount != 2 * count || frame.length != readResponseLength(count)) {
      throw new ModbusException(Kind.MALFORMED, "wrong length for " + count + ": " + hex(frame));
    }
    int[] regs = new int[count];
    for (int i = 0; i < count; i++) {
      regs[i] = ((frame[3 + 2 * i] & 0xFF) << 8) | (frame[4 + 2 * i] & 0xFF);
    }
    return regs;
  }

  /** Slave side: a read reply carrying {@code registers}. Used by simulators and tests. */
  public static byte[] readResponse(int unit, int function, int[] registers) {
    checkUnit(unit);
    checkFunction(function);
    byte[] f = new byte[readResponseLength(registers.length)];
    f[0] = (byte) unit;
    f[1] = (byte) function;
    f[2] = (byte) (2 * registers.length);
    for (int i = 0; i < registers.length; i++) {
      f[3 + 2 * i] = (byte) (registers[i] >>> 8);
      f[4 + 2 * i] = (byte) registers[i];
    }
    appendCrc(f);
    return f;
  }

  /** Slave side: an exception reply. */
  public static byte[] exceptionResponse(int unit, int function, int code) {
    byte[] f = {(byte) unit, (byte) (function | 0x80), (byte) code, 0, 0};
    appendCrc(f);
    return f;
  }

  /** The IEEE-754 float in two registers, high word first (the Eastron word order). */
  public static float float32(int[] registers, int index) {
    return Float.intBitsToFloat((registers[index] << 16) | (registers[index + 1] & 0xFFFF));
  }

  /** The two registers, high word first, that hold {@code value}. */
  public static int[] float32Registers(float value) {
    int bits = Float.floatToRawIntBits(value);
    return new int[] {bits >>> 16, bits & 0xFFFF};
  }

  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(b, Math.min(b.length, 64)));
  }

  private static void checkCrc(byte[] frame) throws ModbusException {
    int n = frame.length;
    int expected = (frame[n - 2] & 0xFF) | ((frame[n - 1] & 0xFF) << 8);
    if (crc16(frame, 0, n - 2) != expected) {
      throw new ModbusException(Kind.CRC, "CRC mismatch: " + hex(frame));
    }
  }

  private static void appendCrc(byte[] f) {
    int crc = crc16(f, 0, f.length - 2);
    f[f.length - 2] = (byte) crc;
    f[f.length - 1] = (byte) (crc >>> 8);
  }

  private static void checkUnit(int unit) {
    // 0 is broadcast, which never gets a reply; 248..255 are reserved.
    if (unit < 1 || unit > 247) {
      throw new IllegalArgumentException("unit id out of range: " + unit);
    }
  }

  private static void checkFunction(int function) {
    if (function != READ_HOLDING_REGISTERS && function != READ_INPUT_REGISTERS) {
      throw new IllegalArgumentException("unsupported function " + function);
    }
  }
}
