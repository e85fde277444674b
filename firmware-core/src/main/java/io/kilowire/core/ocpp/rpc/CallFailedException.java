package io.kilowire.core.ocpp.rpc;

/** Why an outgoing CALL got no usable CALLRESULT. Subclasses say which way it failed. */
public abstract class CallFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String action;
  private final String messageId;

  protected CallFailedException(String action, String messageId, String message) {
    super(action + " [" + messageId + "]: " + message);
    this.action = action;
    this.messageId = messageId;
  }

  /**
   * What made a future fail: the cause of a {@link java.util.concurrent.CompletionException}, else
   * {@code failure} itself.
   */
  public static Throwable cause(Throwable failure) {
    return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  public String action() {
    return action;
  }

  public String messageId() {
    return messageId;
  }

  /** The peer answered with a CALLERROR. */
  public static final class CallErrorReceived extends CallFailedException {
    private static final long serialVersionUID = 1L;
    private final String errorCode;
    private final String description;
    private final String detailsJson;

    public CallErrorReceived(
        String action, String messageId, String errorCode, String description, String details) {
      super(action, messageId, "CALLERROR " + errorCode + " " + description);
      this.errorCode = errorCode;
      this.description = description;
      this.detailsJson = details;
    }

    /** The code as the peer spelled it. */
    public String errorCode() {
      return errorCode;
    }

    public String description() {
      return description;
    }

    public String detailsJson() {
      return detailsJson;
    }
  }

  /** No reply within the message timeout. */
  public static final class Timeout extends CallFailedException {
    private static final long serialVersionUID = 1L;

    public Timeout(String action, String messageId, java.time.Duration after) {
      super(action, messageId, "no reply within " + after.toMillis() + " ms");
    }
  }

  /** The CALLRESULT broke the response schema; the raw frame was logged. */
  public static final class InvalidResult extends CallFailedException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidResult(String action, String messageId, String field, String problem) {
      super(
          action,
          messageId,
          "invalid CALLRESULT: " + (field.isEmpty() ? "" : field + ": ") + problem);
      this.field = field;
    }

    /** The offending field's path. */
    public String field() {
      return field;
    }
  }

  /** The connection was not open, or closed before the reply. */
  public static final class NotConnected extends CallFailedException {
    private static final long serialVersionUID = 1L;

    public NotConnected(String action, String messageId) {
      super(action, messageId, "connection closed before a reply");
    }
  }
}
