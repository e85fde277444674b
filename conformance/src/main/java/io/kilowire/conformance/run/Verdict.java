package io.kilowire.conformance.run;

/** The outcome of one case, read from the wire. */
public enum Verdict {
  /** Every step and every CSMS frame met the case. */
  PASS,
  /**
   * The CSMS sent something other than the case expects, or nothing, or a frame its schema refuses.
   */
  FAIL,
  /** The suite or the driver failed; the CSMS was not judged. */
  ERROR,
  /** The case needs a feature or station the configuration does not declare. */
  NOT_APPLICABLE,
  /** The CSMS did not send what a trigger asked for within the trigger timeout. */
  INCONCLUSIVE
}
