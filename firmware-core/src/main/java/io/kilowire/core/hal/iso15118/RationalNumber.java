package io.kilowire.core.hal.iso15118;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An ISO 15118-20 RationalNumber: {@code value x 10^exponent} with an int16 value and an int8
 * exponent, without a unit (SPEC-FACTS F.2). Powers are in W, currents in A.
 *
 * @param value the int16 mantissa
 * @param exponent the decimal exponent, -128..127
 */
public record RationalNumber(short value, int exponent) {
  /**
   * Encodings go no finer than milli: the same resolution as -2's PhysicalValue, and finer digits
   * of a power or current carry no meaning.
   */
  static final int FINEST_EXPONENT = -3;

  public RationalNumber {
    if (exponent < Byte.MIN_VALUE || exponent > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("exponent must be an int8: " + exponent);
    }
  }

  /** A limit: the most precise encoding never above {@code quantity} (rounded down). */
  public static RationalNumber limit(BigDecimal quantity) {
    Decimal16.Encoded e =
        Decimal16.encode(quantity, FINEST_EXPONENT, Byte.MAX_VALUE, RoundingMode.FLOOR);
    return new RationalNumber(e.value(), e.exponent());
  }

  /** The number this value stands for. */
  public BigDecimal quantity() {
    return BigDecimal.valueOf(value).scaleByPowerOfTen(exponent);
  }
}
