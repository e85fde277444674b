package io.kilowire.conformance.driver;

/** Makes the CSMS under test act on a trigger step. */
public interface CsmsDriver {
  /**
   * Asks the CSMS to do what {@code request} says and returns once the request was handed over; the
   * script then waits for the CSMS's call.
   *
   * @throws DriverException when the driver could not hand it over (the case is an ERROR)
   */
  void trigger(TriggerRequest request);

  /** How reports name the driver. */
  String describe();
}
