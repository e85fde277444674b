package io.kilowire.core.hal.iso15118;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an EVSE's grid side looks like for converting amps to watts (SPEC-FACTS A.5): the nominal
 * line voltage (not the measured one) and the phases the EV charges on (for DC: the input phases).
 *
 * @param nominalVoltage the nominal line-to-neutral voltage, positive
 * @param phases the phases in use, 1..3
 */
public record Supply(BigDecimal nominalVoltage, int phases) {
  public Supply {
    Objects.requireNonNull(nominalVoltage, "nominalVoltage");
    if (nominalVoltage.signum() <= 0) {
      throw new IllegalArgumentException("nominalVoltage must be positive: " + nominalVoltage);
    }
    if (phases < 1 || phases > 3) {
      throw new IllegalArgumentException("phases must be 1..3: " + phases);
    }
  }

  /** 230 V on three phases. */
  public static Supply threePhase230() {
    return new Supply(BigDecimal.valueOf(230), 3);
  }
}
