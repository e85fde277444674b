package io.kilowire.core.ocpp.model;

/** Which side of the connection may send the CALL of an action. */
public enum Initiator {
  STATION,
  CSMS,
  BOTH;

  /** Whether a CALL of this action may be sent by {@code sender}. */
  public boolean allows(Role sender) {
    return this == BOTH || (this == STATION) == (sender == Role.STATION);
  }
}
