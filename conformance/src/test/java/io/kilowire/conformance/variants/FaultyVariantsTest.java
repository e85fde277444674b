package io.kilowire.conformance.variants;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowire.conformance.run.Verdict;
import io.kilowire.core.ocpp.OcppVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proof that every case can fail: the suite passes against the sandbox and fails, in the case's own
 * scenario, against at least one faulty variant of it. Runs in virtual time. The coverage table and
 * the matrix in docs/CONFORMANCE.md must be what this run finds; run with {@code
 * -Dconformance.updateDocs=true} to rewrite them.
 */
class FaultyVariantsTest {
  static List<VariantMatrix> matrices;

  @BeforeAll
  static void runTheSuiteAgainstTheSandboxAndEveryVariant() {
    VariantMatrix v201 = VariantMatrix.run(OcppVersion.V201, Variants.all());
    matrices =
        List.of(
            v201,
            VariantMatrix.run(OcppVersion.V21, Variants.all(), v201),
            VariantMatrix.run(OcppVersion.V16, Variants.all()));
  }

  @Test
  void everyCasePassesAgainstTheSandbox() {
    String notPassing =
        matrices.stream()
            .flatMap(m -> m.baseline.values().stream())
            .filter(r -> r.verdict() != Verdict.PASS && r.verdict() != Verdict.NOT_APPLICABLE)
            .map(r -> r.kase().id() + " " + r.verdict() + ": " + r.reason())
            .collect(Collectors.joining("\n"));
    assertThat(notPassing).isEmpty();
  }

  @Test
  void everyCaseFailsInItsScenarioAgainstSomeVariant() {
    String neverFailing =
        matrices.stream()
            .flatMap(m -> m.runnable().stream().filter(id -> m.caughtBy(id).isEmpty()))
            .collect(Collectors.joining(", "));
    assertThat(neverFailing).as("cases no variant makes FAIL in their scenario").isEmpty();
  }

  @Test
  void theDocumentShowsThisRunsCoverageAndMatrix() throws IOException {
    Path doc =
        Path.of(System.getProperty("kilowire.project.dir", "..")).resolve("docs/CONFORMANCE.md");
    String text = Files.readString(doc);
    String updated =
        replace(
            replace(text, "coverage", DocTables.coverage()),
            "matrix",
            DocTables.matrix(matrices, Variants.all()));
    if (Boolean.getBoolean("conformance.updateDocs")) {
      Files.writeString(doc, updated);
      return;
    }
    assertThat(text)
        .as("docs/CONFORMANCE.md is stale; run with -Dconformance.updateDocs=true")
        .isEqualTo(updated);
  }

  private static String replace(String text, String section, String content) {
    String begin = "<!-- " + section + ":begin -->\n";
    String end = "<!-- " + section + ":end -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new AssertionError("docs/CONFORMANCE.md has no " + section + " markers");
    }
    return text.substring(0, from + begin.length()) + content + text.substring(to);
  }
}
