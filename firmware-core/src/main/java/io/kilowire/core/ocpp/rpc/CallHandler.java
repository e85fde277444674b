package io.kilowire.core.ocpp.rpc;

import io.kilowire.core.ocpp.model.OcppMessage;

/**
 * Answers one action's CALLs. Throw {@link OcppCallException} to answer with a CALLERROR; any other
 * exception becomes an {@code InternalError}.
 */
@FunctionalInterface
public interface CallHandler<Q extends OcppMessage, R extends OcppMessage> {
  R handle(Q request);
}
