package io.kilowire.core.ocpp.rpc;

/** Where the RPC session writes frames: the transport, or a test's queue. */
@FunctionalInterface
public interface FrameSink {
  void send(String frame);
}
