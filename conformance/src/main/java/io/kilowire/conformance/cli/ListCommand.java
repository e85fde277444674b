package io.kilowire.conformance.cli;

import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.lab.LabConfiguration;
import io.kilowire.conformance.run.SuiteRunner;
import io.kilowire.core.ocpp.OcppVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code list}: every case id of the two documents: the cases the suite runs (with a configuration,
 * those it cannot run for it are marked NOT_APPLICABLE) and the rest as NOT_YET with the reason.
 */
@Command(
    name = "list",
    description = {
      "Lists every CSMS case id of OCPP 2.0.1 Part 6 and of the OCTT 1.6 document: the cases",
      "the suite runs, and the others as NOT_YET with the reason; and the cases of its 2.1 run",
      "(the 2.0.1 cases 2.1 kept). With --config, cases the configuration cannot run are marked",
      "NOT_APPLICABLE."
    },
    mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {
  @Mixin LabOptions lab;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LabConfiguration configured = lab.resolve(null);
    OcppVersion flag = lab.protocolFlag();
    List<OcppVersion> versions =
        configured != null
            ? List.of(configured.protocol())
            : flag != null
                ? List.of(flag)
                : List.of(OcppVersion.V201, OcppVersion.V21, OcppVersion.V16);
    for (OcppVersion version : versions) {
      List<ConformanceCase> cases = CaseCatalogue.cases(version);
      List<CaseCatalogue.NotYet> notYet = CaseCatalogue.notYet(version);
      out.println(
          version.subprotocol()
              + ": "
              + cases.size()
              + " case(s) run, "
              + notYet.size()
              + " NOT_YET");
      for (ConformanceCase c : cases) {
        String status = "RUNS";
        String note = c.title();
        if (configured != null) {
          Optional<String> why = SuiteRunner.notApplicable(c, configured);
          if (why.isPresent()) {
            status = "NOT_APPLICABLE";
            note = c.title() + " (" + why.get() + ")";
          }
        }
        out.printf("  %-14s %-15s %-20s %s%n", c.id(), status, c.profile().key(), note);
      }
      for (CaseCatalogue.NotYet n : notYet) {
        out.printf("  %-14s %-15s %-20s %s%n", n.id(), "NOT_YET", n.group(), n.reason());
      }
    }
    out.flush();
    return 0;
  }
}
