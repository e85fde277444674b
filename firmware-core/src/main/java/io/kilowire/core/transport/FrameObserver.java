package io.kilowire.core.transport;

/**
 * Sees every frame a transport carries, in wire order: a frame trace, a console, a metrics sink.
 * Attach one with {@link ObservedTransport}, which also keeps its failures away from the transport.
 */
public interface FrameObserver {
  /**
   * A frame is about to be handed to the transport. Called before it can reach the wire, so any
   * reply to it is observed after it.
   */
  void sending(String frame);

  /** The frame just announced by {@link #sending} was refused: no connection was open. */
  default void notSent(String frame) {}

  /** A frame arrived; called before the receiver sees it, so anything it causes comes after. */
  void received(String frame);
}
