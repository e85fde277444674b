package io.kilowire.core.smartcharging;

/** The unit of a schedule's limits (SPEC-FACTS A.5): amps per phase or watts over all phases. */
public enum RateUnit {
  /** Amperes per phase, not summed over phases. */
  A,
  /** Watts, the total over all phases. */
  W
}
