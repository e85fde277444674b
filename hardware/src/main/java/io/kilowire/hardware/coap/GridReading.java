package io.kilowire.hardware.coap;

import java.time.Instant;

/**
 * One reading of the site's grid connection point.
 *
 * @param at when the meter took the reading (its own timestamp, not the time of receipt)
 * @param l1A current on phase L1 in amps (RMS, never negative)
 * @param l2A current on phase L2 in amps
 * @param l3A current on phase L3 in amps
 * @param totalW total active power in watts; negative while the site exports (e.g. PV surplus)
 */
public record GridReading(Instant at, double l1A, double l2A, double l3A, double totalW) {

  /** The highest phase current: what a load manager compares with the connection's fuse. */
  public double maxPhaseA() {
    return Math.max(l1A, Math.max(l2A, l3A));
  }
}
