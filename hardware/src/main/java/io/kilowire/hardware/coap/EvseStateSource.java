package io.kilowire.hardware.coap;

/**
 * Where {@link CoapEvseServer} reads EVSE states from. EVSEs are numbered 1 to {@link #evseCount}.
 */
public interface EvseStateSource {

  int evseCount();

  /** The current state of an EVSE; must be callable from any thread. */
  EvseState state(int evse);

  /**
   * Registers a listener told (on any thread) that an EVSE's state may have changed.
   *
   * @return a handle that removes the listener when closed
   */
  Subscription subscribe(ChangeListener listener);

  /** Told that an EVSE's state may have changed. */
  @FunctionalInterface
  interface ChangeListener {
    void changed(int evse);
  }

  /** Ends a {@link #subscribe} registration. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
