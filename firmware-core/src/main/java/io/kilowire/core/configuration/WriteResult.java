package io.kilowire.core.configuration;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a write by the CSMS, before the version adapter spells it as a 1.6
 * ConfigurationStatus or a 2.0.1 SetVariableStatus.
 *
 * @param reason why an invalid value was refused; never contains a write-only key's value
 */
public record WriteResult(Status status, @Nullable String reason) {
  public enum Status {
    /** Stored and in effect. */
    ACCEPTED,
    /** Stored; takes effect after the next reboot. */
    REBOOT_REQUIRED,
    /** The key may not be written over OCPP. */
    READ_ONLY,
    /** The value does not parse, is out of bounds or breaks a rule. */
    INVALID
  }

  public static WriteResult accepted() {
    return new WriteResult(Status.ACCEPTED, null);
  }

  public static WriteResult rebootRequired() {
    return new WriteResult(Status.REBOOT_REQUIRED, null);
  }

  public static WriteResult readOnly() {
    return new WriteResult(Status.READ_ONLY, null);
  }

  public static WriteResult invalid(String reason) {
    return new WriteResult(Status.INVALID, reason);
  }
}
