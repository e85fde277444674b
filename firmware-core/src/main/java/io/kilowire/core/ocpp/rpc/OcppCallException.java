package io.kilowire.core.ocpp.rpc;

/** Thrown by a call handler to answer with a specific CALLERROR instead of a CALLRESULT. */
public class OcppCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public OcppCallException(ErrorCode code, String description) {
    super(description);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
