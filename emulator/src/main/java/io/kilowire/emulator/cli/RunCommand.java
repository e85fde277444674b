package io.kilowire.emulator.cli;

import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.core.runtime.SharedStationThreads;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.transport.InMemoryTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.bench.FleetSummary;
import io.kilowire.emulator.cli.EmulatorCli.UsageException;
import io.kilowire.emulator.control.ControlPlane;
import io.kilowire.emulator.control.ControlServer;
import io.kilowire.emulator.control.SiteEvents;
import io.kilowire.emulator.sandbox.SandboxCsms;
import io.kilowire.emulator.scenario.Scenario;
import io.kilowire.emulator.scenario.ScenarioParser;
import io.kilowire.emulator.site.GridModel;
import io.kilowire.emulator.site.SiteFile;
import io.kilowire.emulator.site.SiteFileParser;
import io.kilowire.emulator.site.SiteSimulation;
import io.kilowire.emulator.station.EmulatedStation;
import io.kilowire.emulator.station.EmulatedToken;
import io.kilowire.emulator.station.SimulatedFirmware;
import io.kilowire.emulator.station.SimulatedLogUploads;
import io.kilowire.emulator.station.VirtualStationThread;
import io.kilowire.emulator.template.StationTemplate;
import io.kilowire.emulator.template.TemplateParser;
import io.kilowire.emulator.trace.FrameTrace;
import io.kilowire.emulator.trace.PilotTrace;
import io.kilowire.emulator.trace.SiteTrace;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: starts N emulated stations against a CSMS, or against the built-in sandbox. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Starts emulated stations. Without --csms a sandbox CSMS is started on 127.0.0.1 and prints"
          + " what it sees."
    })
class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--csms",
      paramLabel = "URL",
      description =
          "CSMS base URL (ws:// or wss://); the station id is appended. Default: the built-in sandbox.")
  String csms;

  @Option(
      names = "--protocol",
      paramLabel = "ocpp1.6|ocpp2.0.1|ocpp2.1",
      defaultValue = "ocpp1.6",
      description = "OCPP version the stations speak (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(
      names = "--stations",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many stations (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--id-prefix",
      paramLabel = "P",
      defaultValue = "KW-EMU-",
      description = "Station ids are P followed by a 3-digit number (default: ${DEFAULT-VALUE}).")
  String idPrefix;

  @Option(
      names = "--connectors",
      paramLabel = "N",
      defaultValue = "2",
      description = "Connectors (1.6) or EVSEs (2.0.1) per station (default: ${DEFAULT-VALUE}).")
  int connectors;

  @Option(
      names = "--duration",
      paramLabel = "30s|10m|1h",
      converter = DurationConverter.class,
      description = "Stop after this long. Default: until Ctrl-C or SIGTERM.")
  Duration duration;

  @Option(
      names = "--trace",
      paramLabel = "DIR",
      description = "Write DIR/<stationId>.ocpp.jsonl, one line per frame.")
  Path trace;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Keep each station's persistent state (transaction queue, open transactions) in"
              + " DIR/<stationId>, so a restarted run resumes. Default: in memory.")
  Path stateDir;

  @Option(
      names = "--resume-after-power-loss",
      description =
          "After an unclean stop, resume the transactions that were open instead of ending them"
              + " with reason PowerLoss (the default).")
  boolean resumeAfterPowerLoss;

  @Option(
      names = "--expired-certificate",
      description =
          "Each station starts with a certificate that expired a day ago (a new key, issued by a CA"
              + " the emulator mints): on profile 3 it connects with it, and it asks the CSMS for a"
              + " new one at once (SignCertificate). The control API does it for one station:"
              + " POST /stations/{id}/certificate/expire.")
  boolean expiredCertificate;

  @Option(
      names = "--hlc",
      description =
          "Every EV speaks ISO 15118 (simulated, no EXI): the pilot shows 5 %% and the EV draws the"
              + " limit offered over the link, renewed under a lease. With --site the site's"
              + " EVSEs can feed back: a V2G EV (arrival field v2g) discharges where an OCPP 2.1"
              + " profile asks.")
  boolean hlc;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the EVs' random behaviour (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--token-type",
      paramLabel = "ISO14443|ISO15693|eMAID|Central|Local|KeyCode",
      defaultValue = "ISO14443",
      description =
          "What the EVs present: an ISO14443 UID (14 hex), an ISO15693 UID (16 hex), an eMAID (ISO"
              + " 15118, with check digit), or a Central, Local or KeyCode token; one per EV, the"
              + " same on every run (default: ${DEFAULT-VALUE}).")
  String tokenType;

  @Option(
      names = "--security-profile",
      paramLabel = "0-3",
      defaultValue = "0",
      description =
          "OCPP security profile: 0 none, 1 Basic auth, 2 TLS + Basic auth, 3 mutual TLS (default: ${DEFAULT-VALUE}).")
  int securityProfile;

  @Option(
      names = "--password",
      paramLabel = "P",
      description = "Basic-auth password (profiles 1 and 2).")
  String password;

  @Option(
      names = "--ca-cert",
      paramLabel = "F",
      description =
          "PEM file with the CA certificate(s) that sign the CSMS certificate (profiles 2 and 3).")
  Path caCert;

  @Option(
      names = "--client-cert",
      paramLabel = "F",
      description = "PEM file with the station certificate chain (profile 3).")
  Path clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "F",
      description = "PEM file with the station's PKCS#8 private key (profile 3).")
  Path clientKey;

  @Option(
      names = "--site",
      paramLabel = "FILE",
      description =
          "Simulate a site (YAML or JSON): grid limit, building load, EVSE wiring, EV arrivals."
              + " Sets the number of stations and EVSEs; --trace adds DIR/site.csv.")
  Path site;

  @Option(
      names = "--speed",
      paramLabel = "N|max",
      defaultValue = "1",
      description =
          "Simulated seconds per wall-clock second; max runs in virtual time as fast as the machine"
              + " allows. --duration is then simulated time. Other than 1 only with the built-in"
              + " sandbox (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(
      names = "--ramp",
      paramLabel = "N/s",
      defaultValue = Ramp.DEFAULT,
      description =
          "Start at most N stations per second, so a CSMS sees connections arrive as a steady"
              + " stream (default: ${DEFAULT-VALUE}: 10,000 stations within 100 s). Real time only.")
  String ramp;

  // ------------------------------------------------- the control plane (control API, dashboard)

  @Option(
      names = "--control-port",
      paramLabel = "N",
      description =
          "Serve the control API (HTTP + JSON, OpenAPI at /openapi.json), the event stream (WebSocket"
              + " /events) and the dashboard (/) on this port; 0 picks a free one. Default: off.")
  Integer controlPort;

  @Option(
      names = "--control-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description =
          "Address the control API listens on (default: ${DEFAULT-VALUE}); any but a loopback"
              + " address needs --control-token.")
  String controlHost;

  @Option(
      names = "--control-token",
      paramLabel = "T",
      description =
          "Every control request must carry it (Authorization: Bearer T, or ?token=T in a"
              + " browser).")
  String controlToken;

  @Option(
      names = "--ev-mode",
      paramLabel = "random|none",
      defaultValue = "random",
      description =
          "random: EVs arrive, charge and leave by themselves; none: only when told (control"
              + " API, scenario), e.g. to test RemoteStart on an idle connector (default:"
              + " ${DEFAULT-VALUE}).")
  String evMode;

  // ------------------------------------------------------------------------ station templates

  @Option(
      names = "--template",
      paramLabel = "NAME|FILE[:COUNT]",
      description =
          "Start COUNT stations (default 1) of a template: a bundled one (ac-wallbox-11kw,"
              + " ac-post-22kw-dual, dc-fast-150kw, ac-iso15118-v201, ac-v2g-v21) or a YAML/JSON"
              + " file;"
              + " repeatable. Instead of --stations, --connectors and --protocol.")
  List<String> template;

  // ---------------------------------------------------------------------------- scenarios

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Run a scenario (YAML/JSON timeline of operations and expectations; docs/SCENARIOS.md)"
              + " on the stations: the run ends with it, exit code 3 if a step failed.")
  Path scenario;

  @Option(
      names = "--scenario-report",
      paramLabel = "FILE",
      defaultValue = "scenario-report.xml",
      description = "Where the scenario's JUnit XML report goes (default: ${DEFAULT-VALUE}).")
  Path scenarioReport;

  private @Nullable Scenario scenarioFile;

  // ---------------------------------------------------------------------- output and logs

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description =
          "text, or json: console lines and log lines as one JSON object each (default:"
              + " ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(
      names = "--log-level",
      paramLabel = "error|warn|info|debug|trace",
      defaultValue = "warn",
      description =
          "The least severe log lines shown, on standard error (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Option(
      names = "--firmware-download",
      paramLabel = "simulated|real|fail",
      defaultValue = "simulated",
      description =
          "How the stations fetch firmware (UpdateFirmware, PublishFirmware): simulated (any"
              + " location answers after 3 s), real (over HTTP(S)) or fail (every download fails:"
              + " DownloadFailed once the retries are spent). Default: ${DEFAULT-VALUE}.")
  String firmwareDownload;

  @Option(
      names = "--log-upload",
      paramLabel = "real|simulated|timeout|fail",
      defaultValue = "real",
      description =
          "How the stations upload logs (GetDiagnostics, GetLog): real (HTTP(S) PUT to the CSMS's"
              + " location), simulated (done without sending), timeout (never answered: the"
              + " station gives up after its time limit, UploadFailure) or fail (refused at once)."
              + " Default: ${DEFAULT-VALUE}.")
  String logUpload;

  /** --firmware-download and --log-upload, checked. */
  private void checkTransferModes() {
    try {
      SimulatedFirmware.DownloadMode.parse(firmwareDownload);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--firmware-download: " + e.getMessage());
    }
    try {
      SimulatedLogUploads.UploadMode.parse(logUpload);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--log-upload: " + e.getMessage());
    }
  }

  /** A new station's file transfers as the flags say. */
  private EmulatedStation withTransferModes(EmulatedStation station) {
    station.firmware().downloadMode(SimulatedFirmware.DownloadMode.parse(firmwareDownload));
    station.logUploads().uploadMode(SimulatedLogUploads.UploadMode.parse(logUpload));
    return station;
  }

  @Option(
      names = "--show-frames",
      description = "Print every OCPP frame on the console: → sent, ← received.")
  boolean showFrames;

  /** The console of this run: text or JSON lines, stamped with {@code clock}'s time. */
  private Console console(Clock clock) {
    return new Console(System.out, clock, "json".equals(logFormat));
  }

  /** --log-level, --log-format: checked, then in force for the rest of the run. */
  private void configureLogs() {
    if (!"text".equals(logFormat) && !"json".equals(logFormat)) {
      throw new UsageException("--log-format must be text or json, not '" + logFormat + "'");
    }
    Logs.LogLevel level;
    try {
      level = Logs.LogLevel.valueOf(logLevel.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--log-level must be error, warn, info, debug or trace, not '" + logLevel + "'");
    }
    Logs.configure(level, "json".equals(logFormat));
  }

  /** --show-frames: every station's frames on the console. */
  private void showFrames(RunFleet fleet, Console console) {
    if (showFrames) {
      fleet.onBuilt(
          s ->
              s.addFrameObserver(new FramePrinter(console, s.id()), "console frames of " + s.id()));
    }
  }

  /** The templates of {@code --template}, read once, by name; in the order given. */
  private @Nullable Map<String, StationTemplate> loadedTemplates;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Run the K-th of N equal parts of a fleet of --stations stations (ids K-th part only), so"
              + " that N processes or machines together run the whole fleet with disjoint ids."
              + " Default: the whole fleet.")
  String shard;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description =
          "Write what this process did as JSON to FILE at the end; 'merge' adds up the files of"
              + " the shards.")
  Path summary;

  /**
   * What a command built on {@code run} adds to a real-time run (the benchmark); a plain run leaves
   * every hook at its default.
   */
  interface Observer {
    /** Where the run prints; null: standard output, as --log-format says. */
    default @Nullable Console console() {
      return null;
    }

    /** The station's link to its CSMS; null: the default WebSocket. */
    default @Nullable Function<TaskScheduler, OcppTransport> link(TransportConfig config) {
      return null;
    }

    /** A station has been started. */
    default void started(EmulatedStation station) {}

    /** The run's time is up; the stations are about to stop. */
    default void stopping() {}

    /** The stations have stopped, in {@code took}; the summary to write, if any. */
    default FleetSummary stopped(Duration took, FleetSummary summary) {
      return summary;
    }
  }

  /** Set by a command built on this one before {@link #call()}. */
  Observer observer = new Observer() {};

  /** A sandbox CSMS's in-memory links deliver after this (virtual time). */
  private static final Duration LINK_LATENCY = Duration.ofMillis(5);

  /** How long the stations of a run may take to stop together (each needs far less). */
  private static final Duration STOP_BOUND = Duration.ofSeconds(20);

  /** How often stations sample meter values in real time (a CSMS may change it). */
  private static final Duration METER_INTERVAL = Duration.ofSeconds(10);

  /**
   * In virtual time only the in-memory sandbox reads the meter values; sampling them every minute
   * instead of every 10 s makes a simulated day of many stations several times faster.
   */
  private static final Duration VIRTUAL_METER_INTERVAL = Duration.ofSeconds(60);

  @Override
  public Integer call() throws Exception {
    configureLogs();
    checkTransferModes();
    OcppVersion version = validate();
    double factor = speedFactor();
    SiteFile siteFile = readSite();
    if (siteFile != null) {
      stations = siteFile.stations();
      connectors = siteFile.evsesPerStation();
    }
    if (factor != 1) {
      return runVirtual(version, factor, siteFile);
    }
    Console console = observer.console() != null ? observer.console() : console(Clock.systemUTC());
    ExecutorTaskScheduler sandboxScheduler = null;
    ExecutorTaskScheduler siteScheduler = null;
    SiteSimulation simulation = null;
    SandboxCsms sandbox = null;
    URI base;
    if (csms == null) {
      sandboxScheduler = ExecutorTaskScheduler.singleThread("sandbox-csms", Map.of());
      sandbox =
          new SandboxCsms(console, sandboxScheduler, Clock.systemUTC(), 0).defaultTariff().start();
      base = sandbox.uri();
      console.line("sandbox", "CSMS listening on " + base + " (OCPP 2.0.1, 1.6 and 2.1)");
    } else {
      base = new URI(csms);
    }
    v2gPeak(siteFile, sandbox, version, console);
    derCurves(siteFile, sandbox, version, console);
    List<EmulatedStation> running = new ArrayList<>();
    URI csmsBase = base;
    // All stations share a thread per core; their connections share the JDK client's threads.
    SharedStationThreads stationThreads = SharedStationThreads.perCore();
    RunFleet fleet =
        new RunFleet(
            this::stationId,
            (i, template, moved) ->
                RunFleet.DEFAULT_TEMPLATE.equals(template)
                    ? newStation(
                        i,
                        moved == null ? csmsBase : moved,
                        version,
                        console,
                        siteFile,
                        EmulatedStation.Timebase.realTime(stationThreads.thread(stationId(i))),
                        meterInterval())
                    : newStation(
                        i,
                        moved == null ? csmsBase : moved,
                        console,
                        template(template),
                        EmulatedStation.Timebase.realTime(stationThreads.thread(stationId(i)))),
            templateNames(),
            siteFile == null ? null : "the --site file fixes the stations");
    ControlPlane control = controlPlane(fleet, console);
    showFrames(fleet, console);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger();
    Thread hook = shutdownHook(stop, stopped, exitCode);
    Ramp pace = Ramp.parse(ramp);
    Shard part = shard();
    int first = part.first(stations);
    int last = part.last(stations);
    long startNanos = System.nanoTime();
    ScenarioRun scenarioRun =
        scenarioFile == null || control == null
            ? null
            : ScenarioRun.start(
                scenarioFile, scenarioReport, control, null, console, stop::countDown);
    try {
      if (part != Shard.WHOLE) {
        console.line(
            "emulator",
            "shard "
                + part
                + " of a fleet of "
                + stations
                + ": stations "
                + stationId(first)
                + " to "
                + stationId(last));
      }
      List<String> launches = new ArrayList<>();
      if (template == null) {
        for (int i = first; i <= last; i++) {
          launches.add(RunFleet.DEFAULT_TEMPLATE);
        }
      } else {
        for (String entry : template) {
          TemplateUse use = TemplateUse.of(entry);
          for (int n = 0; n < use.count(); n++) {
            launches.add(templates().get(use.source()).name());
          }
        }
        stations = launches.size();
      }
      if (launches.size() > 1) {
        console.line("emulator", "starting " + launches.size() + " station(s) at " + pace);
      }
      for (int i = 0; i < launches.size(); i++) {
        long wait = startNanos + pace.offsetNanos(i) - System.nanoTime();
        if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
          break;
        }
        EmulatedStation station = fleet.launch(launches.get(i), first + i);
        running.add(station);
        observer.started(station);
      }
      if (siteFile != null) {
        siteScheduler = ExecutorTaskScheduler.singleThread("site", Map.of());
        simulation =
            startSite(
                siteFile,
                running,
                siteScheduler,
                console,
                control == null ? null : new SiteEvents(control.events(), siteFile.config()));
      }
      console.line(
          "emulator",
          running.size()
              + " station(s) started, "
              + version.subprotocol()
              + (duration == null
                  ? "; Ctrl-C stops"
                  : "; stopping " + duration.toSeconds() + " s after the first"));
      if (duration == null) {
        stop.await();
      } else {
        // The ramp counts: a run of --duration 10m ends 10 minutes after its first station.
        stop.await(duration.toNanos() - (System.nanoTime() - startNanos), TimeUnit.NANOSECONDS);
      }
    } finally {
      if (simulation != null) {
        SiteSimulation sim = simulation;
        // The site's loop stops first (on its own thread): it reaches into the stations.
        CountDownLatch closed = new CountDownLatch(1);
        siteScheduler.execute(
            () -> {
              sim.close();
              closed.countDown();
            });
        closed.await(5, TimeUnit.SECONDS);
        siteScheduler.close();
        console.line("site", sim.summary());
      }
      boolean scenarioPassed = scenarioRun == null || scenarioRun.finish();
      if (control != null) {
        control.close();
      }
      observer.stopping();
      // Stations the control API stopped, started or added count too.
      List<EmulatedStation> up = fleet.runningStations();
      long accepted = up.stream().filter(EmulatedStation::isAccepted).count();
      running = fleet.everBuilt();
      int transactions = running.stream().mapToInt(EmulatedStation::transactionsStarted).sum();
      int count = fleet.ids().size();
      Duration took = stopAll(fleet.detachAll(), console);
      stationThreads.close();
      FleetSummary done =
          observer.stopped(
              took,
              FleetSummary.of(
                  part.toString(),
                  running.size(),
                  running.stream().filter(EmulatedStation::everAccepted).count(),
                  transactions));
      if (summary != null) {
        done.write(summary);
      }
      if (sandbox != null) {
        sandbox.close();
        sandboxScheduler.close();
      }
      console.line(
          "emulator",
          "stopped: "
              + count
              + " station(s), "
              + accepted
              + " accepted, "
              + transactions
              + " transaction(s) started");
      int outcome = outcome(running, base, console);
      exitCode.set(scenarioPassed ? outcome : ScenarioRun.FAILED);
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // already shutting down: the hook is running
      }
    }
    return exitCode.get();
  }

  /** One {@code --template} entry: a template and how many stations of it. */
  record TemplateUse(String source, int count) {
    static TemplateUse of(String entry) {
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.substring(colon + 1).matches("\\d{1,5}")) {
        int count = Integer.parseInt(entry.substring(colon + 1));
        if (count < 1) {
          throw new UsageException("--template " + entry + ": the count must be at least 1");
        }
        return new TemplateUse(entry.substring(0, colon), count);
      }
      return new TemplateUse(entry, 1);
    }
  }

  /**
   * The templates of {@code --template}, by the source given (a bundled name or a file), read once
   * (a bad one: exit 2 naming it).
   */
  private Map<String, StationTemplate> templates() {
    if (loadedTemplates == null) {
      Map<String, StationTemplate> out = new java.util.LinkedHashMap<>();
      for (String entry : template == null ? List.<String>of() : template) {
        TemplateUse use = TemplateUse.of(entry);
        StationTemplate t;
        try {
          t = TemplateParser.load(use.source());
        } catch (TemplateParser.TemplateException e) {
          throw new UsageException("--template " + use.source() + ": " + e.getMessage());
        }
        for (StationTemplate other : out.values()) {
          if (other.name().equals(t.name()) && !out.containsKey(use.source())) {
            throw new UsageException(
                "--template " + use.source() + ": another template is named " + t.name());
          }
        }
        out.put(use.source(), t);
      }
      loadedTemplates = out;
    }
    return loadedTemplates;
  }

  /** What the control API may add stations from: the bundled templates and the run's. */
  private List<String> templateNames() {
    List<String> names = new ArrayList<>(TemplateParser.BUNDLED);
    templates().values().stream()
        .map(StationTemplate::name)
        .filter(n -> !names.contains(n))
        .forEach(names::add);
    return names;
  }

  /** A template of the run, or a bundled one the control API names. */
  private StationTemplate template(String name) {
    return templates().values().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseGet(() -> TemplateParser.bundled(name));
  }

  /** Station {@code i} (1-based) as {@code t} describes it. */
  private EmulatedStation newStation(
      int i, URI base, Console console, StationTemplate t, EmulatedStation.Timebase timebase) {
    String id = stationId(i);
    Path dir = stateDir == null ? null : stateDir.resolve(FrameTrace.safeFileName(id));
    int profile = t.securityProfile() != null ? t.securityProfile() : securityProfile;
    EmulatedStation station =
        new EmulatedStation(
            transportConfig(base, id, t.protocol(), profile),
            console,
            trace == null ? null : new FrameTrace(trace, id, Clock.systemUTC()),
            trace == null ? null : new PilotTrace(trace, id),
            dir,
            METER_INTERVAL,
            t.evBehaviour(),
            resumeAfterPowerLoss,
            seed * 7919 + i,
            timebase,
            tokenType(),
            t.design(id, i));
    if ("none".equals(evMode) || !t.ev().random()) {
      station.noRandomEvs();
    }
    return withTransferModes(station);
  }

  /** The control plane with --control-port: the API, the event stream, the dashboard. */
  private @Nullable ControlPlane controlPlane(RunFleet fleet, Console console) {
    if (controlPort == null && scenarioFile == null) {
      return null;
    }
    ControlPlane control = ControlPlane.of(fleet, Clock.systemUTC());
    if (controlPort == null) {
      return control; // a scenario's: events and operations, no HTTP
    }
    try {
      URI uri = control.serve(controlHost, controlPort, controlToken);
      console.line(
          "control",
          "control API, event stream and dashboard on "
              + uri
              + " (OpenAPI: "
              + uri.resolve("openapi.json")
              + ")");
    } catch (RuntimeException e) {
      control.close();
      throw new UsageException(
          "--control-port "
              + controlPort
              + ": cannot listen on "
              + controlHost
              + " ("
              + e.getMessage()
              + ")");
    }
    return control;
  }

  /**
   * Stops every station at once: each ends its transactions, waits for the CSMS to confirm them,
   * closes its connection and persists its state, all without a thread of its own.
   */
  private static Duration stopAll(List<EmulatedStation> running, Console console) {
    long start = System.nanoTime();
    // When each station was done, to tell a slow fleet from a few stragglers.
    long[] doneAfter = new long[running.size()];
    java.util.Arrays.fill(doneAfter, -1);
    CompletableFuture<?>[] closing = new CompletableFuture<?>[running.size()];
    for (int i = 0; i < closing.length; i++) {
      int station = i;
      closing[i] =
          running
              .get(i)
              .closeAsync()
              .whenComplete((ignored, error) -> doneAfter[station] = System.nanoTime() - start);
    }
    try {
      CompletableFuture.allOf(closing).get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      long open = java.util.Arrays.stream(closing).filter(f -> !f.isDone()).count();
      console.line(
          "emulator", open + " station(s) did not stop within " + STOP_BOUND.toSeconds() + " s");
    } catch (ExecutionException e) {
      console.line("emulator", "a station did not stop cleanly: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (running.size() > 1) {
      console.line(
          "emulator",
          String.format(
              Locale.ROOT,
              "%d station(s) stopped in %.1f s%s",
              running.size(),
              took.toMillis() / 1000.0,
              stopSpread(doneAfter)));
    }
    return took;
  }

  /** " (half of them within A s, 90 % within B s, 99 % within C s)" over the stations done. */
  static String stopSpread(long[] doneAfterNanos) {
    long[] done = java.util.Arrays.stream(doneAfterNanos).filter(t -> t >= 0).sorted().toArray();
    if (done.length < 10) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        " (half of them within %.1f s, 90 %% within %.1f s, 99 %% within %.1f s)",
        done[(done.length - 1) / 2] / 1e9,
        done[(int) Math.ceil(done.length * 0.9) - 1] / 1e9,
        done[(int) Math.ceil(done.length * 0.99) - 1] / 1e9);
  }

  /**
   * 0 when the CSMS accepted at least one station during the run; otherwise 1, with a line that
   * names the URL and why (the last connection failure or refused BootNotification), so that a
   * script or a CI job notices that nothing connected.
   */
  private static int outcome(List<EmulatedStation> stations, URI csmsUrl, Console console) {
    if (stations.isEmpty() || stations.stream().anyMatch(EmulatedStation::everAccepted)) {
      return 0;
    }
    String why =
        stations.stream()
            .map(EmulatedStation::lastProblem)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElse("no answer to the BootNotification");
    console.line(
        "emulator", "no station was accepted by the CSMS at " + csmsUrl + " (" + why + ")");
    return picocli.CommandLine.ExitCode.SOFTWARE;
  }

  /**
   * On SIGTERM or Ctrl-C the JVM runs this hook: it asks the run to {@code stop}, holds the JVM
   * until the stations closed ({@code stopped}), then ends it with the run's own exit code (a
   * signal is a normal stop; the JVM would otherwise exit with 143).
   */
  private static Thread shutdownHook(
      CountDownLatch stop, CountDownLatch stopped, AtomicInteger exitCode) {
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                if (stopped.await(STOP_BOUND.toSeconds() + 10, TimeUnit.SECONDS)) {
                  System.out.flush();
                  System.err.flush();
                  Runtime.getRuntime().halt(exitCode.get());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /**
   * {@code --speed} other than 1: the stations, their EVs, the site and an in-memory sandbox CSMS
   * all run on one virtual-time scheduler, driven as fast as the machine allows ({@code max}) or
   * paced at {@code factor} simulated seconds per wall-clock second.
   */
  private int runVirtual(OcppVersion version, double factor, SiteFile siteFile)
      throws InterruptedException {
    ZoneId zone = siteFile == null ? ZoneOffset.UTC : siteFile.zone();
    Instant start =
        siteFile != null && siteFile.start() != null
            ? siteFile.start()
            : LocalDate.now(zone).atStartOfDay(zone).toInstant();
    VirtualScheduler clock = new VirtualScheduler(start);
    Console console = console(clock.clock());
    // Its 2.1 stations price their transactions with its list, as in real time.
    SandboxCsms sandbox =
        SandboxCsms.inMemory(console, new VirtualStationThread(clock), clock.clock(), false)
            .defaultTariff();
    console.line(
        "sandbox",
        "in-memory CSMS (OCPP 2.0.1, 1.6 and 2.1), virtual time from "
            + DateTimeFormatter.ISO_INSTANT.format(start));
    v2gPeak(siteFile, sandbox, version, console);
    derCurves(siteFile, sandbox, version, console);
    console.line(
        "emulator",
        "virtual time: console lines carry simulated time, log lines wall-clock time"
            + " (marked 'wall')");
    URI base = URI.create("ws://127.0.0.1/in-memory");
    List<EmulatedStation> running = new ArrayList<>();
    SiteSimulation simulation = null;
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger();
    Thread hook = shutdownHook(stop, stopped, exitCode);
    long wallStart = System.nanoTime();
    RunFleet fleet =
        new RunFleet(
            this::stationId,
            (i, template, moved) -> {
              InMemoryTransport.Link link =
                  InMemoryTransport.pair(version, task -> clock.schedule(LINK_LATENCY, task));
              sandbox.accept(link.csms(), stationId(i), version);
              return newStation(
                  i,
                  base,
                  version,
                  console,
                  siteFile,
                  new EmulatedStation.Timebase(
                      clock.clock(), new VirtualStationThread(clock), t -> link.station()),
                  VIRTUAL_METER_INTERVAL);
            },
            List.of(),
            "in virtual time the stations are fixed");
    showFrames(fleet, console);
    // A scenario runs on the virtual clock too, its events handed on as they happen.
    ControlPlane control =
        scenarioFile == null ? null : ControlPlane.virtualTime(fleet, clock.clock());
    ScenarioRun scenarioRun =
        control == null
            ? null
            : ScenarioRun.start(
                scenarioFile, scenarioReport, control, clock, console, stop::countDown);
    boolean scenarioPassed = true;
    try {
      for (int i = 1; i <= stations; i++) {
        running.add(fleet.launch(RunFleet.DEFAULT_TEMPLATE));
      }
      if (siteFile != null) {
        simulation = startSite(siteFile, running, new VirtualStationThread(clock), console, null);
      }
      console.line(
          "emulator",
          stations
              + " station(s) started, "
              + version.subprotocol()
              + ", speed "
              + speed
              + (duration == null
                  ? "; Ctrl-C stops"
                  : "; stopping after " + duration.toSeconds() + " simulated s"));
      Instant end = duration == null ? null : start.plus(duration);
      ProgressBar progress = ProgressBar.onTerminal("simulating");
      while (stop.getCount() > 0 && (end == null || clock.now().isBefore(end))) {
        if (end != null) {
          progress.show(
              Duration.between(start, clock.now()).toMillis() / (double) duration.toMillis(),
              DateTimeFormatter.ISO_INSTANT.format(clock.now()));
        }
        Instant target;
        if (Double.isInfinite(factor)) {
          target = clock.now().plus(Duration.ofMinutes(1));
        } else {
          stop.await(10, TimeUnit.MILLISECONDS);
          long simulatedNanos = (long) ((System.nanoTime() - wallStart) * factor);
          target = start.plusNanos(simulatedNanos);
        }
        clock.runUntil(end != null && target.isAfter(end) ? end : target);
      }
      progress.done();
    } finally {
      if (scenarioRun != null) {
        scenarioPassed = scenarioRun.finish();
        control.close();
      }
      if (simulation != null) {
        simulation.close();
        console.line("site", simulation.summary());
      }
      Duration simulated = Duration.between(start, clock.now());
      // Open transactions end (reason Reboot) and reach the sandbox before the stations close.
      running.forEach(s -> s.runtime().station().shutdown());
      clock.advance(Duration.ofSeconds(10));
      long accepted = running.stream().filter(EmulatedStation::isAccepted).count();
      int transactions = running.stream().mapToInt(EmulatedStation::transactionsStarted).sum();
      running.forEach(EmulatedStation::close);
      clock.advance(Duration.ofSeconds(5));
      sandbox.close();
      console.line(
          "emulator",
          String.format(
              Locale.ROOT,
              "stopped: %d station(s), %d accepted, %d transaction(s) started; %s simulated in"
                  + " %.1f s",
              running.size(),
              accepted,
              transactions,
              simulated,
              (System.nanoTime() - wallStart) / 1e9));
      int outcome = outcome(running, base, console);
      exitCode.set(scenarioPassed ? outcome : ScenarioRun.FAILED);
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // already shutting down
      }
    }
    return exitCode.get();
  }

  private SiteSimulation startSite(
      SiteFile siteFile,
      List<EmulatedStation> running,
      TaskScheduler scheduler,
      Console console,
      SiteSimulation.@Nullable Observer observer) {
    SiteSimulation simulation =
        new SiteSimulation(
            siteFile, running, scheduler, trace == null ? null : new SiteTrace(trace), console);
    simulation.observer(observer);
    simulation.start();
    return simulation;
  }

  /**
   * The site's V2G peak: the sandbox asks the EVs to feed back in it (OCPP 2.1, ISO 15118-20 BPT);
   * says so when the run cannot (another CSMS, another version, no {@code --hlc}).
   */
  private void v2gPeak(
      @Nullable SiteFile siteFile,
      @Nullable SandboxCsms sandbox,
      OcppVersion version,
      Console console) {
    SiteFile.V2gPeak peak = siteFile == null ? null : siteFile.v2g();
    if (peak == null) {
      return;
    }
    if (sandbox == null) {
      console.line(
          "site", "the v2g peak is the sandbox's programme; with --csms your CSMS decides");
      return;
    }
    if (version != OcppVersion.V21 || !hlc) {
      console.line(
          "site", "the v2g peak needs --protocol ocpp2.1 and --hlc: no EV feeds back in this run");
      return;
    }
    sandbox.discharge(
        new SandboxCsms.DischargeWindow(
            peak.from(), peak.until(), peak.dischargeA(), siteFile.zone()));
    console.line(
        "site",
        String.format(
            java.util.Locale.ROOT,
            "v2g peak %s-%s: the sandbox asks V2G EVs for %.1f A each (OCPP 2.1 CentralSetpoint)",
            peak.from(),
            peak.until(),
            peak.dischargeA()));
  }

  /**
   * The site's DER curves ({@code grid.der}): the sandbox sets them on its 2.1 stations once it
   * accepts their boot; says so when the run cannot (another CSMS, another version).
   */
  private void derCurves(
      @Nullable SiteFile siteFile,
      @Nullable SandboxCsms sandbox,
      OcppVersion version,
      Console console) {
    GridModel grid = siteFile == null ? null : siteFile.grid();
    if (grid == null || grid.der().isEmpty()) {
      return;
    }
    if (sandbox == null) {
      console.line(
          "site", "the grid's der curves are the sandbox's; with --csms your CSMS decides");
      return;
    }
    if (version != OcppVersion.V21) {
      console.line(
          "site",
          "the grid's der curves need --protocol ocpp2.1: no station gets them in this run");
      return;
    }
    sandbox.derCurves(grid.der(), siteFile.zone());
    console.line(
        "site",
        "der: the sandbox sets "
            + grid.der().stream()
                .map(c -> c.id() + " (" + c.type().value() + ")")
                .collect(java.util.stream.Collectors.joining(", "))
            + " on each station (OCPP 2.1 SetDERControl)");
  }

  /**
   * How a site's stations treat their EVs: the site brings them (no random ones); with {@code
   * --hlc} they speak ISO 15118 on EVSEs that can feed back, so a V2G EV may discharge when a 2.1
   * profile asks; null without {@code --hlc} (they read the duty cycle).
   */
  private EmulatedStation.@Nullable EvBehaviour siteEvs(@Nullable SiteFile siteFile) {
    if (siteFile == null) {
      return evBehaviour();
    }
    return hlc ? evBehaviour().withBidirectionalEvses(true) : null;
  }

  /** The EVs of a station without a site file. */
  EmulatedStation.EvBehaviour evBehaviour() {
    return EmulatedStation.EvBehaviour.defaults().withHlc(hlc);
  }

  /** How often the stations sample meter values in real time (a CSMS may change it). */
  Duration meterInterval() {
    return METER_INTERVAL;
  }

  Shard shard() {
    return shard == null ? Shard.WHOLE : Shard.parse(shard);
  }

  private String stationId(int i) {
    return String.format("%s%03d", idPrefix, i);
  }

  /** Station {@code i} (1-based); its EVs come from the site when there is one. */
  private EmulatedStation newStation(
      int i,
      URI base,
      OcppVersion version,
      Console console,
      @Nullable SiteFile siteFile,
      EmulatedStation.Timebase timebase,
      Duration meterInterval) {
    String id = stationId(i);
    Path dir = stateDir == null ? null : stateDir.resolve(FrameTrace.safeFileName(id));
    TransportConfig config = transportConfig(base, id, version);
    Function<TaskScheduler, OcppTransport> link = observer.link(config);
    if (timebase.transport() == null && link != null) {
      timebase = new EmulatedStation.Timebase(timebase.clock(), timebase.thread(), link);
    }
    EmulatedStation station =
        new EmulatedStation(
            config,
            connectors,
            console,
            trace == null ? null : new FrameTrace(trace, id, timebase.clock()),
            trace == null ? null : new PilotTrace(trace, id),
            dir,
            meterInterval,
            siteEvs(siteFile),
            resumeAfterPowerLoss,
            seed * 7919 + i,
            timebase,
            tokenType());
    if ("none".equals(evMode) || siteFile != null) {
      station.noRandomEvs();
    }
    if (expiredCertificate) {
      station.expiredCertificateAtStart();
    }
    return withTransferModes(station);
  }

  /** {@code --speed}: simulated seconds per wall-clock second; infinity for {@code max}. */
  private double speedFactor() {
    double factor;
    if ("max".equals(speed)) {
      factor = Double.POSITIVE_INFINITY;
    } else {
      try {
        factor = Double.parseDouble(speed);
      } catch (NumberFormatException e) {
        throw new UsageException("--speed must be a number or max, not '" + speed + "'");
      }
      if (!(factor > 0) || factor > 1_000_000) {
        throw new UsageException("--speed must be above 0 and at most 1000000, or max");
      }
    }
    if (factor != 1 && csms != null) {
      throw new UsageException(
          "--speed "
              + speed
              + " runs in simulated time, which only the built-in sandbox CSMS follows; against"
              + " --csms use --speed 1");
    }
    return factor;
  }

  private @Nullable SiteFile readSite() {
    if (site == null) {
      return null;
    }
    for (String flag : List.of("--stations", "--connectors")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        throw new UsageException(flag + " does not go with --site: the site file lists the EVSEs");
      }
    }
    if (!Files.isReadable(site)) {
      throw new UsageException("--site " + site + " is not a readable file");
    }
    try {
      return SiteFileParser.read(site);
    } catch (SiteFileParser.SiteFileException e) {
      throw new UsageException("--site " + site + ": " + e.getMessage());
    }
  }

  private EmulatedToken.Type tokenType() {
    return EmulatedToken.Type.byName(tokenType)
        .orElseThrow(
            () ->
                new UsageException(
                    "--token-type must be one of "
                        + EmulatedToken.Type.names()
                        + ", not '"
                        + tokenType
                        + "'"));
  }

  private OcppVersion validate() {
    OcppVersion version =
        OcppVersion.fromSubprotocol(protocol)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--protocol must be ocpp1.6, ocpp2.0.1 or ocpp2.1, not '"
                            + protocol
                            + "'"));
    Shard part = shard();
    if (part == Shard.WHOLE && (stations < 1 || stations > 10_000)) {
      throw new UsageException("--stations must be between 1 and 10000, not " + stations);
    }
    if (part != Shard.WHOLE) {
      if (stations < part.count() || stations > 1_000_000) {
        throw new UsageException(
            "--stations with --shard "
                + part
                + " is the whole fleet: between "
                + part.count()
                + " and 1000000, not "
                + stations);
      }
      if (part.size(stations) > 10_000) {
        throw new UsageException(
            "--shard "
                + part
                + " of "
                + stations
                + " stations gives this process "
                + part.size(stations)
                + "; at most 10000 run in one process: use more shards");
      }
      if (!"1".equals(speed) || site != null) {
        throw new UsageException("--shard runs a fleet in real time: not with --speed or --site");
      }
    }
    if (connectors < 1 || connectors > 64) {
      throw new UsageException("--connectors must be between 1 and 64, not " + connectors);
    }
    if (idPrefix.isBlank() || idPrefix.contains(":") || idPrefix.length() > 45) {
      throw new UsageException("--id-prefix must be 1 to 45 characters without ':'");
    }
    if (stateDir != null) {
      try {
        Files.createDirectories(stateDir);
      } catch (java.io.IOException e) {
        throw new UsageException(
            "--state-dir " + stateDir + " cannot be created: " + e.getMessage());
      }
      if (!Files.isWritable(stateDir)) {
        throw new UsageException("--state-dir " + stateDir + " is not writable");
      }
    }
    if (securityProfile < 0 || securityProfile > 3) {
      throw new UsageException("--security-profile must be 0, 1, 2 or 3, not " + securityProfile);
    }
    tokenType();
    Ramp.parse(ramp);
    validateControl();
    validateTemplates();
    readScenario();
    if (csms != null) {
      try {
        URI uri = new URI(csms);
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
          throw new UsageException("--csms must be a ws:// or wss:// URL, not '" + csms + "'");
        }
      } catch (URISyntaxException e) {
        throw new UsageException("--csms is not a URL: " + e.getMessage());
      }
    }
    checkSecurity(securityProfile);
    for (StationTemplate t : templates().values()) {
      Integer profile = t.securityProfile();
      if (profile != null && profile != securityProfile) {
        try {
          checkSecurity(profile);
        } catch (UsageException e) {
          throw new UsageException(
              "--template " + t.name() + " (securityProfile " + profile + "): " + e.getMessage());
        }
      }
    }
    return version;
  }

  /** What security profile {@code profile} needs from the other flags. */
  private void checkSecurity(int profile) {
    if (csms != null) {
      boolean tls = csms.startsWith("wss:");
      if (profile >= 2 && !tls) {
        throw new UsageException(
            "--security-profile "
                + profile
                + " needs a wss:// --csms URL (no fallback to plain ws)");
      }
      if (profile < 2 && tls) {
        throw new UsageException("a wss:// --csms URL needs --security-profile 2 or 3");
      }
    } else if (profile >= 2) {
      throw new UsageException(
          "--security-profile " + profile + " needs --csms: the sandbox CSMS serves plain ws only");
    } else if (profile == 1) {
      throw new UsageException(
          "--security-profile 1 needs --csms: the sandbox CSMS does not check passwords");
    }
    if ((profile == 1 || profile == 2) && (password == null || password.isEmpty())) {
      throw new UsageException("--password is required with --security-profile " + profile);
    }
    if (profile >= 2) {
      requireFile(caCert, "--ca-cert");
    }
    if (profile == 3) {
      requireFile(clientCert, "--client-cert");
      requireFile(clientKey, "--client-key");
    }
  }

  private void readScenario() {
    if (scenario == null) {
      return;
    }
    if (!Files.isReadable(scenario)) {
      throw new UsageException("--scenario " + scenario + " is not a readable file");
    }
    try {
      scenarioFile = ScenarioParser.read(scenario);
    } catch (ScenarioParser.ScenarioException e) {
      throw new UsageException("--scenario " + scenario + ": " + e.getMessage());
    }
  }

  private void validateTemplates() {
    if (template == null) {
      return;
    }
    for (String flag : List.of("--stations", "--connectors", "--protocol", "--site", "--hlc")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        throw new UsageException(
            flag + " does not go with --template: the templates say what the stations are");
      }
    }
    if (!"1".equals(speed)) {
      throw new UsageException("--template runs in real time only; leave out --speed " + speed);
    }
    int total = 0;
    for (String entry : template) {
      total += TemplateUse.of(entry).count();
    }
    if (total > 10_000) {
      throw new UsageException("--template: at most 10000 stations in all, not " + total);
    }
    templates();
  }

  private void validateControl() {
    if (!"random".equals(evMode) && !"none".equals(evMode)) {
      throw new UsageException("--ev-mode must be random or none, not '" + evMode + "'");
    }
    if (controlPort == null) {
      return;
    }
    if (controlPort < 0 || controlPort > 65_535) {
      throw new UsageException("--control-port must be between 0 and 65535, not " + controlPort);
    }
    if (controlToken != null && controlToken.isBlank()) {
      throw new UsageException("--control-token must not be empty");
    }
    if (controlToken == null && !ControlServer.isLoopback(controlHost)) {
      throw new UsageException(
          "--control-host "
              + controlHost
              + " is not a loopback address: --control-token is required, so that only who holds"
              + " it can drive the stations");
    }
    if (!"1".equals(speed)) {
      throw new UsageException("--control-port runs in real time only; leave out --speed " + speed);
    }
  }

  private static void requireFile(Path file, String flag) {
    if (file == null) {
      throw new UsageException(flag + " is required for this security profile");
    }
    if (!Files.isReadable(file)) {
      throw new UsageException(flag + " " + file + " is not a readable file");
    }
  }

  private TransportConfig transportConfig(URI base, String id, OcppVersion version) {
    return transportConfig(base, id, version, securityProfile);
  }

  private TransportConfig transportConfig(
      URI base, String id, OcppVersion version, int securityProfile) {
    TransportConfig.Builder b =
        TransportConfig.builder()
            .csmsUrl(base)
            .stationId(id)
            .ocppVersions(version)
            .securityProfile(securityProfile);
    if (password != null) {
      b.basicAuthPassword(password);
    }
    if (caCert != null && securityProfile >= 2) {
      b.trustedCertificates(caCert);
    }
    if (securityProfile == 3) {
      b.clientCertificate(clientCert, clientKey);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
