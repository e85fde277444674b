package io.kilowire.emulator.control;

import io.kilowire.emulator.metrics.RunMetrics;
import java.net.URI;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What a run gets with {@code --control-port} (and scenarios, metrics): the event hub every station
 * publishes on from its start, the operations on the fleet, and optionally the HTTP server. Create
 * it before the first station is built so that its events are seen from the BootNotification on.
 */
public final class ControlPlane implements AutoCloseable {
  private final EventHub hub;
  private final StationOperations operations;
  private final RunMetrics metrics;
  private @Nullable ControlServer server;

  private ControlPlane(Fleet fleet, Clock clock, boolean virtualTime) {
    this.hub = new EventHub(clock, virtualTime);
    this.operations = new StationOperations(fleet);
    this.metrics = new RunMetrics(hub, fleet);
    fleet.onBuilt(station -> StationEvents.attach(hub, station));
  }

  public static ControlPlane of(Fleet fleet, Clock clock) {
    return new ControlPlane(fleet, clock, false);
  }

  /** For a virtual-time run: events are handed on inside the clock's thread, as they happen. */
  public static ControlPlane virtualTime(Fleet fleet, Clock clock) {
    return new ControlPlane(fleet, clock, true);
  }

  /** Serves the API, the event stream and the dashboard; returns the base URL. */
  public URI serve(String host, int port, @Nullable String token) {
    ControlServer s = ControlServer.start(host, port, token, operations, hub, metrics::scrape);
    server = s;
    return s.uri();
  }

  public EventHub events() {
    return hub;
  }

  public StationOperations operations() {
    return operations;
  }

  @Override
  public void close() {
    ControlServer s = server;
    if (s != null) {
      s.close();
    }
    metrics.close();
    hub.close();
  }
}
