package io.kilowire.core.hal;

/** The EVSE's main contactor with feedback (auxiliary contact) and welded-contact detection. */
public interface Contactor {
  void close();

  void open();

  /** True when the feedback contact reports the main contacts closed. */
  boolean feedbackClosed();

  /** True when the contacts stay closed although the coil is off: a welded contactor. */
  boolean welded();
}
