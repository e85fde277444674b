package io.kilowire.core.der;

/**
 * A DER control the station must refuse as given: {@code reasonCode} is 2.1's standardized reason
 * (MissingParam, InvalidValue), {@code detail} names the field.
 */
public final class InvalidDerControl extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String reasonCode;

  public InvalidDerControl(String reasonCode, String detail) {
    super(detail);
    this.reasonCode = reasonCode;
  }

  public String reasonCode() {
    return reasonCode;
  }
}
