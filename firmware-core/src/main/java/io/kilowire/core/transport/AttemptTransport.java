package io.kilowire.core.transport;

import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What both station transports share: one connection attempt at a time, each ending in exactly one
 * close, and the transport's calls going to the attempt under way.
 */
abstract class AttemptTransport implements OcppTransport {
  final TransportConfig config;
  final ObserverGuard listenerGuard;
  private volatile @Nullable Attempt current;

  /**
   * @param log the logger of the transport, where a failing listener is reported
   */
  AttemptTransport(TransportConfig config, Logger log) {
    this.config = config;
    this.listenerGuard = new ObserverGuard(log, "transport listener of " + config.stationId());
  }

  public TransportConfig config() {
    return config;
  }

  /** The offered subprotocols as a list for messages, e.g. "ocpp2.0.1, ocpp1.6". */
  String offered() {
    List<String> tokens = new ArrayList<>();
    for (OcppVersion v : config.ocppVersions()) {
      tokens.add(v.subprotocol());
    }
    return String.join(", ", tokens);
  }

  /** One connection attempt and, if it opens, the connection. */
  interface Attempt {
    /** Starts connecting; returns at once. */
    void start();

    /** Whether its close has been reported. */
    boolean isFinished();

    /** Open, not closing, and not known to be dead. */
    boolean isUsable();

    /** Queues a text frame; false if the connection is not usable. */
    boolean sendText(String frame);

    /** Closes the connection or abandons the attempt; harmless when finished. */
    void closeLocally();

    /** See {@link OcppTransport#ping}; an attempt without pings runs {@code onPong} at once. */
    default void ping(Runnable onPong) {
      onPong.run();
    }
  }

  /** A new attempt reporting to {@code listener}, not yet started. */
  abstract Attempt newAttempt(Listener listener);

  @Override
  public final synchronized void connect(Listener listener) {
    Attempt previous = current;
    if (previous != null && !previous.isFinished()) {
      throw new IllegalStateException("a connection attempt is still open or in progress");
    }
    Attempt attempt = newAttempt(listener);
    current = attempt;
    attempt.start();
  }

  @Override
  public final boolean send(String frame) {
    Attempt attempt = current;
    return attempt != null && attempt.sendText(frame);
  }

  @Override
  public final void close() {
    Attempt attempt = current;
    if (attempt != null) {
      attempt.closeLocally();
    }
  }

  @Override
  public final void ping(Runnable onPong) {
    Attempt attempt = current;
    if (attempt != null) {
      attempt.ping(onPong);
    }
  }

  @Override
  public final boolean isOpen() {
    Attempt attempt = current;
    return attempt != null && attempt.isUsable();
  }
}
