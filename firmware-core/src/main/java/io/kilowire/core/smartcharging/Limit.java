package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A limit as given: a value in its own unit and the number of phases it was given for. Amps and
 * watts stay apart until a caller asks for one unit; the conversion happens once, there (SPEC-FACTS
 * A.5, 2.0.1 K01.FR.50): watts are the total over {@code numberPhases}, amps are per phase, so W =
 * A x nominal voltage x phases.
 *
 * @param value the limit, not negative
 * @param unit its unit
 * @param numberPhases the phases it applies to, 1 to 3
 */
public record Limit(BigDecimal value, RateUnit unit, int numberPhases) {
  /**
   * The nominal line voltage when none is configured (SPEC-FACTS A.5: use nominal, not measured).
   */
  public static final BigDecimal DEFAULT_NOMINAL_VOLTAGE = BigDecimal.valueOf(230);

  public Limit {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    if (numberPhases < 1 || numberPhases > 3) {
      throw new IllegalArgumentException("numberPhases must be 1..3: " + numberPhases);
    }
  }

  /** A limit in amps per phase. */
  public static Limit amps(BigDecimal value, int numberPhases) {
    return new Limit(value, RateUnit.A, numberPhases);
  }

  /** A limit in watts over all phases. */
  public static Limit watts(BigDecimal value, int numberPhases) {
    return new Limit(value, RateUnit.W, numberPhases);
  }

  /**
   * The value in {@code target}, at {@code nominalVoltage}. Results are cut (never rounded up) to
   * one decimal, the resolution of OCPP 1.6 limits (schema {@code multipleOf 0.1}), so a converted
   * limit never exceeds the original.
   */
  public BigDecimal in(RateUnit target, BigDecimal nominalVoltage) {
    BigDecimal converted;
    if (target == unit) {
      converted = value;
    } else if (target == RateUnit.W) {
      converted = value.multiply(nominalVoltage).multiply(BigDecimal.valueOf(numberPhases));
    } else {
      converted =
          value.divide(
              nominalVoltage.multiply(BigDecimal.valueOf(numberPhases)), 6, RoundingMode.DOWN);
    }
    return converted.setScale(1, RoundingMode.DOWN);
  }

  /** This limit expressed in {@code target}, for the same phases. */
  public Limit to(RateUnit target, BigDecimal nominalVoltage) {
    return new Limit(in(target, nominalVoltage), target, numberPhases);
  }
}
