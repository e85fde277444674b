package io.kilowire.emulator.trace;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;

/** Records every frame a transport sends and receives in a {@link FrameTrace}. */
public final class TracingTransport implements OcppTransport {
  private final OcppTransport delegate;
  private final FrameTrace trace;

  public TracingTransport(OcppTransport delegate, FrameTrace trace) {
    this.delegate = delegate;
    this.trace = trace;
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
            trace.received(frame);
            listener.onMessage(frame);
          }

          @Override
          public void onClose(CloseReason reason, boolean remote) {
            listener.onClose(reason, remote);
          }
        });
  }

  @Override
  public boolean send(String frame) {
    boolean sent = delegate.send(frame);
    if (sent) {
      trace.sent(frame);
    }
    return sent;
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }
}
