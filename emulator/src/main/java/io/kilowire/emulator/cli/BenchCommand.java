package io.kilowire.emulator.cli;

import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.transport.JdkWebSocketTransport;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.core.transport.TransportConfig;
import io.kilowire.emulator.bench.CallTimer;
import io.kilowire.emulator.bench.FleetMetrics;
import io.kilowire.emulator.bench.FleetReport;
import io.kilowire.emulator.bench.FleetSummary;
import io.kilowire.emulator.bench.ProcessStats;
import io.kilowire.emulator.bench.SinkProcess;
import io.kilowire.emulator.cli.EmulatorCli.UsageException;
import io.kilowire.emulator.station.EmulatedStation;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: a {@code run} with instruments, for load figures, not a test. Without {@code
 * --csms} it starts a sink CSMS in a JVM of its own (the quiet sandbox on our NIO server), so the
 * figures are the stations' alone. It prints a line every {@code --report-every} and at the end:
 * stations booted and the time to boot them all, then for the steady phase (from the last boot to
 * the stop) CALLs per second, the CALL round trip's percentiles, CPU seconds per wall-clock second,
 * peak resident memory, threads, and how long stopping them all took.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs stations as 'run' does, against a sink CSMS in its own JVM (or --csms), and measures:"
          + " boots, CALLs per second, CALL round trip (p50/p99/max), CPU, memory, threads.",
      "Takes the options of 'run'; --duration defaults to 3m here."
    })
final class BenchCommand extends RunCommand {
  private static final Duration DEFAULT_DURATION = Duration.ofMinutes(3);
  private static final long TICK_MILLIS = 250;

  @Option(
      names = "--session",
      paramLabel = "10m",
      converter = DurationConverter.class,
      defaultValue = "10m",
      description =
          "How long an EV stays on average (each stay 0.5 to 1.5 times this; default:"
              + " ${DEFAULT-VALUE}).")
  Duration session;

  @Option(
      names = "--gap",
      paramLabel = "2m",
      converter = DurationConverter.class,
      defaultValue = "2m",
      description =
          "How long an EVSE stays free between EVs on average; the first EV comes after half"
              + " this (default: ${DEFAULT-VALUE}).")
  Duration gap;

  @Option(
      names = "--sink-ping",
      paramLabel = "60s",
      converter = DurationConverter.OrNever.class,
      defaultValue = "60s",
      description =
          "How often the sink CSMS pings each station; its server pings all connections in one"
              + " sweep. 0: never (the stations' own pings go on). Default: ${DEFAULT-VALUE}.")
  Duration sinkPing;

  @Option(
      names = "--meter-interval",
      paramLabel = "30s",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description = "How often a charging EVSE sends meter values (default: ${DEFAULT-VALUE}).")
  Duration meterEvery;

  @Option(
      names = "--report-every",
      paramLabel = "10s|1m",
      converter = DurationConverter.class,
      defaultValue = "10s",
      description = "A progress line this often (default: ${DEFAULT-VALUE}).")
  Duration reportEvery;

  /**
   * The benchmark's EVs: sessions of minutes, not the seconds that make a short {@code run} lively,
   * so that the load is what a fleet in the field sends (see docs/PERFORMANCE.md).
   */
  @Override
  EmulatedStation.EvBehaviour evBehaviour() {
    EmulatedStation.EvBehaviour d = EmulatedStation.EvBehaviour.defaults();
    return new EmulatedStation.EvBehaviour(
        gap.dividedBy(2), session, gap, d.maxCurrentA(), d.phases(), d.batteryWh(), hlc);
  }

  @Override
  Duration meterInterval() {
    return meterEvery;
  }

  @Override
  public Integer call() throws Exception {
    if (!"1".equals(speed) || site != null) {
      throw new UsageException("bench measures a fleet in real time: not with --speed or --site");
    }
    if (duration == null) {
      duration = DEFAULT_DURATION;
    }
    Console console =
        new Console(
            System.out, Clock.systemUTC(), source -> Set.of("emulator", "bench").contains(source));
    SinkProcess sink = null;
    if (csms == null) {
      // bench/scale sets the sink's JVM flags through the environment, as it sets this JVM's.
      sink =
          SinkProcess.start(
              EmulatorCli.class.getName(), System.getenv("BENCH_SINK_JAVA_OPTS"), sinkPing);
      csms = sink.uri().toString();
      console.line("bench", "sink CSMS (pid " + sink.pid() + ") listening on " + csms);
    }
    Measurement measurement = new Measurement(console, sink, shard().size(stations));
    observer = measurement;
    try {
      return super.call();
    } finally {
      measurement.close();
      if (sink != null) {
        sink.close();
      }
    }
  }

  /** The instruments of one run; its clock ticks on a thread of its own. */
  private final class Measurement implements Observer {
    private final Console console;
    private final @Nullable SinkProcess sink;
    private final int expected;
    private final FleetMetrics metrics = new FleetMetrics();
    private final List<EmulatedStation> stations = new ArrayList<>(); // guarded by itself
    private final ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-clock");
              t.setDaemon(true);
              return t;
            });
    private final Histogram total = new Histogram(3);
    private final Histogram steady = new Histogram(3);
    private @Nullable Histogram interval;
    private final String loadAtStart = loadAverage();
    private long startNanos;
    private long lastReportNanos;
    private long bootedNanos = -1;
    private long stoppingNanos = -1;
    private @Nullable ProcessStats atBoot;
    private @Nullable ProcessStats atStop;
    private long callsAtBoot;
    private long callsAtStop;
    private long lossesAtBoot;
    private long lossesAtStop;
    private Duration sinkCpuAtBoot = Duration.ZERO;
    private Duration sinkCpuAtStop = Duration.ZERO;
    private long gcMillisAtStop;
    private int mostThreads;
    private int mostJavaThreads;
    private boolean started;

    Measurement(Console console, @Nullable SinkProcess sink, int expected) {
      this.console = console;
      this.sink = sink;
      this.expected = expected;
    }

    @Override
    public Console console() {
      return console;
    }

    @Override
    public Function<TaskScheduler, OcppTransport> link(TransportConfig config) {
      return scheduler -> new CallTimer(new JdkWebSocketTransport(config, scheduler), metrics);
    }

    @Override
    public void started(EmulatedStation station) {
      synchronized (stations) {
        stations.add(station);
      }
      if (!started) {
        started = true;
        startNanos = System.nanoTime();
        lastReportNanos = startNanos;
        clock.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      }
    }

    private List<EmulatedStation> stations() {
      synchronized (stations) {
        return List.copyOf(stations);
      }
    }

    /** On the clock's thread: notes the last boot, drains the round trips, reports. */
    private void tick() {
      long now = System.nanoTime();
      if (stoppingNanos >= 0) {
        return;
      }
      ProcessStats stats = ProcessStats.now();
      if (bootedNanos >= 0) {
        mostThreads = Math.max(mostThreads, stats.threads());
        mostJavaThreads = Math.max(mostJavaThreads, stats.javaThreads());
      }
      long booted = stations().stream().filter(EmulatedStation::everAccepted).count();
      if (bootedNanos < 0 && booted >= expected) {
        drain(false);
        bootedNanos = now;
        atBoot = stats;
        callsAtBoot = metrics.calls();
        lossesAtBoot = metrics.losses();
        sinkCpuAtBoot = sinkCpu();
        console.line(
            "bench",
            String.format(
                Locale.ROOT,
                "all %d stations booted %.1f s after the first start; steady phase begins",
                expected,
                (now - startNanos) / 1e9));
      }
      if (now - lastReportNanos >= reportEvery.toNanos()) {
        progress(now, booted, stats);
      }
    }

    private void progress(long now, long booted, ProcessStats stats) {
      double seconds = (now - lastReportNanos) / 1e9;
      lastReportNanos = now;
      long calls = metrics.calls();
      Histogram trips = drain(bootedNanos >= 0);
      console.line(
          "bench",
          String.format(
              Locale.ROOT,
              "+%.0fs booted %d/%d, lost %d, %.0f calls/s, round trip p50 %.2f p99 %.2f max"
                  + " %.2f ms, RSS %.0f MB, heap %.0f MB, threads %d",
              (now - startNanos) / 1e9,
              booted,
              expected,
              metrics.losses(),
              (calls - lastCalls) / seconds,
              trips.getValueAtPercentile(50) / 1000.0,
              trips.getValueAtPercentile(99) / 1000.0,
              trips.getMaxValue() / 1000.0,
              stats.rssBytes() / 1e6,
              stats.heapUsedBytes() / 1e6,
              stats.threads()));
      lastCalls = calls;
    }

    private long lastCalls;

    /** The round trips since the last drain, added to the run's and (steady) to the steady's. */
    private Histogram drain(boolean steadyPhase) {
      Histogram trips = metrics.takeRoundTrips(interval);
      interval = trips;
      total.add(trips);
      if (steadyPhase) {
        steady.add(trips);
      }
      return trips;
    }

    private Duration sinkCpu() {
      return sink == null ? Duration.ZERO : sink.cpu();
    }

    @Override
    public void stopping() {
      try {
        clock
            .submit(
                () -> {
                  stoppingNanos = System.nanoTime();
                  drain(bootedNanos >= 0);
                  atStop = ProcessStats.now();
                  callsAtStop = metrics.calls();
                  lossesAtStop = metrics.losses();
                  sinkCpuAtStop = sinkCpu();
                  gcMillisAtStop = gcMillis();
                })
            .get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        console.line("bench", "could not take the last measurement: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public FleetSummary stopped(Duration took, FleetSummary summary) {
      ProcessStats end = ProcessStats.now();
      ProcessStats stop = atStop != null ? atStop : end;
      ProcessStats boot = atBoot;
      Double bootAll = bootedNanos < 0 ? null : (bootedNanos - startNanos) / 1e9;
      Double steadySeconds = null;
      Long calls = null;
      Double callsPerSecond = null;
      Double cpu = null;
      Double sinkCores = null;
      if (boot != null && stoppingNanos > bootedNanos) {
        double wall = (stoppingNanos - bootedNanos) / 1e9;
        steadySeconds = wall;
        calls = callsAtStop - callsAtBoot;
        callsPerSecond = calls / wall;
        cpu = (stop.cpuNanos() - boot.cpuNanos()) / 1e9 / wall;
        sinkCores = sinkCpuAtStop.minus(sinkCpuAtBoot).toNanos() / 1e9 / wall;
      }
      FleetSummary result =
          new FleetSummary(
              summary.shard(),
              summary.stations(),
              summary.accepted(),
              summary.transactions(),
              bootAll,
              steadySeconds,
              calls,
              callsPerSecond,
              boot == null ? null : lossesAtStop - lossesAtBoot,
              cpu,
              end.peakRssBytes() > 0 ? Long.valueOf(stop.peakRssBytes()) : null,
              mostThreads > 0 ? mostThreads : stop.threads(),
              took.toMillis() / 1000.0,
              steady.getTotalCount() == 0 ? null : FleetSummary.encode(steady));
      console.line(
          "bench",
          String.format(
              Locale.ROOT,
              "===== %d stations, %s, %d connector(s), ramp %s, EV sessions ~%ds and gaps ~%ds,"
                  + " meter values every %ds, %s; %d CPUs, JVM max heap %.0f MB",
              summary.stations(),
              protocol,
              connectors,
              Ramp.parse(ramp),
              session.toSeconds(),
              gap.toSeconds(),
              meterEvery.toSeconds(),
              sink != null ? "sink CSMS pid " + sink.pid() : "CSMS " + csms,
              Runtime.getRuntime().availableProcessors(),
              Runtime.getRuntime().maxMemory() / 1e6));
      FleetReport.lines(result).forEach(line -> console.line("bench", line));
      console.line(
          "bench",
          String.format(
              Locale.ROOT,
              "more              peak RSS at the stop %.1f MB, after it %.1f MB; Java threads %d;"
                  + " sink CSMS %s CPU s per wall-clock s",
              stop.peakRssBytes() / 1e6,
              end.peakRssBytes() / 1e6,
              mostJavaThreads > 0 ? mostJavaThreads : stop.javaThreads(),
              sinkCores == null ? "-" : String.format(Locale.ROOT, "%.3f", sinkCores)));
      if (atStop != null) {
        console.line("bench", "stop work         " + stopWork(took, atStop, end));
      }
      console.line("bench", "calls by action    " + byAction());
      if (metrics.slowCallCount() > 0) {
        console.line("bench", "slow CALLs        " + slowCalls());
      }
      console.line("bench", "garbage collection " + collections());
      console.line(
          "bench",
          "load average      at the start " + loadAtStart + ", at the end " + loadAverage());
      return result;
    }

    /**
     * What the stop did and what it waited for: the CALLs it sent (ended transactions, status) and
     * their round trips, the CPU both JVMs used, and the collectors' pauses meanwhile.
     */
    private String stopWork(Duration took, ProcessStats stop, ProcessStats end) {
      double seconds = Math.max(took.toNanos(), 1) / 1e9;
      Histogram trips = metrics.takeRoundTrips(null);
      return String.format(
          Locale.ROOT,
          "%d CALLs, round trip p50 %.1f p99 %.1f max %.1f ms; CPU s per wall s: emulator"
              + " %.2f, sink %s; collector pauses %.1f s",
          metrics.calls() - callsAtStop,
          trips.getValueAtPercentile(50) / 1000.0,
          trips.getValueAtPercentile(99) / 1000.0,
          trips.getMaxValue() / 1000.0,
          (end.cpuNanos() - stop.cpuNanos()) / 1e9 / seconds,
          sink == null
              ? "-"
              : String.format(
                  Locale.ROOT, "%.2f", sinkCpu().minus(sinkCpuAtStop).toNanos() / 1e9 / seconds),
          (gcMillis() - gcMillisAtStop) / 1000.0);
    }

    /** How many round trips took a second or more; the slowest, with when they were answered. */
    private String slowCalls() {
      List<String> slowest = new ArrayList<>();
      for (FleetMetrics.SlowCall call : metrics.slowCalls()) {
        if (slowest.size() == 5) {
          break;
        }
        slowest.add(
            String.format(
                Locale.ROOT,
                "%s %.1f s (%s %s)",
                call.action(),
                call.millis() / 1000.0,
                call.answered() ? "answered" : "given up",
                java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(
                    call.at().atZone(java.time.ZoneOffset.UTC))));
      }
      return metrics.slowCallCount()
          + " took 1 s or more ("
          + metrics.unansweredCount()
          + " given up by the station without an answer); the slowest: "
          + String.join(", ", slowest);
    }

    private static long gcMillis() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream()
          .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
          .sum();
    }

    /** Per collector: collections and their total time, over the whole run. */
    private String collections() {
      List<String> parts = new ArrayList<>();
      for (java.lang.management.GarbageCollectorMXBean gc :
          ManagementFactory.getGarbageCollectorMXBeans()) {
        parts.add(
            String.format(
                Locale.ROOT,
                "%s %d in %.1f s",
                gc.getName(),
                gc.getCollectionCount(),
                gc.getCollectionTime() / 1000.0));
      }
      return String.join(", ", parts);
    }

    private String byAction() {
      Map<String, Long> counts = metrics.callsByAction();
      long all = counts.values().stream().mapToLong(Long::longValue).sum();
      List<String> parts = new ArrayList<>();
      counts.forEach(
          (action, n) ->
              parts.add(String.format(Locale.ROOT, "%s %.1f%%", action, 100.0 * n / all)));
      return String.join(", ", parts);
    }

    void close() {
      clock.shutdownNow();
    }
  }

  /** The 1, 5 and 15 minute load averages, as uptime prints them. */
  private static String loadAverage() {
    double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try {
      String[] parts =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (java.io.IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", one);
    }
  }
}
