package io.kilowire.core.station;

import io.kilowire.core.ocpp.model.OcppMessage;
import io.kilowire.core.ocpp.rpc.CallFailedException;
import io.kilowire.core.ocpp.rpc.OcppEndpoint;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The RPC session of the current connection (or the version bridge over it), or none while offline.
 * The gateways send through it; the runtime attaches and detaches it as connections come and go.
 */
public final class SessionHolder {
  private volatile @Nullable OcppEndpoint session;

  public void attach(OcppEndpoint session) {
    this.session = session;
  }

  public void detach() {
    this.session = null;
  }

  public boolean attached() {
    return session != null;
  }

  /** Calls through the current session, or fails with NotConnected while there is none. */
  public <R extends OcppMessage> CompletableFuture<R> call(OcppMessage request, Class<R> response) {
    OcppEndpoint s = session;
    if (s == null) {
      return CompletableFuture.failedFuture(
          new CallFailedException.NotConnected(request.getClass().getSimpleName(), "-"));
    }
    return s.call(request, response);
  }
}
