package io.kilowire.core.hal.iso15118;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An ISO 15118-2 PhysicalValue: {@code value x 10^multiplier unit} with an int16 value and a
 * multiplier of -3..3 (SPEC-FACTS F.1).
 *
 * @param value the int16 mantissa
 * @param multiplier the decimal exponent, -3..3
 * @param unit the unit
 */
public record PhysicalValue(short value, int multiplier, PhysicalUnit unit) {
  /** The smallest multiplier the schema allows. */
  public static final int MIN_MULTIPLIER = -3;

  /** The largest multiplier the schema allows. */
  public static final int MAX_MULTIPLIER = 3;

  /** The largest quantity that can be represented: 32767 x 10^3. */
  public static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(32_767_000L);

  public PhysicalValue {
    Objects.requireNonNull(unit, "unit");
    if (multiplier < MIN_MULTIPLIER || multiplier > MAX_MULTIPLIER) {
      throw new IllegalArgumentException("multiplier must be -3..3: " + multiplier);
    }
  }

  /**
   * A limit: the most precise encoding that is never above {@code quantity}. Limits must not be
   * rounded up, or the EV would be allowed more than the station's schedule (SPEC-FACTS F, the
   * composite is an upper bound). Quantities above {@link #MAX_QUANTITY} saturate to it, which is
   * still a bound the station honours; quantities below -32768 x 10^3 throw.
   */
  public static PhysicalValue limit(BigDecimal quantity, PhysicalUnit unit) {
    return of(quantity, unit, RoundingMode.FLOOR);
  }

  /**
   * The most precise encoding of {@code quantity} rounded with {@code mode}; use {@link
   * RoundingMode#CEILING} for minimums.
   */
  public static PhysicalValue of(BigDecimal quantity, PhysicalUnit unit, RoundingMode mode) {
    Decimal16.Encoded e = Decimal16.encode(quantity, MIN_MULTIPLIER, MAX_MULTIPLIER, mode);
    return new PhysicalValue(e.value(), e.exponent(), unit);
  }

  /** The quantity this value stands for. */
  public BigDecimal quantity() {
    return BigDecimal.valueOf(value).scaleByPowerOfTen(multiplier);
  }
}
