package io.kilowire.core.transport;

import io.kilowire.core.observation.ObserverGuard;
import io.kilowire.core.ocpp.OcppVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport whose frames a {@link FrameObserver} sees in wire order: an outgoing frame is
 * observed before it is handed on (so a reply, however fast, and even one delivered inside {@code
 * send}, comes after it) and outgoing frames are observed and handed on one at a time; an incoming
 * frame is observed before the listener gets it. Whatever the observer throws stays here (see
 * {@link ObserverGuard}): frames keep flowing both ways.
 */
public final class ObservedTransport implements OcppTransport {
  private static final Logger LOG = LoggerFactory.getLogger(ObservedTransport.class);

  private final OcppTransport delegate;
  private final FrameObserver observer;
  private final ObserverGuard guard;
  private final Object sendOrder = new Object();

  /**
   * @param name how the observer appears in the log, e.g. "frame trace of CP-1"
   */
  public ObservedTransport(OcppTransport delegate, FrameObserver observer, String name) {
    this.delegate = delegate;
    this.observer = observer;
    this.guard = new ObserverGuard(LOG, name);
  }

  @Override
  public void connect(Listener listener) {
    delegate.connect(
        new Listener() {
          @Override
          public void onOpen(OcppVersion negotiated) {
            listener.onOpen(negotiated);
          }

          @Override
          public void onMessage(String frame) {
            guard.run(() -> observer.received(frame));
            listener.onMessage(frame);
          }

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            listener.onClose(reason, remote);
          }
        });
  }

  @Override
  public void ping(Runnable onPong) {
    delegate.ping(onPong);
  }

  @Override
  public boolean send(String frame) {
    synchronized (sendOrder) {
      guard.run(() -> observer.sending(frame));
      boolean sent = delegate.send(frame);
      if (!sent) {
        guard.run(() -> observer.notSent(frame));
      }
      return sent;
    }
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  /** How many observer notifications have failed (and been ignored). */
  public long observerFailures() {
    return guard.failures();
  }
}
