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
   * Whether the CSMS completes the WebSocket upgrade of {@code station} when the Basic header
   * carries {@code user} and {@code password}; the connection is closed at once when it does.
   */
  boolean upgradeAccepted(
      LabConfiguration.Station station, String user, @Nullable String password, Duration within);
}
