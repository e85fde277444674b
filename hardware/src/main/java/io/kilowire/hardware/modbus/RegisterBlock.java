package io.kilowire.hardware.modbus;

/**
 * A contiguous run of input registers read in one request.
 *
 * @param address first register (0-based protocol address)
 * @param count number of 16-bit registers
 */
public record RegisterBlock(int address, int count) {
  public RegisterBlock {
    if (address < 0 || count < 1 || count > ModbusRtuCodec.MAX_READ_REGISTERS) {
      throw new IllegalArgumentException("bad block " + address + "+" + count);
    }
  }

  public boolean contains(int register) {
    return register >= address && register < address + count;
  }
}
