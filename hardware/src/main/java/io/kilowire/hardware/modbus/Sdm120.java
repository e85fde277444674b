package io.kilowire.hardware.modbus;

import java.util.List;

/**
 * Eastron SDM120 single-phase meter. Its total power is its only phase's power. The map leaves gaps
 * between the quantities, so each is read on its own rather than across undocumented registers.
 */
public final class Sdm120 implements MeterRegisterMap {
  public static final Sdm120 INSTANCE = new Sdm120();

  private Sdm120() {}

  @Override
  public String model() {
    return "SDM120";
  }

  @Override
  public int phases() {
    return 1;
  }

  @Override
  public int voltageAddress(int phase) {
    return 0x0000;
  }

  @Override
  public int currentAddress(int phase) {
    return 0x0006;
  }

  @Override
  public int powerAddress(int phase) {
    return 0x000C;
  }

  @Override
  public int totalPowerAddress() {
    return 0x000C;
  }

  @Override
  public int importEnergyAddress() {
    return 0x0048;
  }

  @Override
  public List<RegisterBlock> blocks() {
    return List.of(
        new RegisterBlock(0x0000, 2),
        new RegisterBlock(0x0006, 2),
        new RegisterBlock(0x000C, 2),
        new RegisterBlock(0x0048, 2));
  }
}
