package io.kilowire.hardware.modbus;

import java.util.List;

/** Eastron SDM630 three-phase meter. */
public final class Sdm630 implements MeterRegisterMap {
  public static final Sdm630 INSTANCE = new Sdm630();

  private Sdm630() {}

  @Override
  public String model() {
    return "SDM630";
  }

  @Override
  public int phases() {
    return 3;
  }

  @Override
  public int voltageAddress(int phase) {
    return 0x0000 + 2 * (phase - 1);
  }

  @Override
  public int currentAddress(int phase) {
    return 0x0006 + 2 * (phase - 1);
  }

  @Override
  public int powerAddress(int phase) {
    return 0x000C + 2 * (phase - 1);
  }

  @Override
  public int totalPowerAddress() {
    return 0x0034;
  }

  @Override
  public int importEnergyAddress() {
    return 0x0048;
  }

  @Override
  public List<RegisterBlock> blocks() {
    // V, I and P of all three phases sit back to back in 0x0000..0x0011.
    return List.of(
        new RegisterBlock(0x0000, 18), new RegisterBlock(0x0034, 2), new RegisterBlock(0x0048, 2));
  }
}
