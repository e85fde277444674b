package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A charging limit on each of three phases, in a unit for one phase (amps, or that phase's watts):
 * how a 2.1 composite reports a limit given per phase (limit, limit_L2, limit_L3; K08.FR.09).
 */
public record LimitPerPhase(BigDecimal l1, BigDecimal l2, BigDecimal l3) {
  public LimitPerPhase {
    Objects.requireNonNull(l1, "l1");
    Objects.requireNonNull(l2, "l2");
    Objects.requireNonNull(l3, "l3");
  }

  /** The same on every phase, whatever the decimal scale. */
  boolean sameAs(@Nullable LimitPerPhase o) {
    return o != null
        && l1.compareTo(o.l1) == 0
        && l2.compareTo(o.l2) == 0
        && l3.compareTo(o.l3) == 0;
  }
}
