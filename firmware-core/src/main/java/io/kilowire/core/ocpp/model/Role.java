package io.kilowire.core.ocpp.model;

/** The two ends of an OCPP connection. */
public enum Role {
  STATION,
  CSMS;

  public Role peer() {
    return this == STATION ? CSMS : STATION;
  }
}
