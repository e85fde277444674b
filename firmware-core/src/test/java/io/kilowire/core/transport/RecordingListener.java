package io.kilowire.core.transport;

import io.kilowire.core.ocpp.OcppVersion;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Records one connection attempt's events for assertions. */
class RecordingListener implements OcppTransport.Listener {
  final CompletableFuture<OcppVersion> opened = new CompletableFuture<>();
  final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final AtomicInteger closeCount = new AtomicInteger();
  volatile boolean closedRemotely;

  @Override
  public void onOpen(OcppVersion negotiated) {
    opened.complete(negotiated);
  }

  @Override
  public void onMessage(String frame) {
    messages.add(frame);
  }

  @Override
  public void onClose(CloseReason reason, boolean remote) {
    closeCount.incrementAndGet();
    closedRemotely = remote;
    closed.complete(reason);
  }
}
