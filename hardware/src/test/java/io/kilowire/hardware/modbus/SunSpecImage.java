package io.kilowire.hardware.modbus;

/**
 * Lays a SunSpec register map into a {@link FakeSdmMeter}: the "SunS" marker at a base address,
 * then models one after another (id, length, points), then the end marker.
 */
public final class SunSpecImage {
  private final FakeSdmMeter device;
  private int next;

  private SunSpecImage(FakeSdmMeter device, int base) {
    this.device = device;
    device.setRegister(base, 0x5375);
    device.setRegister(base + 1, 0x6E53);
    next = base + 2;
  }

  /** The marker at {@code base}; models follow it. */
  public static SunSpecImage at(FakeSdmMeter device, int base) {
    return new SunSpecImage(device, base);
  }

  /**
   * Model {@code id} of {@code length} registers (after id and length), every point "not
   * implemented" (0xFFFF) until set; returns the address of its id register.
   */
  public int model(int id, int length) {
    int at = next;
    device.setRegister(at, id);
    device.setRegister(at + 1, length);
    for (int i = 0; i < length; i++) {
      device.setRegister(at + 2 + i, 0xFFFF);
    }
    next = at + 2 + length;
    return at;
  }

  /** The end marker after the last model. */
  public void end() {
    device.setRegister(next, 0xFFFF);
    device.setRegister(next + 1, 0);
  }
}
