package io.kilowire.conformance.lab;

/** A lab configuration that cannot be used; the message starts with the field's path. */
public final class LabConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabConfigurationException(String message) {
    super(message);
  }
}
