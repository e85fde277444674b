package io.kilowire.conformance;

import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.lab.LabConfigurationParser;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.SuiteRunner;
import io.kilowire.conformance.sandbox.SandboxDriver;
import io.kilowire.conformance.sandbox.SandboxFeatures;
import io.kilowire.conformance.sandbox.SandboxLinks;
import io.kilowire.conformance.sandbox.SandboxSetup;
import io.kilowire.conformance.wire.VirtualClockwork;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import io.kilowire.core.scheduling.VirtualScheduler;
import io.kilowire.core.transport.OcppTransport;
import io.kilowire.emulator.cli.Console;
import io.kilowire.emulator.sandbox.ContractCheck;
import io.kilowire.emulator.sandbox.SandboxCsms;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The suite against the built-in sandbox on in-memory links in virtual time: a whole run takes
 * milliseconds. {@code csmsSide} wraps the sandbox's end of each link, {@code gate} replaces its
 * Basic check and {@code contractCheck} its contract check (a faulty variant).
 */
public final class VirtualSandbox {
  private VirtualSandbox() {}

  /**
   * One contract root for every run of this JVM: the sandbox trusts it, the suite issues under it.
   */
  private static final LabConfiguration.Contracts CONTRACTS = SandboxSetup.freshContracts();

  /**
   * The default configuration with a station on security profile 3 (a link has no TLS, but the
   * certificate-signing cases run on it) and one on 2 (the cases raising it to 3), and a contract
   * root (the C07 cases).
   */
  public static LabConfiguration lab(OcppVersion version) {
    LabConfiguration d =
        LabConfigurationParser.defaults(
            URI.create("ws://127.0.0.1:1/ocpp"), version, "builtin", SandboxFeatures.ALL);
    List<LabConfiguration.Station> stations = new java.util.ArrayList<>(d.stations());
    stations.add(new LabConfiguration.Station("KWC-SP3", 3, null));
    // a station of its own for the upgrade cases: the sandbox keeps it on profile 3 afterwards
    stations.add(new LabConfiguration.Station("KWC-SP2", 2, "kilowire-sandbox-02"));
    return new LabConfiguration(
        d.csms(),
        d.protocol(),
        stations,
        d.evses(),
        d.tokens(),
        d.features(),
        d.driver(),
        d.timeouts(),
        d.identity(),
        d.smartCharging(),
        d.networkProfile(),
        CONTRACTS);
  }

  public static List<CaseResult> run(
      OcppVersion version,
      List<ConformanceCase> cases,
      Function<TaskScheduler, UnaryOperator<OcppTransport>> csmsSide,
      SandboxLinks.@Nullable Gate gate,
      @Nullable ContractCheck contractCheck) {
    return run(version, cases, csmsSide, gate, contractCheck, null);
  }

  /** As above; {@code subprotocols} also replaces how the sandbox picks a subprotocol. */
  public static List<CaseResult> run(
      OcppVersion version,
      List<ConformanceCase> cases,
      Function<TaskScheduler, UnaryOperator<OcppTransport>> csmsSide,
      SandboxLinks.@Nullable Gate gate,
      @Nullable ContractCheck contractCheck,
      SandboxLinks.@Nullable SubprotocolChoice subprotocols) {
    LabConfiguration lab = lab(version);
    VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T08:00:00Z"));
    Console quiet =
        new Console(new PrintStream(OutputStream.nullOutputStream()), scheduler.clock());
    SandboxCsms csms =
        SandboxSetup.apply(SandboxCsms.inMemory(quiet, scheduler, scheduler.clock(), false), lab);
    if (contractCheck != null) {
      csms.contractCheck(contractCheck);
    }
    SandboxLinks links =
        new SandboxLinks(csms, version, scheduler, csmsSide.apply(scheduler), gate);
    if (subprotocols != null) {
      links.subprotocols(subprotocols);
    }
    SuiteRunner runner =
        new SuiteRunner(
            lab,
            links,
            new SandboxDriver(csms),
            new VirtualClockwork(scheduler),
            null,
            CaseCatalogue::cleanup,
            new SuiteRunner.Progress() {});
    return runner.run(cases);
  }

  public static List<CaseResult> run(OcppVersion version) {
    return run(
        version, CaseCatalogue.cases(version), scheduler -> UnaryOperator.identity(), null, null);
  }
}
