package io.kilowire.conformance.driver;

/** A driver could not pass a trigger on to the CSMS. */
public final class DriverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DriverException(String message) {
    super(message);
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }
}
