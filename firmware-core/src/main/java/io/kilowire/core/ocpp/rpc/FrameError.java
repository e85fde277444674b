package io.kilowire.core.ocpp.rpc;

import org.jspecify.annotations.Nullable;

/**
 * A frame that could not be decoded, with whatever the reply needs: the message id and type when
 * they could be read, the action for a CALL, what went wrong and a detail naming the place.
 */
public record FrameError(
    @Nullable Integer messageType,
    @Nullable String messageId,
    @Nullable String action,
    Problem problem,
    String detail) {

  /** What is wrong with the frame, from the outside in. */
  public enum Problem {
    /** Not JSON at all, or JSON broken before the message id. */
    NOT_JSON,
    /** Larger, deeper or longer than the configured {@code JsonLimits}. */
    LIMIT_EXCEEDED,
    /** Valid JSON that is not an array starting with a message type number and a message id. */
    NOT_A_FRAME,
    /** A message id that is not a string of 1 to 36 characters. */
    BAD_MESSAGE_ID,
    /** A message type number this protocol version does not define. */
    UNKNOWN_MESSAGE_TYPE,
    /** The right message type with the wrong number or kinds of elements. */
    BAD_SHAPE,
    /** The JSON of the payload is broken, or the payload is not an object. */
    BAD_PAYLOAD
  }

  /** Whether the frame's id could be read, so a CALLERROR can be correlated. */
  public boolean hasMessageId() {
    return messageId != null;
  }
}
