package io.kilowire.core.hal;

import java.util.OptionalInt;

/**
 * The IEC 61851-1 / SAE J1772 duty-cycle table (SPEC-FACTS E.1) in both directions, in integer
 * milliamps and permille (0.1 % duty resolution) so that rounding is exact. The EVSE side always
 * rounds down in current terms: the current an EV reads from the duty never exceeds the limit.
 */
public final class PilotDuty {
  /** The lowest current the PWM can signal (E.1: 10 % or 8..10 % = 6 A). */
  public static final int MIN_MILLIAMPS = 6_000;

  /** The highest current the PWM can signal (96 % = 80 A). */
  public static final int MAX_MILLIAMPS = 80_000;

  private PilotDuty() {}

  /**
   * The duty in permille for a limit of {@code amps} per phase, or empty below 6 A (nothing to
   * signal: pause). Above 80 A the duty stays at 96 % (80 A).
   */
  public static OptionalInt dutyPermilleFor(double amps) {
    int ma = milliampsFloor(amps);
    if (ma < MIN_MILLIAMPS) {
      return OptionalInt.empty();
    }
    ma = Math.min(ma, MAX_MILLIAMPS);
    if (ma <= 51_000) {
      // D = I / 0.6 %: one permille is 60 mA.
      return OptionalInt.of(ma / 60);
    }
    if (ma < 52_500) {
      // The norm's gap: 85 % reads 51 A and 85.1 % already 52.75 A, so clamp down to 51 A (E.1).
      return OptionalInt.of(850);
    }
    // D = I / 2.5 + 64 %: one permille is 250 mA above 64 %.
    return OptionalInt.of(640 + ma / 250);
  }

  /**
   * The current in milliamps an EV reads from {@code dutyPermille} (the EV side of table E.1); 0
   * where the duty means no charging, error or HLC (3..7 %: the current comes from ISO 15118).
   */
  public static int milliampsRead(int dutyPermille) {
    if (dutyPermille < 80 || dutyPermille > 970) {
      return 0;
    }
    if (dutyPermille < 100) {
      return 6_000;
    }
    if (dutyPermille <= 850) {
      return dutyPermille * 60;
    }
    if (dutyPermille <= 960) {
      return (dutyPermille - 640) * 250;
    }
    return MAX_MILLIAMPS;
  }

  /** {@link #milliampsRead} in amps. */
  public static double ampsRead(int dutyPermille) {
    return milliampsRead(dutyPermille) / 1000.0;
  }

  /**
   * Amps to whole milliamps, rounding down. The 1e-6 mA slack only absorbs binary representation
   * error (50.9 * 1000 = 50899.99...), far below any meter's resolution.
   */
  static int milliampsFloor(double amps) {
    if (Double.isNaN(amps) || amps <= 0) {
      return 0;
    }
    if (amps >= 1_000_000) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.floor(amps * 1000 + 1e-6);
  }
}
