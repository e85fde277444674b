package io.kilowire.core.smartcharging;

import java.time.Instant;
import java.util.Objects;

/**
 * A transaction running on an EVSE, as smart charging needs it.
 *
 * @param id the transaction id (1.6 integers as text)
 * @param start where Relative profiles are anchored: the transaction start, or for 2.0.1 the moment
 *     the EVSE became ready to deliver energy (errata 2.10.1, SPEC-FACTS B.1)
 * @param priority 2.1: priority charging was asked for it ({@link PriorityCharging})
 */
public record ActiveTransaction(String id, Instant start, boolean priority) {
  public ActiveTransaction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
  }

  /** A transaction without priority charging. */
  public ActiveTransaction(String id, Instant start) {
    this(id, start, false);
  }

  /** This transaction charging with priority. */
  public ActiveTransaction withPriority() {
    return new ActiveTransaction(id, start, true);
  }
}
