package io.kilowire.conformance.sandbox;

import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.wire.CsmsConnector;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.CloseReason;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Reaches the sandbox over in-memory links in virtual time: one link per station, served by the
 * sandbox as its server would serve a socket. The HTTP upgrade's Basic check is the sandbox's own
 * ({@link SandboxCsms#authenticate}); {@code csmsSide} may wrap the sandbox's end of each link (a
 * faulty CSMS variant in the tests). A link has no TLS, so a security profile 3 station is let in
 * as if its client certificate had been checked.
 */
public final class SandboxLinks implements CsmsConnector {
  /** Decides an upgrade: station id, Basic user, password (null: no header). */
  public interface Gate {
    boolean admits(String stationId, String user, @Nullable String password);
  }

  /** Picks the subprotocol an upgrade offering {@code offered} is answered with; null refuses. */
  public interface SubprotocolChoice {
    @Nullable String select(java.util.List<String> offered);
  }

  private final SandboxCsms csms;
  private final OcppVersion version;
  private final TaskScheduler scheduler;
  private final UnaryOperator<OcppTransport> csmsSide;
  private final Gate gate;
  private SubprotocolChoice subprotocolChoice;
  private final Map<String, InMemoryTransport.Link> links = new HashMap<>();

  public SandboxLinks(
      SandboxCsms csms,
      OcppVersion version,
      TaskScheduler scheduler,
      UnaryOperator<OcppTransport> csmsSide,
      @Nullable Gate gate) {
    this.csms = csms;
    this.version = version;
    this.scheduler = scheduler;
    this.csmsSide = csmsSide;
    this.gate =
        gate != null
            ? gate
            : (id, user, password) -> id.equals(user) && csms.authenticate(id, password);
    // the sandbox's server speaks exactly its version (OCPP-J 3.1.2)
    this.subprotocolChoice =
        offered -> offered.contains(version.subprotocol()) ? version.subprotocol() : null;
  }

  /** Replaces how upgrades pick their subprotocol (a faulty variant in the tests). */
  public SandboxLinks subprotocols(SubprotocolChoice choice) {
    this.subprotocolChoice = choice;
    return this;
  }

  @Override
  public OcppTransport transport(LabConfiguration.Station station, @Nullable String password) {
    InMemoryTransport.Link link =
        links.computeIfAbsent(
            station.id(),
            id -> {
              InMemoryTransport.Link l =
                  InMemoryTransport.pair(version, task -> scheduler.schedule(Duration.ZERO, task));
              csms.accept(csmsSide.apply(l.csms()), id, version);
              return l;
            });
    return new OcppTransport() {
      @Override
      public void connect(Listener listener) {
        // A link has no TLS: a profile 3 station's client certificate is taken as presented.
        boolean certified = station.securityProfile() == 3;
        if (!certified && !gate.admits(station.id(), station.id(), password)) {
          scheduler.schedule(
              Duration.ZERO,
              () ->
                  listener.onClose(
                      CloseReason.of(CloseReason.Kind.AUTH_REJECTED, "HTTP 401"), true));
          return;
        }
        if (certified) {
          csms.connectedWithCertificate(station.id());
        }
        link.station().connect(listener);
      }

      @Override
      public boolean send(String frame) {
        return link.station().send(frame);
      }

      @Override
      public void close() {
        link.station().close();
      }

      @Override
      public boolean isOpen() {
        return link.station().isOpen();
      }
    };
  }

  @Override
  public @Nullable String negotiate(
      LabConfiguration.Station station,
      String user,
      @Nullable String password,
      java.util.List<String> subprotocols,
      Duration within) {
    return gate.admits(station.id(), user, password)
        ? subprotocolChoice.select(subprotocols)
        : null;
  }
}
