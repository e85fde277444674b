package io.kilowire.core.configuration;

/** Who may read and write a key over OCPP. The station itself may always write. */
public enum Mutability {
  READ_ONLY,
  READ_WRITE,
  /** Secrets such as passwords: the CSMS may set them but never read them back. */
  WRITE_ONLY;

  public boolean readable() {
    return this != WRITE_ONLY;
  }

  public boolean writable() {
    return this != READ_ONLY;
  }
}
