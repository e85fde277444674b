package io.kilowire.core.hal.iso15118;

/** The high-level communication running on an EVSE, if any. */
public enum HlcProtocol {
  /** Basic charging (PWM only) or no EV: nothing to renegotiate. */
  NONE,
  /** ISO 15118-2. */
  ISO15118_2,
  /** ISO 15118-20. */
  ISO15118_20
}
