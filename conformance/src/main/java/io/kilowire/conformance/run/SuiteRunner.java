package io.kilowire.conformance.run;

import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.driver.CsmsDriver;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.pki.ContractAuthority;
import io.kilowire.conformance.script.Step;
import io.kilowire.conformance.wire.Clockwork;
import io.kilowire.conformance.wire.CsmsConnector;
import io.kilowire.conformance.wire.SchedulerClock;
import io.kilowire.conformance.wire.StationSide;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.transport.FrameObserver;
import io.kilowire.emulator.trace.FrameTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs cases one after another against one CSMS, each on a fresh connection of the station it
 * needs, and collects their results. A case the configuration cannot run is NOT_APPLICABLE without
 * touching the wire.
 */
public final class SuiteRunner {
  /** Progress of a run, e.g. the console's {@code [ 37/212] TC_E_07_CSMS PASS 1.2 s}. */
  public interface Progress {
    default void started(int index, int total, ConformanceCase kase) {}

    default void finished(int index, int total, CaseResult result) {}
  }

  private final LabConfiguration lab;
  private final CsmsConnector connector;
  private final CsmsDriver driver;
  private final Clockwork clock;
  private final @Nullable Path traceDir;
  private final Function<OcppVersion, List<Step>> cleanup;
  private final Progress progress;
  private @Nullable ContractAuthority contracts;

  /**
   * @param traceDir where {@code <case>.ocpp.jsonl} traces go; null: none
   * @param cleanup per version, the steps that end a transaction a case left running
   */
  public SuiteRunner(
      LabConfiguration lab,
      CsmsConnector connector,
      CsmsDriver driver,
      Clockwork clock,
      @Nullable Path traceDir,
      Function<OcppVersion, List<Step>> cleanup,
      Progress progress) {
    this.lab = lab;
    this.connector = connector;
    this.driver = driver;
    this.clock = clock;
    this.traceDir = traceDir;
    this.cleanup = cleanup;
    this.progress = progress;
  }

  public List<CaseResult> run(List<ConformanceCase> cases) {
    List<CaseResult> results = new ArrayList<>();
    try {
      for (int i = 0; i < cases.size(); i++) {
        ConformanceCase kase = cases.get(i);
        progress.started(i + 1, cases.size(), kase);
        CaseResult result = run(kase);
        results.add(result);
        progress.finished(i + 1, cases.size(), result);
      }
    } finally {
      closeContracts();
    }
    return results;
  }

  /**
   * The run's contract authority, opened when the first case needs it: the OCSP responder then
   * listens until the run ends.
   */
  private ContractAuthority contracts() {
    LabConfiguration.Contracts c = lab.contracts();
    if (c == null) {
      throw new IllegalStateException("the configuration has no contracts");
    }
    if (contracts == null) {
      contracts = ContractAuthority.open(c.rootCertificate(), c.rootKey(), c.ocspResponder());
    }
    return contracts;
  }

  private void closeContracts() {
    if (contracts != null) {
      contracts.close();
      contracts = null;
    }
  }

  public CaseResult run(ConformanceCase kase) {
    Optional<String> notApplicable = notApplicable(kase, lab);
    if (notApplicable.isPresent()) {
      return CaseResult.notApplicable(kase, notApplicable.get());
    }
    LabConfiguration.Station station = stationFor(kase, lab);
    FrameTrace trace = traceDir == null ? null : openTrace(kase);
    FrameObserver observer = trace != null ? trace : NO_TRACE;
    try {
      StationSide wire = new StationSide(kase.version(), connector, clock, observer);
      return new CaseRun(
              kase, lab, station, wire, driver, cleanup.apply(kase.version()), this::contracts)
          .run();
    } finally {
      if (trace != null) {
        trace.close();
      }
    }
  }

  private FrameTrace openTrace(ConformanceCase kase) {
    Path dir = traceDir;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(FrameTrace.safeFileName(kase.id()) + ".ocpp.jsonl"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the trace of " + kase.id(), e);
    }
    return new FrameTrace(dir, kase.id(), new SchedulerClock(clock.scheduler()));
  }

  /** Why {@code kase} cannot run with {@code lab}, if it cannot. */
  public static Optional<String> notApplicable(ConformanceCase kase, LabConfiguration lab) {
    if (kase.version() != lab.protocol()) {
      return Optional.of("the CSMS is tested on " + lab.protocol().subprotocol());
    }
    if (!kase.features().hold(lab.features())) {
      return Optional.of(
          "needs the feature(s) " + kase.features() + " (features in the configuration)");
    }
    if (!kase.securityProfiles().isEmpty()
        && lab.stations().stream()
            .noneMatch(s -> kase.securityProfiles().contains(s.securityProfile()))) {
      return Optional.of(
          "needs a station on security profile "
              + kase.securityProfiles().stream()
                  .sorted()
                  .map(String::valueOf)
                  .collect(Collectors.joining(" or ")));
    }
    for (ConformanceCase.Need need : kase.needs()) {
      if (!provides(lab, need)) {
        return Optional.of("needs " + need.description());
      }
    }
    if (lab.evses().size() < kase.minEvses()) {
      return Optional.of("needs " + kase.minEvses() + " EVSEs (evses in the configuration)");
    }
    return Optional.empty();
  }

  private static boolean provides(LabConfiguration lab, ConformanceCase.Need need) {
    return switch (need) {
      case TLS -> "wss".equalsIgnoreCase(lab.csms().getScheme());
      case CONTRACTS -> lab.contracts() != null;
    };
  }

  /** The station a case plays: the first of a profile it needs, else the first of all. */
  static LabConfiguration.Station stationFor(ConformanceCase kase, LabConfiguration lab) {
    return lab.stations().stream()
        .filter(
            s ->
                kase.securityProfiles().isEmpty()
                    || kase.securityProfiles().contains(s.securityProfile()))
        .findFirst()
        .orElseThrow();
  }

  private static final FrameObserver NO_TRACE =
      new FrameObserver() {
        @Override
        public void sending(String frame) {}

        @Override
        public void received(String frame) {}
      };
}
