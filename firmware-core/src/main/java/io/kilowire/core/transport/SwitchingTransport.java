package io.kilowire.core.transport;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A transport whose configuration may change between connections (a rotated password, a renewed
 * client certificate, a newly trusted CSMS root): each attempt reads the configuration in force and
 * makes a new underlying transport when it differs from the last one's. An open connection keeps
 * the configuration it was opened with.
 */
public final class SwitchingTransport implements OcppTransport {
  private final Supplier<TransportConfig> config;
  private final Function<TransportConfig, OcppTransport> transports;
  private @Nullable OcppTransport current; // guarded by this
  private @Nullable TransportConfig currentConfig; // guarded by this

  public SwitchingTransport(
      Supplier<TransportConfig> config, Function<TransportConfig, OcppTransport> transports) {
    this.config = Objects.requireNonNull(config, "config");
    this.transports = Objects.requireNonNull(transports, "transports");
  }

  @Override
  public void connect(Listener listener) {
    OcppTransport t;
    TransportConfig now = config.get();
    synchronized (this) {
      if (current == null || !now.equals(currentConfig)) {
        OcppTransport old = current;
        if (old != null) {
          old.close();
        }
        current = transports.apply(now);
        currentConfig = now;
      }
      t = current;
    }
    t.connect(listener);
  }

  @Override
  public boolean send(String frame) {
    OcppTransport t = transport();
    return t != null && t.send(frame);
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
    return t != null && t.isOpen();
  }

  private synchronized @Nullable OcppTransport transport() {
    return current;
  }
}
