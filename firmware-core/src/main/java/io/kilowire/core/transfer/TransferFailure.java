package io.kilowire.core.transfer;

/** Why a file transfer failed, in the terms a status notification needs. */
public final class TransferFailure extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The server refused the credentials or the path (HTTP 401, 403). */
    PERMISSION_DENIED,
    /** The server did not understand the request (HTTP 400). */
    BAD_MESSAGE,
    /** The server or the station does not do this (HTTP 405, 501; a protocol not supported). */
    NOT_SUPPORTED,
    /** The server did not answer in time. */
    TIMEOUT,
    /** Anything else: refused connection, another status, a body too large. */
    FAILED
  }

  private final Kind kind;

  public TransferFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public TransferFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
