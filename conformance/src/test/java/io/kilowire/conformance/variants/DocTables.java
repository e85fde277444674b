package io.kilowire.conformance.variants;

import io.kilowire.conformance.cases.CaseCatalogue;
import io.kilowire.conformance.cases.ConformanceCase;
import io.kilowire.conformance.run.CaseResult;
import io.kilowire.core.ocpp.OcppVersion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The tables of docs/CONFORMANCE.md that the tests keep true: coverage and the variant matrix. */
final class DocTables {
  private DocTables() {}

  /** Per version and block or profile: cases the suite runs, ids NOT_YET, ids in the document. */
  static String coverage() {
    StringBuilder md = new StringBuilder();
    md.append(
        "| protocol | block / profile | certification profiles | cases | NOT_YET | in the document |\n");
    md.append("|---|---|---|---:|---:|---:|\n");
    for (OcppVersion v : List.of(OcppVersion.V201, OcppVersion.V21, OcppVersion.V16)) {
      Map<String, int[]> rows = new TreeMap<>();
      Map<String, java.util.Set<String>> profiles = new TreeMap<>();
      for (ConformanceCase c : CaseCatalogue.cases(v)) {
        rows.computeIfAbsent(c.group(), g -> new int[2])[0]++;
        profiles
            .computeIfAbsent(c.group(), g -> new java.util.TreeSet<>())
            .add(c.profile().title());
      }
      for (CaseCatalogue.NotYet n : CaseCatalogue.notYet(v)) {
        rows.computeIfAbsent(n.group(), g -> new int[2])[1]++;
      }
      int cases = 0;
      int notYet = 0;
      for (Map.Entry<String, int[]> row : rows.entrySet()) {
        int[] n = row.getValue();
        cases += n[0];
        notYet += n[1];
        md.append("| ")
            .append(v.subprotocol())
            .append(" | ")
            .append(row.getKey())
            .append(" | ")
            .append(String.join(", ", profiles.getOrDefault(row.getKey(), java.util.Set.of())))
            .append(" | ")
            .append(n[0])
            .append(" | ")
            .append(n[1])
            .append(" | ")
            .append(n[0] + n[1])
            .append(" |\n");
      }
      md.append("| ")
          .append(v.subprotocol())
          .append(" | **all** |  | **")
          .append(cases)
          .append("** | **")
          .append(notYet)
          .append("** | **")
          .append(cases + notYet)
          .append("** |\n");
    }
    return md.toString();
  }

  /**
   * Case by variant: F = FAIL in the case's scenario, b = FAIL outside it, I, E, N/A, · = PASS,
   * empty = not run (a 2.1 run of a 2.0.1 case meets only the variants that caught it on 2.0.1).
   */
  static String matrix(List<VariantMatrix> matrices, List<Variant> variants) {
    StringBuilder md = new StringBuilder();
    md.append("| # | variant | defect |\n|---|---|---|\n");
    for (int i = 0; i < variants.size(); i++) {
      md.append("| V")
          .append(i + 1)
          .append(" | `")
          .append(variants.get(i).name())
          .append("` | ")
          .append(variants.get(i).defect())
          .append(" |\n");
    }
    for (VariantMatrix m : matrices) {
      md.append("\n**").append(m.version.subprotocol()).append("**\n\n| case |");
      for (int i = 0; i < variants.size(); i++) {
        md.append(" V").append(i + 1).append(" |");
      }
      md.append("\n|---|");
      md.append("---|".repeat(variants.size()));
      md.append('\n');
      for (String id : m.runnable()) {
        md.append("| ").append(id).append(" |");
        for (Variant v : variants) {
          md.append(' ').append(cell(m.byVariant.get(v).get(id))).append(" |");
        }
        md.append('\n');
      }
    }
    return md.toString();
  }

  private static String cell(@Nullable CaseResult r) {
    if (r == null) {
      return "";
    }
    if (r.failedInScenario()) {
      return "F";
    }
    return switch (r.verdict()) {
      case FAIL -> "b";
      case INCONCLUSIVE -> "I";
      case ERROR -> "E";
      case NOT_APPLICABLE -> "N/A";
      case PASS -> "·";
    };
  }
}
