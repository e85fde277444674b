package io.kilowire.emulator.evaluation;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import io.kilowire.emulator.site.GridModel;
import io.kilowire.emulator.site.SiteDerCurve;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteSimulation;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EmulatedToken;
import io.kilowire.emulator.station.VirtualStationThread;
import io.kilowire.emulator.trace.SiteTrace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A site in virtual time, in-process and quiet: the site's stations (OCPP 1.6; 2.1 with ISO 15118
 * and bidirectional EVSEs for a V2G site; 2.1 when the sandbox sets DER curves) on in-memory links
 * to a sandbox CSMS, its EVs and its {@link SiteSimulation}, all on one {@link VirtualScheduler}.
 * The links are reachable, so a test can cut the CSMS off ({@link #link}).
 */
public final class SiteRun implements AutoCloseable {
  /** A sandbox CSMS's in-memory links deliver after this (virtual time). */
  private static final Duration LINK_LATENCY = Duration.ofMillis(5);

  /** Only the sandbox reads the stations' meter values: once a minute is enough. */
  private static final Duration METER_INTERVAL = Duration.ofSeconds(60);

  private final VirtualScheduler clock;
  private final SandboxCsms sandbox;
  private final List<EmulatedStation> stations = new ArrayList<>();
  private final List<InMemoryTransport.Link> links = new ArrayList<>();
  private final SiteSimulation simulation;
  private final Instant start;

  /**
   * Builds the run; nothing happens before {@link #start}.
   *
   * @param trace where to write {@code site.csv}; null = no trace
   */
  public SiteRun(SiteFile site, @Nullable Path trace) {
    this(site, trace, site.v2g() != null);
  }

  /**
   * As {@link #SiteRun(SiteFile, Path)}; with {@code v2gStations} the stations speak OCPP 2.1,
   * their EVs ISO 15118 (the V2G ones bidirectional power transfer) on EVSEs that can feed back,
   * and the sandbox runs the site's V2G peak ({@link SiteFile#v2g()}), if it has one.
   */
  public SiteRun(SiteFile site, @Nullable Path trace, boolean v2gStations) {
    // A site whose sandbox sets DER curves needs 2.1 stations (SetDERControl is 2.1's).
    GridModel grid = site.grid();
    List<SiteDerCurve> derCurves = grid == null ? List.of() : grid.der();
    OcppVersion version = v2gStations || !derCurves.isEmpty() ? OcppVersion.V21 : OcppVersion.V16;
    start =
        site.start() != null
            ? site.start()
            : LocalDate.now(site.zone()).atStartOfDay(site.zone()).toInstant();
    clock = new VirtualScheduler(start);
    Console console = new Console(new PrintStream(OutputStream.nullOutputStream()), clock.clock());
    sandbox = SandboxCsms.inMemory(console, new VirtualStationThread(clock), clock.clock(), false);
    sandbox.derCurves(derCurves, site.zone());
    SiteFile.V2gPeak peak = site.v2g();
    if (v2gStations && peak != null) {
      sandbox.discharge(
          new SandboxCsms.DischargeWindow(
              peak.from(), peak.until(), peak.dischargeA(), site.zone()));
    }
    URI base = URI.create("ws://127.0.0.1/in-memory");
    for (int i = 1; i <= site.stations(); i++) {
      String id = String.format("KW-EVAL-%03d", i);
      InMemoryTransport.Link link =
          InMemoryTransport.pair(version, task -> clock.schedule(LINK_LATENCY, task));
      sandbox.accept(link.csms(), id, version);
      links.add(link);
      TransportConfig config =
          TransportConfig.builder().csmsUrl(base).stationId(id).ocppVersions(version).build();
      stations.add(
          new EmulatedStation(
              config,
              site.evsesPerStation(),
              console,
              null,
              null,
              null,
              METER_INTERVAL,
              v2gStations
                  ? EmulatedStation.EvBehaviour.defaults()
                      .withHlc(true)
                      .withBidirectionalEvses(true)
                  : null,
              false,
              i,
              new EmulatedStation.Timebase(
                  clock.clock(), new VirtualStationThread(clock), t -> link.station()),
              EmulatedToken.Type.ISO14443));
    }
    if (v2gStations) {
      stations.forEach(EmulatedStation::noRandomEvs); // the site brings its EVs
    }
    simulation =
        new SiteSimulation(
            site,
            stations,
            new VirtualStationThread(clock),
            trace == null ? null : new SiteTrace(trace),
            console);
  }

  public SiteSimulation simulation() {
    return simulation;
  }

  /** Station {@code station} (1-based). */
  public EmulatedStation station(int station) {
    return stations.get(station - 1);
  }

  /** The in-memory link of station {@code station} (1-based) to the sandbox CSMS. */
  public InMemoryTransport.Link link(int station) {
    return links.get(station - 1);
  }

  public VirtualScheduler clock() {
    return clock;
  }

  public Instant startedAt() {
    return start;
  }

  /** Starts the stations and the site (set the simulation's observer before). */
  public SiteRun start() {
    stations.forEach(EmulatedStation::start);
    simulation.start();
    return this;
  }

  /** Runs virtual time until {@code until}. */
  public void runUntil(Instant until) {
    clock.runUntil(until);
  }

  @Override
  public void close() {
    simulation.close();
    stations.forEach(s -> s.runtime().station().shutdown());
    clock.advance(Duration.ofSeconds(10));
    stations.forEach(EmulatedStation::close);
    clock.advance(Duration.ofSeconds(5));
    sandbox.close();
  }
}
