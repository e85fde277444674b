package io.kilowire.conformance.wire;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.core.transport.OcppTransport;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How the suite reaches the CSMS: over WebSockets, or over in-memory links to the sandbox. */
public interface CsmsConnector {
  /**
   * A transport, not yet connected, for {@code station} sending {@code password} in its HTTP Basic
   * header (null: no header).
   */
  OcppTransport transport(LabConfiguration.Station station, @Nullable String password);

  /**
   * The subprotocol the CSMS selects when {@code station} asks for an upgrade offering {@code
   * subprotocols} with {@code user} and {@code password} in its Basic header (null password: no
   * header), or null when it refuses; the connection is closed at once.
   */
  @Nullable String negotiate(
      LabConfiguration.Station station,
      String user,
      @Nullable String password,
      java.util.List<String> subprotocols,
      Duration within);

  /** The TLS endpoint inspected as {@code station} would reach it; null when it has no TLS. */
  default TlsInspector.@Nullable Report inspectTls(
      LabConfiguration.Station station, Duration within) {
    return null;
  }
}
