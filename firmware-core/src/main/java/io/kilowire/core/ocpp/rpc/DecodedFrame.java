package io.kilowire.core.ocpp.rpc;

/** The outcome of reading one frame: a frame, or why there is none. */
public sealed interface DecodedFrame permits DecodedFrame.Ok, DecodedFrame.Failed {
  record Ok(Frame frame) implements DecodedFrame {}

  record Failed(FrameError error) implements DecodedFrame {}
}
