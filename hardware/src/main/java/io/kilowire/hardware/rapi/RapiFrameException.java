package io.kilowire.hardware.rapi;

/** A received line that is not a usable RAPI frame. The kind decides which counter it feeds. */
public final class RapiFrameException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a line was rejected. */
  public enum Kind {
    /** The checksum did not match the line. */
    CHECKSUM,
    /** No checksum, or a syntactically broken line, or arguments that do not parse. */
    MALFORMED
  }

  private final Kind kind;

  public RapiFrameException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
