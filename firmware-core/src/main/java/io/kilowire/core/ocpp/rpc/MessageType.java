package io.kilowire.core.ocpp.rpc;

import java.util.Optional;

/** OCPP-J message type numbers (the first element of every frame). */
public enum MessageType {
  CALL(2),
  CALLRESULT(3),
  CALLERROR(4),
  /** OCPP 2.1: the answer to a CALLRESULT that could not be processed. */
  CALLRESULTERROR(5),
  /** OCPP 2.1: an unconfirmed message, never answered. */
  SEND(6);

  private final int number;

  MessageType(int number) {
    this.number = number;
  }

  public int number() {
    return number;
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
