package io.kilowire.hardware.rapi;

/**
 * Callbacks from {@link RapiBoard}. They run on one dedicated thread, in order, never on the serial
 * reader thread, so a listener may issue board commands from inside a callback.
 */
public interface RapiListener {
  /** {@code $AT}: the EVSE state changed. */
  default void onStateChanged(RapiStateNotification state) {}

  /**
   * {@code $AB}: the board (re)booted. Volatile settings (current set with {@code V}, heartbeat
   * supervision) are gone and must be re-applied by the owner.
   */
  default void onBoot(RapiBootNotification boot) {}

  /** The link misbehaved (bad frame, checksum error, garbage, timeout, port lost). */
  default void onFault(RapiFault fault) {}

  /** A command succeeded again after {@link RapiBoard#health()} was {@code FAULT}. */
  default void onRecovered() {}
}
