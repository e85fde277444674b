package io.kilowire.core.loadmanagement.group;

import java.time.Duration;

/**
 * The controller's word to one member: apply {@code limitA} (per phase) until {@code validFor}
 * after receipt. It doubles as the controller's heartbeat: the controller sends it every heartbeat
 * interval, changed or not.
 *
 * @param controllerId who sends it (must be the group's configured controller)
 * @param epoch the controller's term; a member ignores allocations from an older term
 * @param seq increases with every allocation of a term; a member ignores one not newer than the
 *     last (reordered or duplicated datagrams)
 * @param memberId whom it is for
 * @param limitA per phase; 0 = paused
 * @param validFor the lease, counted from receipt (no clock agreement needed between chargers)
 */
public record GroupAllocation(
    String controllerId, long epoch, long seq, String memberId, double limitA, Duration validFor) {
  public GroupAllocation {
    if (!(limitA >= 0) || !Double.isFinite(limitA)) {
      throw new IllegalArgumentException("limitA must be finite and >= 0");
    }
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive");
    }
  }
}
