package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;

/**
 * One station-to-CSMS link that carries OCPP-J text frames. A {@link #connect} attempt ends in
 * exactly one {@link Listener#onClose}, preceded by {@link Listener#onOpen} if it opened; the
 * transport may then be connected again. Callbacks may arrive on the transport's own threads.
 */
public interface OcppTransport {
  /**
   * Starts a connection attempt and returns at once; the outcome arrives at {@code listener}.
   *
   * @throws IllegalStateException if an attempt is still open or in progress
   */
  void connect(Listener listener);

  /**
   * Queues a text frame on the open connection.
   *
   * @return false if the connection is not open (the frame is dropped)
   */
  boolean send(String frame);

  /** Closes the connection or abandons the attempt; harmless when already closed. */
  void close();

  /** True only while the connection is open and not known to be dead. */
  boolean isOpen();

  /**
   * Asks the peer for a pong (a WebSocket ping) and runs {@code onPong} when it comes: the peer has
   * then read every frame sent before the ping. Never runs it if no pong comes. A transport without
   * pings runs it at once.
   */
  default void ping(Runnable onPong) {
    onPong.run();
  }

  /** The outcome of one connection attempt. */
  interface Listener {
    /** The connection opened with this negotiated version. */
    void onOpen(OcppVersion negotiated);

    /** A text frame arrived. */
    void onMessage(String frame);

    /**
     * The connection closed, or the attempt failed.
     *
     * @param remote true if the peer (or the network) ended it, false if this side did
     */
    void onClose(CloseReason reason, boolean remote);
  }
}
