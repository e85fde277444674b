package io.kilowire.core.hal.iso15118;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The shared encoding of ISO 15118 numbers, an int16 times a power of ten: the smallest exponent
 * (most precision) whose rounded value still fits in int16.
 */
final class Decimal16 {
  private static final BigDecimal MAX = BigDecimal.valueOf(Short.MAX_VALUE);
  private static final BigDecimal MIN = BigDecimal.valueOf(Short.MIN_VALUE);

  private Decimal16() {}

  /** The value and exponent; never null, fits int16. */
  record Encoded(short value, int exponent) {}

  /**
   * Encodes {@code q} rounded with {@code mode} using an exponent in {@code [minExp, maxExp]}. A
   * quantity above the range saturates to 32767 x 10^maxExp when rounding down (a lower bound is
   * still a valid limit); anything else that cannot be represented throws.
   */
  static Encoded encode(BigDecimal q, int minExp, int maxExp, RoundingMode mode) {
    for (int e = minExp; e <= maxExp; e++) {
      BigDecimal scaled = q.movePointLeft(e).setScale(0, mode);
      if (scaled.compareTo(MAX) <= 0 && scaled.compareTo(MIN) >= 0) {
        return new Encoded(scaled.shortValueExact(), e);
      }
    }
    if (q.signum() > 0 && (mode == RoundingMode.DOWN || mode == RoundingMode.FLOOR)) {
      return new Encoded(Short.MAX_VALUE, maxExp);
    }
    throw new IllegalArgumentException(
        q + " cannot be represented as int16 x 10^" + minExp + ".." + maxExp + " rounding " + mode);
  }
}
