package io.kilowire.conformance.run;

/** Where in a case a step belongs. */
public enum Phase {
  /** Connecting, booting and the case's "Before": bringing the station into its starting state. */
  BEFORE,
  /** The case's scenario. */
  MAIN,
  /** Ending what the case left running (a transaction) so the next case starts clean. */
  CLEANUP
}
