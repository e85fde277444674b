package io.kilowire.core.ocpp.rpc;

/** One OCPP-J frame, decoded into its parts; payloads stay undecoded until routed. */
public sealed interface Frame
    permits Frame.Call, Frame.CallResult, Frame.CallError, Frame.CallResultError, Frame.Send {

  /** The longest message id OCPP-J allows. */
  int MAX_MESSAGE_ID_LENGTH = 36;

  String messageId();

  MessageType type();

  /** {@code [2, id, action, payload]} */
  record Call(String messageId, String action, Payload payload) implements Frame {
    @Override
    public MessageType type() {
      return MessageType.CALL;
    }
  }

  /** {@code [3, id, payload]} */
  record CallResult(String messageId, Payload payload) implements Frame {
    @Override
    public MessageType type() {
      return MessageType.CALLRESULT;
    }
  }

  /**
   * {@code [4, id, errorCode, errorDescription, errorDetails]}. The code stays a string as received
   * so that a peer's unknown or misspelt code is reported as sent.
   */
  record CallError(String messageId, String errorCode, String description, Payload details)
      implements Frame {
    @Override
    public MessageType type() {
      return MessageType.CALLERROR;
    }
  }

  /** OCPP 2.1 {@code [5, id, errorCode, errorDescription, errorDetails]}. */
  record CallResultError(String messageId, String errorCode, String description, Payload details)
      implements Frame {
    @Override
    public MessageType type() {
      return MessageType.CALLRESULTERROR;
    }
  }

  /** OCPP 2.1 {@code [6, id, action, payload]}. */
  record Send(String messageId, String action, Payload payload) implements Frame {
    @Override
    public MessageType type() {
      return MessageType.SEND;
    }
  }
}
