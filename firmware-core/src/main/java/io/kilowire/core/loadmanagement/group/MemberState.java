package io.kilowire.core.loadmanagement.group;

/** Where a group member takes its limit from. */
public enum MemberState {
  /** A fresh allocation from the current controller, within its lease. */
  FOLLOWING,
  /**
   * The lease lapsed or the controller fell silent: the member holds min(last limit, safe share)
   * and rises to the safe share only after {@link GroupConfig#riseDelay()}, so that the other
   * members' decreases have taken effect first. A member also boots in this state, at 0 A.
   */
  LAPSING,
  /** At the pre-agreed safe share until a controller allocates again. */
  FALLBACK
}
