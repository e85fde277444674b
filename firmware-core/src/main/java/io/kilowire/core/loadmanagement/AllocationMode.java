package io.kilowire.core.loadmanagement;

/** How the EVs' budget is found. */
public enum AllocationMode {
  /** A fixed budget per phase, shared by the active sessions; the site meter is not needed. */
  STATIC,
  /** Grid limit minus the measured non-EV load minus the margin, recomputed at every reading. */
  DYNAMIC
}
