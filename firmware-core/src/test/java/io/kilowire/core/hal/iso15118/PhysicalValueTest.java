package io.kilowire.core.hal.iso15118;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PhysicalValueTest {
  private static PhysicalValue watts(String q) {
    return PhysicalValue.limit(new BigDecimal(q), PhysicalUnit.WATTS);
  }

  private static void assertEncoded(PhysicalValue v, int value, int multiplier) {
    assertThat(v.value()).isEqualTo((short) value);
    assertThat(v.multiplier()).isEqualTo(multiplier);
  }

  @Nested
  class LimitsAreEncodedAsPreciselyAsInt16Allows {
    @Test
    void zeroIsZero() {
      PhysicalValue v = watts("0");
      assertThat(v.value()).isZero();
      assertThat(v.quantity()).isEqualByComparingTo("0");
    }

    @Test
    void theLargestInt16FitsWithMultiplierZero() {
      assertEncoded(watts("32767"), 32767, 0);
    }

    @Test
    void oneAboveInt16MovesToMultiplierOneAndRoundsDown() {
      PhysicalValue v = watts("32768");
      assertEncoded(v, 3276, 1);
      assertThat(v.quantity()).isEqualByComparingTo("32760");
    }

    @Test
    void twoHundredKilowattsTheTable68BoundIsExact() {
      assertEncoded(watts("200000"), 20000, 1);
    }

    @Test
    void oneMilliIsTheFinestStep() {
      assertEncoded(watts("0.001"), 1, -3);
      assertEncoded(watts("0.0009"), 0, -3);
    }

    @Test
    void fractionsUseNegativeMultipliersAndRoundDown() {
      PhysicalValue v = PhysicalValue.limit(new BigDecimal("12.3456"), PhysicalUnit.AMPERES);
      assertEncoded(v, 12345, -3);
      assertEncoded(watts("32.7679"), 32767, -3);
      assertEncoded(watts("32.768"), 3276, -2);
    }

    @Test
    void aQuantityAboveTheRangeSaturatesBelowIt() {
      PhysicalValue v = watts("40000000");
      assertEncoded(v, 32767, 3);
      assertThat(v.quantity()).isEqualByComparingTo(PhysicalValue.MAX_QUANTITY);
    }

    @Test
    void negativeQuantitiesRoundTowardsMinusInfinity() {
      PhysicalValue v = watts("-40.0001");
      assertThat(v.quantity()).isLessThanOrEqualTo(new BigDecimal("-40.0001"));
      assertEncoded(v, -4001, -2);
      assertEncoded(watts("-32768"), -32768, 0);
    }

    @Test
    void aNegativeQuantityBelowTheRangeIsRejected() {
      assertThatThrownBy(() -> watts("-40000000")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void minimumsCanRoundUp() {
    PhysicalValue v =
        PhysicalValue.of(new BigDecimal("32768"), PhysicalUnit.WATTS, RoundingMode.CEILING);
    assertEncoded(v, 3277, 1);
  }

  @Test
  void multipliersOutsideMinusThreeToThreeAreRejected() {
    assertThatThrownBy(() -> new PhysicalValue((short) 1, 4, PhysicalUnit.WATTS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhysicalValue((short) 1, -4, PhysicalUnit.WATTS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rationalNumbersHaveNoUpperSaturationAtThree() {
    RationalNumber r = RationalNumber.limit(new BigDecimal("40000000"));
    assertThat(r.value()).isEqualTo((short) 4000);
    assertThat(r.exponent()).isEqualTo(4);
    assertThat(RationalNumber.limit(new BigDecimal("0.001")).quantity())
        .isEqualByComparingTo("0.001");
  }
}
