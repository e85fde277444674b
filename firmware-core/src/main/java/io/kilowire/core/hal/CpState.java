package io.kilowire.core.hal;

/** The control-pilot states the EVSE reads (SPEC-FACTS E.2). */
public enum CpState {
  /** +12 V: no EV connected. */
  A,
  /** +9 V: EV connected, not requesting power. */
  B,
  /** +6 V: EV requesting power or charging. */
  C,
  /** +3 V: charging with ventilation required. */
  D,
  /** 0 V: CP shorted to PE, or EVSE not available. */
  E,
  /** -12 V: EVSE error or not available. */
  F;

  /** True in the states where the EV asks for energy (C and D). */
  public boolean requestsEnergy() {
    return this == C || this == D;
  }
}
