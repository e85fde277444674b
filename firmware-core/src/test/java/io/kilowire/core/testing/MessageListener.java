package io.kilowire.core.testing;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import java.util.function.Consumer;

/** A transport listener that hands each frame to a consumer and ignores opening and closing. */
public final class MessageListener implements OcppTransport.Listener {
  private final Consumer<String> frames;

  public MessageListener(Consumer<String> frames) {
    this.frames = frames;
  }

  @Override
  public void onOpen(OcppVersion negotiated) {}

  @Override
  public void onMessage(String frame) {
    frames.accept(frame);
  }

  @Override
  public void onClose(CloseReason reason, boolean remote) {}
}
