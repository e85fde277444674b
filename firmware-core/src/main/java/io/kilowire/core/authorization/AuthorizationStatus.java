package io.kilowire.core.authorization;

/**
 * What the CSMS (or the local list) says about a token. The union of both versions: 1.6 knows the
 * first five; 2.0.1 adds the rest. Only {@link #ACCEPTED} lets a transaction start.
 */
public enum AuthorizationStatus {
  ACCEPTED,
  BLOCKED,
  EXPIRED,
  INVALID,
  /** The token is already in another transaction and may not start a second one. */
  CONCURRENT_TX,
  NO_CREDIT,
  NOT_ALLOWED_TYPE_EVSE,
  NOT_AT_THIS_LOCATION,
  NOT_AT_THIS_TIME,
  UNKNOWN
}
