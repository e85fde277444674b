package io.kilowire.conformance.variants;

import io.kilowire.conformance.VirtualSandbox;
import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.conformance.run.Verdict;
import io.kilowire.core.ocpp.OcppVersion;
import io.kilowire.core.scheduling.TaskScheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The suite run against the sandbox and every variant: case by variant, the verdicts. */
final class VariantMatrix {
  final OcppVersion version;
  final List<ConformanceCase> cases;
  final Map<String, CaseResult> baseline = new LinkedHashMap<>();
  final Map<Variant, Map<String, CaseResult>> byVariant = new LinkedHashMap<>();

  private VariantMatrix(OcppVersion version) {
    this.version = version;
    this.cases = CaseCatalogue.cases(version);
  }

  static VariantMatrix run(OcppVersion version, List<Variant> variants) {
    return run(version, variants, null);
  }

  /**
   * As {@link #run(OcppVersion, List)}; with {@code carriedFrom} (the matrix of the version whose
   * cases {@code version} plays again), a variant meets only the cases it made FAIL there and the
   * cases {@code carriedFrom} does not have: the carried-over case is shown able to fail again at a
   * fraction of the time. The other cells are not run.
   */
  static VariantMatrix run(
      OcppVersion version, List<Variant> variants, @Nullable VariantMatrix carriedFrom) {
    VariantMatrix m = new VariantMatrix(version);
    for (CaseResult r : VirtualSandbox.run(version)) {
      m.baseline.put(r.kase().id(), r);
    }
    for (Variant v : variants) {
      List<ConformanceCase> cases =
          carriedFrom == null
              ? m.cases
              : m.cases.stream()
                  .filter(
                      c ->
                          !carriedFrom.baseline.containsKey(c.id())
                              || carriedFrom.caughtBy(c.id()).contains(v))
                  .toList();
      Map<String, CaseResult> results = new LinkedHashMap<>();
      if (cases.isEmpty() || !v.appliesTo(version)) {
        m.byVariant.put(v, results);
        continue;
      }
      for (CaseResult r :
          VirtualSandbox.run(
              version,
              cases,
              scheduler -> wrap(v, scheduler),
              v.gate(),
              v.contractCheck(),
              v.subprotocols())) {
        results.put(r.kase().id(), r);
      }
      m.byVariant.put(v, results);
    }
    return m;
  }

  private static FaultyCsms wrap(Variant v, TaskScheduler scheduler) {
    return new FaultyCsms(v, scheduler);
  }

  /** The cases the sandbox runs (not NOT_APPLICABLE there). */
  List<String> runnable() {
    return baseline.values().stream()
        .filter(r -> r.verdict() != Verdict.NOT_APPLICABLE)
        .map(r -> r.kase().id())
        .toList();
  }

  /** The variants a case FAILs against in its own scenario. */
  List<Variant> caughtBy(String caseId) {
    return byVariant.entrySet().stream()
        .filter(e -> e.getValue().containsKey(caseId))
        .filter(e -> e.getValue().get(caseId).failedInScenario())
        .map(Map.Entry::getKey)
        .toList();
  }
}
