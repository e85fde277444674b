package io.kilowire.core.ocpp.rpc;

import io.kilowire.core.ocpp.OcppVersion;
import java.util.Optional;

/** OCPP-J message type numbers (the first element of every frame). */
public enum MessageType {
  CALL(2, false),
  CALLRESULT(3, false),
  CALLERROR(4, false),
  /** OCPP 2.1: the answer to a CALLRESULT that could not be processed. */
  CALLRESULTERROR(5, true),
  /** OCPP 2.1: an unconfirmed message, never answered. */
  SEND(6, true);

  private final int number;
  private final boolean since21;

  MessageType(int number, boolean since21) {
    this.number = number;
    this.since21 = since21;
  }

  public int number() {
    return number;
  }

  /** Whether OCPP-J of {@code version} defines this type; 1.6 and 2.0.1 know only 2, 3 and 4. */
  public boolean definedIn(OcppVersion version) {
    return !since21 || version == OcppVersion.V21;
  }

  public static Optional<MessageType> of(int number) {
    for (MessageType t : values()) {
      if (t.number == number) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
