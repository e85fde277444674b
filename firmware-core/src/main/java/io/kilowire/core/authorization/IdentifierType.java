package io.kilowire.core.authorization;

/**
 * What kind of identifier a token is. The first eight are the OCPP 2.0.1 IdTokenEnumType values;
 * {@link #ID_TAG} stands for an OCPP 1.6 idTag, whose kind the 1.6 wire does not say.
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
  /** An OCPP 1.6 idTag (at most 20 characters); the kind of medium is implied, not sent. */
  ID_TAG
}
