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
    VariantMatrix m = new VariantMatrix(version);
    for (CaseResult r : VirtualSandbox.run(version)) {
      m.baseline.put(r.kase().id(), r);
    }
    for (Variant v : variants) {
      Map<String, CaseResult> results = new LinkedHashMap<>();
      for (CaseResult r :
          VirtualSandbox.run(
              version,
              m.cases,
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
        .filter(e -> e.getValue().get(caseId).failedInScenario())
        .map(Map.Entry::getKey)
        .toList();
  }
}
