package io.kilowire.emulator.station;

import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.TransportConfig;
import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The emulated station's network: the transport to the CSMS behind a switch that an operator can
 * open (an outage: the connection drops and every attempt fails as an unreachable host would) and
 * close again, and a CSMS URL that can change while the station runs (used from the next connection
 * on). The station's own reconnect logic is untouched: it sees an ordinary lost link.
 */
public final class StationLink implements OcppTransport {
  private final Function<TransportConfig, OcppTransport> transports;
  private TransportConfig config; // guarded by this
  private @Nullable OcppTransport current; // guarded by this
  private @Nullable TransportConfig currentConfig; // guarded by this
  private volatile boolean networkUp = true;
  private volatile java.util.function.UnaryOperator<TransportConfig> credentials = c -> c;

  /**
   * @param transports makes the transport for a config (called again after the URL changed)
   */
  public StationLink(TransportConfig config, Function<TransportConfig, OcppTransport> transports) {
    this.config = config;
    this.transports = transports;
  }

  /**
   * What the station changed of its credentials (a renewed certificate, a rotated password, a
   * raised profile), laid over the configuration at each connection.
   */
  public void credentials(java.util.function.UnaryOperator<TransportConfig> credentials) {
    this.credentials = credentials;
  }

  @Override
  public void connect(Listener listener) {
    OcppTransport t;
    synchronized (this) {
      if (!networkUp) {
        t = null;
      } else {
        TransportConfig effective = credentials.apply(config);
        if (current == null || !effective.equals(currentConfig)) {
          OcppTransport old = current;
          if (old != null) {
            old.close();
          }
          current = transports.apply(effective);
          currentConfig = effective;
        }
        t = current;
      }
    }
    if (t == null) {
      // The listener hands events to the station's thread, so reporting at once is safe.
      listener.onClose(
          CloseReason.of(CloseReason.Kind.UNREACHABLE, "network disconnected (control API)"), true);
      return;
    }
    t.connect(listener);
  }

  @Override
  public boolean send(String frame) {
    OcppTransport t = transport();
    return networkUp && t != null && t.send(frame);
  }

  @Override
  public void close() {
    OcppTransport t = transport();
    if (t != null) {
      t.close();
    }
  }

  @Override
  public boolean isOpen() {
    OcppTransport t = transport();
    return networkUp && t != null && t.isOpen();
  }

  /** Takes the station off the network (true) or puts it back (false). */
  public void disconnect(boolean down) {
    networkUp = !down;
    if (down) {
      close();
    }
  }

  public boolean networkUp() {
    return networkUp;
  }

  /** The CSMS URL the next connection goes to. */
  public synchronized void csmsUrl(URI url) {
    config = config.toBuilder().csmsUrl(url).build();
  }

  public synchronized URI csmsUrl() {
    return config.csmsUrl();
  }

  private synchronized @Nullable OcppTransport transport() {
    return current;
  }
}
