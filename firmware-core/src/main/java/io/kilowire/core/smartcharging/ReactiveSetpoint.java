package io.kilowire.core.smartcharging;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OCPP 2.1 period's reactive setpoint (setpointReactive, and _L2 / _L3): reactive power, or
 * reactive current, in the schedule's unit, positive inductive (absorbed), negative capacitive
 * (injected). Where L2 and L3 are given, {@code value} is phase L1's.
 *
 * @param value the setpoint, or L1's with {@code l2} and {@code l3}
 * @param l2 phase L2's, or null
 * @param l3 phase L3's, or null
 */
public record ReactiveSetpoint(BigDecimal value, @Nullable BigDecimal l2, @Nullable BigDecimal l3) {
  public ReactiveSetpoint {
    Objects.requireNonNull(value, "value");
  }

  /** A setpoint for all phases. */
  public static ReactiveSetpoint of(BigDecimal value) {
    return new ReactiveSetpoint(value, null, null);
  }

  /** Whether it is given per phase. */
  public boolean perPhase() {
    return l2 != null || l3 != null;
  }
}
