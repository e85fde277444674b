package io.kilowire.hardware.rapi;

import java.io.IOException;

/** A RAPI command that produced no usable answer. The caller gets no number in that case. */
public final class RapiException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the command failed. */
  public enum Kind {
    /** No valid reply within the timeout, after all retries. */
    TIMEOUT,
    /** The board answered {@code $NK}. */
    REJECTED,
    /** The reply was well-formed but its arguments made no sense for the command. */
    BAD_REPLY,
    /** The port is closed or was lost. */
    PORT_CLOSED
  }

  private final Kind kind;

  public RapiException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
