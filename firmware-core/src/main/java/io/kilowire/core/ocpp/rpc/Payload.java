package io.kilowire.core.ocpp.rpc;

/**
 * A frame's JSON payload, still undecoded. The RPC layer routes it by action and message id; the
 * codec turns it into a record once the target type is known.
 */
public interface Payload {
  /** The payload as compact JSON text, for logs and traces. */
  String json();
}
