package io.kilowire.core.authorization;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What kind of identifier a token is. The first eight are the OCPP 2.0.1 IdTokenEnumType values,
 * the next three those 2.1's IdTokenEnumStringType adds; {@link #ID_TAG} stands for an OCPP 1.6
 * idTag, whose kind the 1.6 wire does not say. Which of them a version may use is checked at its
 * boundary.
 */
public enum IdentifierType {
  CENTRAL,
  E_MAID,
  ISO14443,
  ISO15693,
  KEY_CODE,
  LOCAL,
  MAC_ADDRESS,
  /** 2.0.1: the station has no means of identification (a start button); nothing to authorize. */
  NO_AUTHORIZATION,
  /** 2.1: paid at the station (a card terminal); see the 2.1 payment functions. */
  DIRECT_PAYMENT,
  /** 2.1: the EV's communication controller id, from ISO 15118. */
  EVCCID,
  /** 2.1: the vehicle identification number. */
  VIN,
  /** An OCPP 1.6 idTag (at most 20 characters); the kind of medium is implied, not sent. */
  ID_TAG;

  /** Whether OCPP 2.0.1's IdTokenEnumType has it (2.1 has those and more). */
  public boolean in201() {
    return ordinal() <= NO_AUTHORIZATION.ordinal();
  }

  /**
   * The type spelled {@code name}, as an enum name or a wire value in any case ("E_MAID", "eMAID",
   * "DirectPayment"); null if none is.
   */
  public static @Nullable IdentifierType named(String name) {
    String wanted = name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    for (IdentifierType t : values()) {
      if (t.name().replace("_", "").equals(wanted)) {
        return t;
      }
    }
    return null;
  }
}
