package io.kilowire.core.configuration;

/** A value that does not parse, or that its type or a rule does not allow. */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String reason) {
    super(reason);
  }
}
