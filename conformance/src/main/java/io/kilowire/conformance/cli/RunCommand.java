package io.kilowire.conformance.cli;

import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.driver.CsmsDriver;
import io.kilowire.conformance.driver.Drivers;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.lab.LabConfigurationParser;
import io.kilowire.conformance.report.Reports;
import io.kilowire.conformance.report.RunInfo;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.SuiteRunner;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.conformance.sandbox.SandboxDriver;
import io.kilowire.conformance.sandbox.SandboxFeatures;
import io.kilowire.conformance.sandbox.SandboxSetup;
import io.kilowire.conformance.wire.RealClockwork;
import io.kilowire.conformance.wire.WebSocketConnector;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.runtime.ExecutorTaskScheduler;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: runs the cases against a CSMS, or against the built-in sandbox. */
@Command(
    name = "run",
    description = {
      "Runs the conformance cases against a CSMS and writes junit.xml, results.json,",
      "report.html and a <case>.ocpp.jsonl trace per case. Without --csms and --config it",
      "tests the built-in sandbox CSMS with its built-in driver.",
      "Exit status: 0 nothing FAILed or ERRORed, 1 some case did, 2 bad usage."
    },
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  @Mixin LabOptions lab;

  @Option(
      names = "--cases",
      split = ",",
      paramLabel = "IDS",
      description = "Case ids to run, * as wildcard, e.g. TC_B_*,TC_K_01_CSMS. Default: all.")
  @Nullable List<String> cases;

  @Option(
      names = "--profiles",
      split = ",",
      paramLabel = "PROFILES",
      description = "Certification profiles to run, e.g. Core,SmartCharging. Default: all.")
  @Nullable List<String> profiles;

  @Option(
      names = "--driver",
      paramLabel = "prompt|exec:CMD|http:URL",
      description = "How trigger steps reach the CSMS. Default: the configuration's, else prompt.")
  @Nullable String driver;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      defaultValue = "conformance-report",
      description = "Where the reports go. Default: ${DEFAULT-VALUE}.")
  Path report = Path.of("conformance-report");

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    LabConfiguration configured = lab.resolve(driver);
    OcppVersion version =
        configured != null
            ? configured.protocol()
            : lab.protocolFlag() == null ? OcppVersion.V201 : lab.protocolFlag();
    List<ConformanceCase> selected =
        LabOptions.select(CaseCatalogue.cases(version), cases, profiles);
    if (selected.isEmpty()) {
      throw new UsageException("no case of " + version.subprotocol() + " is selected");
    }
    try (RealClockwork clock = new RealClockwork();
        Sandbox sandbox = configured == null ? Sandbox.start(version) : null) {
      LabConfiguration run = configured != null ? configured : sandbox.lab(driver);
      CsmsDriver csmsDriver = driverFor(run, sandbox);
      out.println(
          "Testing "
              + (sandbox != null ? "the built-in sandbox CSMS at " : "")
              + run.csms()
              + " ("
              + version.subprotocol()
              + ", driver "
              + csmsDriver.describe()
              + "), "
              + selected.size()
              + " case(s)");
      out.flush();
      WebSocketConnector connector =
          new WebSocketConnector(run.csms(), version, clock.scheduler(), run.timeouts().response());
      Instant started = Instant.now();
      SuiteRunner runner =
          new SuiteRunner(
              run,
              connector,
              csmsDriver,
              clock,
              report,
              CaseCatalogue::cleanup,
              new ConsoleProgress(out));
      List<CaseResult> results = runner.run(selected);
      Reports.write(
          report,
          new RunInfo(run.csms().toString(), version.subprotocol(), csmsDriver.describe(), started),
          results);
      return summarize(out, results);
    }
  }

  private CsmsDriver driverFor(LabConfiguration run, @Nullable Sandbox sandbox) {
    if (run.driver().equals("builtin")) {
      if (sandbox == null) {
        throw new UsageException("driver builtin: only the built-in sandbox has one");
      }
      return new SandboxDriver(sandbox.csms);
    }
    try {
      return Drivers.parse(run.driver(), System.out, run.timeouts().trigger());
    } catch (IllegalArgumentException e) {
      throw new UsageException("driver: " + e.getMessage());
    }
  }

  private int summarize(PrintWriter out, List<CaseResult> results) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (CaseResult r : results) {
      counts.merge(r.verdict(), 1, Integer::sum);
    }
    StringBuilder line = new StringBuilder().append(results.size()).append(" case(s):");
    for (Verdict v : Verdict.values()) {
      if (counts.containsKey(v)) {
        line.append(' ').append(counts.get(v)).append(' ').append(v.name());
      }
    }
    out.println(line);
    out.println(
        "Reports: "
            + report.resolve("report.html")
            + ", junit.xml, results.json and <case>.ocpp.jsonl in "
            + report);
    out.flush();
    return counts.getOrDefault(Verdict.FAIL, 0) + counts.getOrDefault(Verdict.ERROR, 0) > 0 ? 1 : 0;
  }

  /** The built-in sandbox on 127.0.0.1, set up from the default configuration. */
  static final class Sandbox implements AutoCloseable {
    final SandboxCsms csms;
    private final ExecutorTaskScheduler scheduler;
    private final OcppVersion version;
    private final LabConfiguration.Contracts contracts;

    private Sandbox(
        SandboxCsms csms,
        ExecutorTaskScheduler scheduler,
        OcppVersion version,
        LabConfiguration.Contracts contracts) {
      this.csms = csms;
      this.scheduler = scheduler;
      this.version = version;
      this.contracts = contracts;
    }

    static Sandbox start(OcppVersion version) {
      ExecutorTaskScheduler scheduler = ExecutorTaskScheduler.singleThread("sandbox", Map.of());
      Console quiet = new Console(new PrintStream(OutputStream.nullOutputStream()));
      SandboxCsms csms = new SandboxCsms(quiet, scheduler, Clock.systemUTC(), 0);
      LabConfiguration.Contracts contracts = SandboxSetup.freshContracts();
      SandboxSetup.apply(
          csms, defaults(version, java.net.URI.create("ws://127.0.0.1:1/"), contracts));
      csms.start();
      return new Sandbox(csms, scheduler, version, contracts);
    }

    LabConfiguration lab(@Nullable String driverFlag) {
      LabConfiguration lab = defaults(version, csms.uri(), contracts);
      return driverFlag == null ? lab : lab.withDriver(driverFlag);
    }

    private static LabConfiguration defaults(
        OcppVersion version, java.net.URI uri, LabConfiguration.Contracts contracts) {
      LabConfiguration lab =
          LabConfigurationParser.defaults(uri, version, "builtin", SandboxFeatures.ALL)
              .withContracts(contracts);
      // The demo should take seconds: the sandbox answers at once, and neither meter values nor
      // an expiring reservation need a realistic time.
      return lab.withTimeouts(
          lab.timeouts()
              .withMeterValues(java.time.Duration.ofSeconds(1))
              .withReservation(java.time.Duration.ofSeconds(3)));
    }

    @Override
    public void close() {
      csms.close();
      scheduler.close();
    }
  }

  /** {@code [ 37/212] TC_E_07_CSMS PASS 1.2 s}, and the reason of anything but a PASS. */
  private static final class ConsoleProgress implements SuiteRunner.Progress {
    private final PrintWriter out;

    ConsoleProgress(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void finished(int index, int total, CaseResult r) {
      int width = String.valueOf(total).length();
      out.println(
          String.format(
              Locale.ROOT,
              "[%" + width + "d/%d] %-14s %-14s %.1f s",
              index,
              total,
              r.kase().id(),
              r.verdict().name(),
              r.duration().toMillis() / 1000.0));
      if (r.verdict() != Verdict.PASS) {
        out.println("           " + r.reason());
      }
      out.flush();
    }
  }
}
