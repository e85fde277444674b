package io.kilowire.core.ocpp.rpc;

import io.kilowire.core.ocpp.model.OcppMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What a version adapter needs of a connection: handlers for the peer's CALLs and CALLs of its own.
 * An {@link RpcSession} is one; a version bridge is another (2.1 spoken through the 2.0.1 adapter,
 * {@code ocpp.v21.adapter.V21Endpoint}).
 */
public interface OcppEndpoint {
  /** Registers the handler for one action's CALLs; actions without one answer NotSupported. */
  <Q extends OcppMessage, R extends OcppMessage> void handle(
      Class<Q> requestType, CallHandler<Q, R> handler);

  /**
   * Sends a CALL (queued behind the one in flight). The future completes with the decoded response
   * or fails with a {@link CallFailedException}.
   */
  <R extends OcppMessage> CompletableFuture<R> call(OcppMessage request, Class<R> response);
}
