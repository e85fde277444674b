package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One period of a composite schedule.
 *
 * @param startPeriod seconds from the composite's start
 * @param limit the limit in the composite's unit
 * @param numberPhases the lowest phase count among the limits that applied (2.1 K01.FR.140)
 */
public record CompositePeriod(int startPeriod, BigDecimal limit, int numberPhases) {
  public CompositePeriod {
    Objects.requireNonNull(limit, "limit");
  }

  /** Same limit and phases, whatever the decimal scale. */
  boolean sameLimit(BigDecimal otherLimit, int otherPhases) {
    return limit.compareTo(otherLimit) == 0 && numberPhases == otherPhases;
  }
}
