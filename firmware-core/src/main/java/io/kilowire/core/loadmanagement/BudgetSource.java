package io.kilowire.core.loadmanagement;

/** Where a step's budget came from. */
public enum BudgetSource {
  /** STATIC mode: the configured budget. */
  STATIC,
  /** DYNAMIC mode with a fresh meter reading. */
  METER,
  /** DYNAMIC mode, but the meter is silent or stale: the configured safe budget. */
  METER_FALLBACK
}
